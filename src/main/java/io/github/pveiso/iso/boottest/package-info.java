/**
 * Booting an ISO in QEMU in every mode its layout supports and reading the console for the outcome.
 */
package io.github.pveiso.iso.boottest;
