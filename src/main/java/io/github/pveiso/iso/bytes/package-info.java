/**
 * Byte-level access to an image: bounds-checked channel reads, extents and little/big-endian
 * fields.
 */
package io.github.pveiso.iso.bytes;
