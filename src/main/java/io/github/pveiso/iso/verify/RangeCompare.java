package io.github.pveiso.iso.verify;

import io.github.pveiso.iso.IsoEntry;
import io.github.pveiso.iso.bytes.Extent;
import io.github.pveiso.iso.bytes.ImageChannel;
import java.util.Arrays;

/** Compares byte ranges of two images chunk by chunk, without holding them in memory. */
final class RangeCompare {
  private static final int CHUNK = 1 << 20;

  private RangeCompare() {}

  /** The offset (relative to the ranges' starts) of the first differing byte, or -1. */
  static long firstDifference(
      ImageChannel a, long offsetA, ImageChannel b, long offsetB, long length) {
    byte[] bufA = new byte[(int) Math.min(CHUNK, length)];
    byte[] bufB = new byte[bufA.length];
    for (long done = 0; done < length; ) {
      int n = (int) Math.min(bufA.length, length - done);
      a.read(offsetA + done, bufA, 0, n);
      b.read(offsetB + done, bufB, 0, n);
      int mismatch = Arrays.mismatch(bufA, 0, n, bufB, 0, n);
      if (mismatch >= 0) {
        return done + mismatch;
      }
      done += n;
    }
    return -1;
  }

  /** The first differing byte of two files' contents (as lists of extents), or -1. */
  static long firstDifference(ImageChannel a, IsoEntry fa, ImageChannel b, IsoEntry fb) {
    if (fa.size() != fb.size()) {
      return Math.min(fa.size(), fb.size());
    }
    long base = 0;
    int ia = 0;
    int ib = 0;
    long doneA = 0;
    long doneB = 0;
    while (ia < fa.extents().size() && ib < fb.extents().size()) {
      Extent ea = fa.extents().get(ia);
      Extent eb = fb.extents().get(ib);
      long n = Math.min(ea.length() - doneA, eb.length() - doneB);
      long diff = firstDifference(a, ea.offset() + doneA, b, eb.offset() + doneB, n);
      if (diff >= 0) {
        return base + diff;
      }
      base += n;
      doneA += n;
      doneB += n;
      if (doneA == ea.length()) {
        ia++;
        doneA = 0;
      }
      if (doneB == eb.length()) {
        ib++;
        doneB = 0;
      }
    }
    return -1;
  }
}
