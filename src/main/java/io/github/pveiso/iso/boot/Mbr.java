package io.github.pveiso.iso.boot;

import io.github.pveiso.iso.bytes.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The master boot record in the first 512 bytes of a hybrid ISO's system area.
 *
 * @param bootCode the first 440 bytes (GRUB's or isolinux's hybrid boot code, or zeros)
 * @param diskSignature bytes 440..443
 * @param reserved bytes 444..445
 * @param partitions the four partition entries
 * @param signature bytes 510..511, 0xAA55 when valid
 */
public record Mbr(
    byte[] bootCode,
    long diskSignature,
    int reserved,
    List<MbrPartition> partitions,
    int signature) {

  /** The boot signature 0x55 0xAA read little-endian. */
  public static final int VALID_SIGNATURE = 0xAA55;

  /** Copies the list. */
  public Mbr {
    partitions = List.copyOf(partitions);
  }

  /** Parses the first 512 bytes of an image; empty when bytes 510..511 are not 0x55 0xAA. */
  public static Optional<Mbr> parse(byte[] b) {
    Mbr mbr = parseAlways(b);
    return mbr.signature == VALID_SIGNATURE ? Optional.of(mbr) : Optional.empty();
  }

  /** Parses the first 512 bytes whatever their signature. */
  public static Mbr parseAlways(byte[] b) {
    List<MbrPartition> parts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      parts.add(MbrPartition.parse(b, 446 + 16 * i));
    }
    return new Mbr(
        Bytes.slice(b, 0, 440), Bytes.le32(b, 440), Bytes.le16(b, 444), parts, Bytes.le16(b, 510));
  }

  /** The 512 bytes on disk. */
  public byte[] record() {
    byte[] b = new byte[512];
    Bytes.put(b, 0, bootCode);
    Bytes.putLe32(b, 440, diskSignature);
    Bytes.putLe16(b, 444, reserved);
    for (int i = 0; i < 4; i++) {
      partitions.get(i).write(b, 446 + 16 * i);
    }
    Bytes.putLe16(b, 510, signature);
    return b;
  }

  /** True when the boot code area is not all zeros. */
  public boolean hasBootCode() {
    return !Bytes.allZero(bootCode, 0, bootCode.length);
  }

  /** The entries in use. */
  public List<MbrPartition> usedPartitions() {
    return partitions.stream().filter(MbrPartition::used).toList();
  }
}
