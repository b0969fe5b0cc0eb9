package io.github.pveiso.iso.boot;

/** An El Torito boot media type (emulation), the low four bits of the media byte. */
public enum Emulation {
  /** 0: no emulation (GRUB, EFI). */
  NONE,
  /** 1: 1.2 MB floppy. */
  FLOPPY_1_2M,
  /** 2: 1.44 MB floppy. */
  FLOPPY_1_44M,
  /** 3: 2.88 MB floppy. */
  FLOPPY_2_88M,
  /** 4: hard disk. */
  HARD_DISK,
  /** Any other value. */
  UNKNOWN;

  /** The emulation of a media type byte. */
  public static Emulation of(int mediaType) {
    int low = mediaType & 0x0f;
    return low < 5 ? values()[low] : UNKNOWN;
  }

  /** The emulated medium's size in bytes for floppies, else -1. */
  public long floppyBytes() {
    return switch (this) {
      case FLOPPY_1_2M -> 1_228_800L;
      case FLOPPY_1_44M -> 1_474_560L;
      case FLOPPY_2_88M -> 2_949_120L;
      default -> -1;
    };
  }
}
