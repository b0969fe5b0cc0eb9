/**
 * Writing modified ISOs: the change list, the {@link io.github.pveiso.iso.write.IsoWriter} seam
 * with its xorriso implementation, and the write-verify-move step.
 */
package io.github.pveiso.iso.write;
