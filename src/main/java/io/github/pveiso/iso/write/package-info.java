/**
 * Writing modified ISOs: the change list, the {@link io.github.pveiso.iso.write.IsoWriter} seam
 * with its pure-Java growing implementation ({@link io.github.pveiso.iso.write.GrowingIsoWriter})
 * and its xorriso implementation, the per-layout choice between them, and the write-verify-move
 * step.
 */
package io.github.pveiso.iso.write;
