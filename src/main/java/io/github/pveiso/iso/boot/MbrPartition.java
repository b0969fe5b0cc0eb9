package io.github.pveiso.iso.boot;

import io.github.pveiso.iso.bytes.Bytes;

/**
 * One 16-byte MBR partition entry.
 *
 * @param status 0x80 active, 0x00 inactive
 * @param chsFirst the 3-byte CHS address of the first sector, packed into an int
 * @param type the partition type (0xEE protective GPT, 0xEF EFI, 0x00 unused)
 * @param chsLast the 3-byte CHS address of the last sector, packed into an int
 * @param firstLba the first 512-byte sector
 * @param sectors the number of 512-byte sectors
 */
public record MbrPartition(
    int status, int chsFirst, int type, int chsLast, long firstLba, long sectors) {

  private static final int HEADS = 64;
  private static final int SECTORS_PER_TRACK = 32;

  /** Parses the 16 bytes at {@code at}. */
  public static MbrPartition parse(byte[] b, int at) {
    return new MbrPartition(
        Bytes.u8(b, at),
        Bytes.u8(b, at + 1) | Bytes.u8(b, at + 2) << 8 | Bytes.u8(b, at + 3) << 16,
        Bytes.u8(b, at + 4),
        Bytes.u8(b, at + 5) | Bytes.u8(b, at + 6) << 8 | Bytes.u8(b, at + 7) << 16,
        Bytes.le32(b, at + 8),
        Bytes.le32(b, at + 12));
  }

  /** Writes the 16 bytes at {@code at}. */
  public void write(byte[] b, int at) {
    b[at] = (byte) status;
    b[at + 1] = (byte) chsFirst;
    b[at + 2] = (byte) (chsFirst >>> 8);
    b[at + 3] = (byte) (chsFirst >>> 16);
    b[at + 4] = (byte) type;
    b[at + 5] = (byte) chsLast;
    b[at + 6] = (byte) (chsLast >>> 8);
    b[at + 7] = (byte) (chsLast >>> 16);
    Bytes.putLe32(b, at + 8, firstLba);
    Bytes.putLe32(b, at + 12, sectors);
  }

  /**
   * The packed CHS address of sector {@code lba} with xorriso's and isohybrid's geometry (64 heads,
   * 32 sectors per track), capped at cylinder 1023 like libisofs does.
   */
  public static int chs(long lba) {
    long capped = Math.min(lba, 1024L * HEADS * SECTORS_PER_TRACK - 1);
    int cylinder = (int) (capped / (HEADS * SECTORS_PER_TRACK));
    int head = (int) (capped / SECTORS_PER_TRACK % HEADS);
    int sector = (int) (capped % SECTORS_PER_TRACK) + 1;
    return head | (sector | (cylinder >> 8) << 6) << 8 | (cylinder & 0xFF) << 16;
  }

  /** This entry with another length; its CHS end follows when it followed the old length. */
  public MbrPartition withSectors(long newSectors) {
    int last = chsLast;
    if (sectors > 0 && chsLast == chs(firstLba + sectors - 1)) {
      last = chs(firstLba + newSectors - 1);
    }
    return new MbrPartition(status, chsFirst, type, last, firstLba, newSectors);
  }

  /** True when the entry is in use (type not 0). */
  public boolean used() {
    return type != 0;
  }
}
