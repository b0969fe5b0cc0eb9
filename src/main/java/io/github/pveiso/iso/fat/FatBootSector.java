package io.github.pveiso.iso.fat;

import io.github.pveiso.iso.bytes.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A FAT boot sector's BIOS parameter block (the first 512 bytes of the volume).
 *
 * @param jump the 3-byte jump instruction
 * @param oemName the 8-byte OEM name as stored
 * @param bytesPerSector bytes per sector
 * @param sectorsPerCluster sectors per cluster
 * @param reservedSectors reserved sectors before the first FAT
 * @param fatCount number of FATs
 * @param rootEntries root directory entries (0 on FAT32)
 * @param totalSectors16 total sectors when below 65536, else 0
 * @param media the media descriptor
 * @param sectorsPerFat16 sectors per FAT (0 on FAT32)
 * @param sectorsPerTrack geometry
 * @param heads geometry
 * @param hiddenSectors sectors before the volume
 * @param totalSectors32 total sectors when 65536 or more
 * @param tail bytes 36..511 as stored (FAT32 fields or the FAT12/16 extended block, boot code)
 */
public record FatBootSector(
    byte[] jump,
    String oemName,
    int bytesPerSector,
    int sectorsPerCluster,
    int reservedSectors,
    int fatCount,
    int rootEntries,
    int totalSectors16,
    int media,
    int sectorsPerFat16,
    int sectorsPerTrack,
    int heads,
    long hiddenSectors,
    long totalSectors32,
    byte[] tail) {

  /** Parses the first 512 bytes of a FAT volume. */
  public static FatBootSector parse(byte[] b) {
    return new FatBootSector(
        Bytes.slice(b, 0, 3),
        new String(b, 3, 8, StandardCharsets.ISO_8859_1),
        Bytes.le16(b, 11),
        Bytes.u8(b, 13),
        Bytes.le16(b, 14),
        Bytes.u8(b, 16),
        Bytes.le16(b, 17),
        Bytes.le16(b, 19),
        Bytes.u8(b, 21),
        Bytes.le16(b, 22),
        Bytes.le16(b, 24),
        Bytes.le16(b, 26),
        Bytes.le32(b, 28),
        Bytes.le32(b, 32),
        Bytes.slice(b, 36, 512 - 36));
  }

  /** Parses {@code b} when its parameters look like a FAT file system's. */
  public static Optional<FatBootSector> parseIfFat(byte[] b) {
    if (b.length < 512) {
      return Optional.empty();
    }
    FatBootSector s = parse(b);
    int bps = s.bytesPerSector;
    boolean sane =
        (bps == 512 || bps == 1024 || bps == 2048 || bps == 4096)
            && s.sectorsPerCluster > 0
            && Integer.bitCount(s.sectorsPerCluster) == 1
            && s.reservedSectors > 0
            && s.fatCount > 0
            && s.totalSectors() > 0
            && s.sectorsPerFat() > 0
            && Bytes.le16(b, 510) == 0xAA55;
    return sane ? Optional.of(s) : Optional.empty();
  }

  /** The 512 bytes on disk. */
  public byte[] record() {
    byte[] b = new byte[512];
    Bytes.put(b, 0, jump);
    Bytes.put(b, 3, oemName.getBytes(StandardCharsets.ISO_8859_1));
    Bytes.putLe16(b, 11, bytesPerSector);
    b[13] = (byte) sectorsPerCluster;
    Bytes.putLe16(b, 14, reservedSectors);
    b[16] = (byte) fatCount;
    Bytes.putLe16(b, 17, rootEntries);
    Bytes.putLe16(b, 19, totalSectors16);
    b[21] = (byte) media;
    Bytes.putLe16(b, 22, sectorsPerFat16);
    Bytes.putLe16(b, 24, sectorsPerTrack);
    Bytes.putLe16(b, 26, heads);
    Bytes.putLe32(b, 28, hiddenSectors);
    Bytes.putLe32(b, 32, totalSectors32);
    Bytes.put(b, 36, tail);
    return b;
  }

  /** Total sectors of the volume. */
  public long totalSectors() {
    return totalSectors16 != 0 ? totalSectors16 : totalSectors32;
  }

  /** The volume's size in bytes. */
  public long totalBytes() {
    return totalSectors() * bytesPerSector;
  }

  /** Sectors per FAT (the FAT32 field when the 16-bit one is 0). */
  public long sectorsPerFat() {
    return sectorsPerFat16 != 0 ? sectorsPerFat16 : Bytes.le32(tail, 0);
  }

  /** The FAT32 root directory's first cluster. */
  public long rootCluster() {
    return Bytes.le32(tail, 8);
  }

  /** Sectors the fixed FAT12/16 root directory takes. */
  public long rootDirSectors() {
    return ((long) rootEntries * 32 + bytesPerSector - 1) / bytesPerSector;
  }

  /** The first data sector (cluster 2). */
  public long firstDataSector() {
    return reservedSectors + fatCount * sectorsPerFat() + rootDirSectors();
  }

  /** Count of data clusters. */
  public long clusterCount() {
    return (totalSectors() - firstDataSector()) / sectorsPerCluster;
  }

  /** FAT12, FAT16 or FAT32 by cluster count. */
  public FatType type() {
    long clusters = clusterCount();
    if (clusters < 4085) {
      return FatType.FAT12;
    }
    return clusters < 65525 ? FatType.FAT16 : FatType.FAT32;
  }
}
