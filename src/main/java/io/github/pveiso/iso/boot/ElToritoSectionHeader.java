package io.github.pveiso.iso.boot;

import io.github.pveiso.iso.bytes.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * An El Torito section header (32 bytes): 0x90 (more headers follow) or 0x91 (final), the platform
 * of its entries and how many follow.
 *
 * @param indicator 0x90 or 0x91
 * @param platformId the platform of the section's entries
 * @param entryCount how many section entries follow
 * @param idString the 28-byte id as stored
 */
public record ElToritoSectionHeader(
    int indicator, int platformId, int entryCount, String idString) {

  /** Parses the 32 bytes at {@code at}. */
  public static ElToritoSectionHeader parse(byte[] b, int at) {
    return new ElToritoSectionHeader(
        Bytes.u8(b, at),
        Bytes.u8(b, at + 1),
        Bytes.le16(b, at + 2),
        new String(b, at + 4, 28, StandardCharsets.ISO_8859_1));
  }

  /** The 32 bytes on disk. */
  public byte[] record() {
    byte[] b = new byte[32];
    b[0] = (byte) indicator;
    b[1] = (byte) platformId;
    Bytes.putLe16(b, 2, entryCount);
    Bytes.put(b, 4, idString.getBytes(StandardCharsets.ISO_8859_1));
    return b;
  }

  /** True for the last section header (0x91). */
  public boolean isFinal() {
    return indicator == 0x91;
  }

  /** The section's platform. */
  public Platform platform() {
    return Platform.of(platformId);
  }
}
