package io.github.pveiso.iso.boot;

import io.github.pveiso.iso.bytes.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * One Apple partition map entry (the first 512 bytes of its block, signature {@code PM}).
 *
 * @param signature {@code PM}
 * @param reserved bytes 2..3
 * @param mapEntries how many entries the map has
 * @param startBlock the partition's first block (in the map's block size)
 * @param blockCount the partition's length in blocks
 * @param nameField the 32-byte name as stored
 * @param typeField the 32-byte type as stored, e.g. {@code Apple_HFS}
 * @param rest bytes 80..511 as stored
 */
public record ApmEntry(
    String signature,
    int reserved,
    long mapEntries,
    long startBlock,
    long blockCount,
    String nameField,
    String typeField,
    byte[] rest) {

  /** The type of the entry that describes the map itself. */
  public static final String PARTITION_MAP_TYPE = "Apple_partition_map";

  /** The type of an HFS or HFS+ partition. */
  public static final String HFS_TYPE = "Apple_HFS";

  /** Parses the 512 bytes at {@code at}. */
  public static ApmEntry parse(byte[] b, int at) {
    return new ApmEntry(
        new String(b, at, 2, StandardCharsets.ISO_8859_1),
        Bytes.be16(b, at + 2),
        Bytes.be32(b, at + 4),
        Bytes.be32(b, at + 8),
        Bytes.be32(b, at + 12),
        new String(b, at + 16, 32, StandardCharsets.ISO_8859_1),
        new String(b, at + 48, 32, StandardCharsets.ISO_8859_1),
        Bytes.slice(b, at + 80, 512 - 80));
  }

  /** The 512 bytes on disk. */
  public byte[] record() {
    byte[] b = new byte[512];
    Bytes.put(b, 0, signature.getBytes(StandardCharsets.ISO_8859_1));
    Bytes.putBe16(b, 2, reserved);
    Bytes.putBe32(b, 4, mapEntries);
    Bytes.putBe32(b, 8, startBlock);
    Bytes.putBe32(b, 12, blockCount);
    Bytes.put(b, 16, nameField.getBytes(StandardCharsets.ISO_8859_1));
    Bytes.put(b, 48, typeField.getBytes(StandardCharsets.ISO_8859_1));
    Bytes.put(b, 80, rest);
    return b;
  }

  /** The name up to its first NUL. */
  public String name() {
    return cString(nameField);
  }

  /** The type up to its first NUL, e.g. {@code Apple_HFS}. */
  public String type() {
    return cString(typeField);
  }

  private static String cString(String s) {
    int nul = s.indexOf('\0');
    return nul >= 0 ? s.substring(0, nul) : s;
  }
}
