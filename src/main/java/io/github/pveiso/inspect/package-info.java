/**
 * What {@code pveiso inspect} reports about any ISO: volume, boot layout, product facts, packages.
 */
package io.github.pveiso.inspect;
