package io.github.pveiso.iso.verify;

import io.github.pveiso.iso.bytes.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes xorriso patches with a boot image's position when it writes an image: the El Torito
 * boot info table, GRUB2's boot info in the boot image and the GRUB2 hybrid MBR's pointer. These
 * legitimately differ when a boot image moves; anything else must stay byte for byte.
 */
final class BootPatches {
  /** Boot info table: bytes 8..63 of a no-emulation boot image. */
  static final int INFO_TABLE_FROM = 8;

  static final int INFO_TABLE_TO = 64;

  /** GRUB2 boot info: the 512-byte address of the image plus 5 at byte 2548 of the image. */
  static final int GRUB2_INFO_AT = 2548;

  /** GRUB2 hybrid MBR: the 512-byte address of the BIOS boot image plus 4 at byte 0x1b0. */
  static final int GRUB2_MBR_AT = 0x1b0;

  private BootPatches() {}

  /** True when bytes 8..23 hold a boot info table that describes an image at {@code lba}. */
  static boolean hasInfoTable(byte[] image, long lba) {
    return image.length >= INFO_TABLE_TO
        && Bytes.le32(image, 8) == 16
        && Bytes.le32(image, 12) == lba
        && Bytes.le32(image, 16) == image.length;
  }

  /** True when byte 2548 holds GRUB2 boot info for an image at {@code lba}. */
  static boolean hasGrub2Info(byte[] image, long lba) {
    return image.length >= GRUB2_INFO_AT + 8 && Bytes.le64(image, GRUB2_INFO_AT) == lba * 4 + 5;
  }

  /** True when the MBR's byte 0x1b0 points at a BIOS boot image at {@code lba}. */
  static boolean hasGrub2MbrPointer(byte[] mbr, long lba) {
    return Bytes.le64(mbr, GRUB2_MBR_AT) == lba * 4 + 4;
  }

  /**
   * Compares two boot images, allowing only the position patches that each carries for its own
   * block.
   *
   * @return {@code ""} when byte-identical; a line starting {@code identical except} when only
   *     position patches differ; otherwise a line saying where they differ
   */
  static String compareImages(byte[] a, long lbaA, byte[] b, long lbaB) {
    if (a.length != b.length) {
      return "length " + b.length + " differs from the source's " + a.length;
    }
    List<int[]> allowed = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    if (hasInfoTable(a, lbaA) && hasInfoTable(b, lbaB)) {
      allowed.add(new int[] {INFO_TABLE_FROM, INFO_TABLE_TO});
      notes.add("boot info table");
    }
    if (hasGrub2Info(a, lbaA) && hasGrub2Info(b, lbaB)) {
      allowed.add(new int[] {GRUB2_INFO_AT, GRUB2_INFO_AT + 8});
      notes.add("GRUB2 boot info");
    }
    int diff = firstDifference(a, b, allowed);
    if (diff >= 0) {
      return "byte " + diff + " differs from the source";
    }
    if (java.util.Arrays.equals(a, b)) {
      return "";
    }
    return "identical except its " + String.join(" and ", notes) + ", which match its new block";
  }

  /** The first offset where {@code a} and {@code b} differ outside {@code allowed}, or -1. */
  static int firstDifference(byte[] a, byte[] b, List<int[]> allowed) {
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      if (a[i] != b[i] && !inside(i, allowed)) {
        return i;
      }
    }
    return a.length == b.length ? -1 : n;
  }

  private static boolean inside(int i, List<int[]> ranges) {
    for (int[] r : ranges) {
      if (i >= r[0] && i < r[1]) {
        return true;
      }
    }
    return false;
  }
}
