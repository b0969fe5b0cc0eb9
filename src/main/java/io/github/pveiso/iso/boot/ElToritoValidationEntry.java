package io.github.pveiso.iso.boot;

import io.github.pveiso.iso.bytes.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * The El Torito validation entry, the catalog's first 32 bytes: header id 1, the default entry's
 * platform, an id string, a checksum that makes the 16-bit words sum to zero, and 0x55 0xAA.
 *
 * @param headerId 1
 * @param platformId the platform of the default entry
 * @param reserved bytes 2..3
 * @param idString the 24-byte manufacturer id as stored
 * @param checksum the checksum word
 * @param key1 0x55
 * @param key2 0xAA
 */
public record ElToritoValidationEntry(
    int headerId, int platformId, int reserved, String idString, int checksum, int key1, int key2) {

  /** Parses the 32 bytes at {@code at}. */
  public static ElToritoValidationEntry parse(byte[] b, int at) {
    return new ElToritoValidationEntry(
        Bytes.u8(b, at),
        Bytes.u8(b, at + 1),
        Bytes.le16(b, at + 2),
        new String(b, at + 4, 24, StandardCharsets.ISO_8859_1),
        Bytes.le16(b, at + 28),
        Bytes.u8(b, at + 30),
        Bytes.u8(b, at + 31));
  }

  /** The 32 bytes on disk. */
  public byte[] record() {
    byte[] b = new byte[32];
    b[0] = (byte) headerId;
    b[1] = (byte) platformId;
    Bytes.putLe16(b, 2, reserved);
    Bytes.put(b, 4, idString.getBytes(StandardCharsets.ISO_8859_1));
    Bytes.putLe16(b, 28, checksum);
    b[30] = (byte) key1;
    b[31] = (byte) key2;
    return b;
  }

  /** True when header id, key bytes and checksum are as El Torito requires. */
  public boolean valid() {
    byte[] b = record();
    int sum = 0;
    for (int i = 0; i < 32; i += 2) {
      sum += Bytes.le16(b, i);
    }
    return headerId == 1 && key1 == 0x55 && key2 == 0xAA && (sum & 0xffff) == 0;
  }

  /** The platform of the default entry. */
  public Platform platform() {
    return Platform.of(platformId);
  }
}
