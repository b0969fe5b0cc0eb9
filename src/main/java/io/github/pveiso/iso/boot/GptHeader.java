package io.github.pveiso.iso.boot;

import io.github.pveiso.iso.bytes.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * A GPT header (one 512-byte block; an ISO's GPT uses 512-byte blocks even though ISO 9660 uses
 * 2048).
 *
 * @param signature {@code EFI PART}
 * @param revision 0x00010000
 * @param headerSize usually 92
 * @param headerCrc CRC32 of the first {@code headerSize} bytes with this field zeroed
 * @param reserved bytes 20..23
 * @param currentLba this header's block
 * @param backupLba the other header's block
 * @param firstUsableLba first block partitions may use
 * @param lastUsableLba last block partitions may use
 * @param diskGuid the disk GUID bytes
 * @param entriesLba the entry array's first block
 * @param entryCount how many entries the array holds
 * @param entrySize bytes per entry (128)
 * @param entriesCrc CRC32 of the entry array
 * @param rest bytes 92..511 as stored
 */
public record GptHeader(
    String signature,
    long revision,
    long headerSize,
    long headerCrc,
    long reserved,
    long currentLba,
    long backupLba,
    long firstUsableLba,
    long lastUsableLba,
    byte[] diskGuid,
    long entriesLba,
    long entryCount,
    long entrySize,
    long entriesCrc,
    byte[] rest) {

  /** The header signature. */
  public static final String SIGNATURE = "EFI PART";

  /** GPT's block size in an ISO. */
  public static final int BLOCK = 512;

  /** Parses a 512-byte block. */
  public static GptHeader parse(byte[] b) {
    return new GptHeader(
        new String(b, 0, 8, StandardCharsets.ISO_8859_1),
        Bytes.le32(b, 8),
        Bytes.le32(b, 12),
        Bytes.le32(b, 16),
        Bytes.le32(b, 20),
        Bytes.le64(b, 24),
        Bytes.le64(b, 32),
        Bytes.le64(b, 40),
        Bytes.le64(b, 48),
        Bytes.slice(b, 56, 16),
        Bytes.le64(b, 72),
        Bytes.le32(b, 80),
        Bytes.le32(b, 84),
        Bytes.le32(b, 88),
        Bytes.slice(b, 92, BLOCK - 92));
  }

  /** The 512 bytes on disk. */
  public byte[] record() {
    byte[] b = new byte[BLOCK];
    Bytes.put(b, 0, signature.getBytes(StandardCharsets.ISO_8859_1));
    Bytes.putLe32(b, 8, revision);
    Bytes.putLe32(b, 12, headerSize);
    Bytes.putLe32(b, 16, headerCrc);
    Bytes.putLe32(b, 20, reserved);
    Bytes.putLe64(b, 24, currentLba);
    Bytes.putLe64(b, 32, backupLba);
    Bytes.putLe64(b, 40, firstUsableLba);
    Bytes.putLe64(b, 48, lastUsableLba);
    Bytes.put(b, 56, diskGuid);
    Bytes.putLe64(b, 72, entriesLba);
    Bytes.putLe32(b, 80, entryCount);
    Bytes.putLe32(b, 84, entrySize);
    Bytes.putLe32(b, 88, entriesCrc);
    Bytes.put(b, 92, rest);
    return b;
  }

  /** True when the signature reads {@code EFI PART}. */
  public boolean hasSignature() {
    return signature.equals(SIGNATURE);
  }

  /** The CRC32 the header should carry, computed over its bytes with the CRC field zeroed. */
  public long computedHeaderCrc() {
    byte[] b = record();
    Bytes.putLe32(b, 16, 0);
    CRC32 crc = new CRC32();
    crc.update(b, 0, (int) Math.min(Math.max(headerSize, 92), BLOCK));
    return crc.getValue();
  }

  /**
   * This header at other block addresses, with another entry-array CRC and its own CRC recomputed.
   *
   * @param current this header's block
   * @param backup the other header's block
   * @param lastUsable the last block partitions may use
   * @param entries the entry array's first block
   * @param arrayCrc the entry array's CRC32
   */
  public GptHeader moved(long current, long backup, long lastUsable, long entries, long arrayCrc) {
    GptHeader h =
        new GptHeader(
            signature,
            revision,
            headerSize,
            0,
            reserved,
            current,
            backup,
            firstUsableLba,
            lastUsable,
            diskGuid,
            entries,
            entryCount,
            entrySize,
            arrayCrc,
            rest);
    return new GptHeader(
        signature,
        revision,
        headerSize,
        h.computedHeaderCrc(),
        reserved,
        current,
        backup,
        firstUsableLba,
        lastUsable,
        diskGuid,
        entries,
        entryCount,
        entrySize,
        arrayCrc,
        rest);
  }

  /** The disk GUID as text. */
  public String diskGuidText() {
    return Guid.format(diskGuid);
  }
}
