package io.github.pveiso.iso.iso9660;

import io.github.pveiso.VerificationException;
import io.github.pveiso.iso.bytes.Bytes;
import io.github.pveiso.iso.bytes.Extent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An ISO 9660 directory record (ECMA-119 9.1): where a file's or directory's extent is, its size,
 * flags, identifier and the System Use area that holds Rock Ridge entries.
 *
 * @param extAttrLength extended attribute record length in blocks
 * @param extent the extent's first logical block
 * @param dataLength the extent's length in bytes
 * @param recorded the recording date
 * @param flags file flags (bit 1 directory, bit 7 multi-extent)
 * @param fileUnitSize interleave unit size
 * @param interleaveGap interleave gap size
 * @param volumeSequence volume sequence number
 * @param identifier the file identifier bytes ({@code 0x00} for ".", {@code 0x01} for "..")
 * @param systemUse the System Use area (SUSP entries), possibly empty
 */
public record DirectoryRecord(
    int extAttrLength,
    long extent,
    long dataLength,
    RecordingDate recorded,
    int flags,
    int fileUnitSize,
    int interleaveGap,
    int volumeSequence,
    byte[] identifier,
    byte[] systemUse) {

  /** Flag: the record is a directory. */
  public static final int FLAG_DIRECTORY = 0x02;

  /** Flag: more records of the same file follow (multi-extent). */
  public static final int FLAG_MULTI_EXTENT = 0x80;

  /**
   * Every directory record of a directory's extent, in order; records never cross a block boundary,
   * so a zero length byte skips to the next block.
   */
  public static List<DirectoryRecord> parseAll(byte[] extent) {
    List<DirectoryRecord> out = new ArrayList<>();
    int at = 0;
    while (at < extent.length) {
      int length = extent[at] & 0xff;
      if (length == 0) {
        at = (at / Extent.BLOCK + 1) * Extent.BLOCK;
        continue;
      }
      out.add(parse(extent, at));
      at += length;
    }
    return out;
  }

  /**
   * Parses the record at {@code at}; its length is the first byte.
   *
   * @throws VerificationException when the record does not fit in the buffer or is malformed
   */
  public static DirectoryRecord parse(byte[] b, int at) {
    int length = Bytes.u8(b, at);
    if (length < 34 || at + length > b.length) {
      throw new VerificationException(
          "directory record at offset " + at + " has an invalid length " + length);
    }
    int idLength = Bytes.u8(b, at + 32);
    int suOffset = 33 + idLength + ((idLength & 1) == 0 ? 1 : 0);
    if (33 + idLength > length || suOffset > length) {
      throw new VerificationException(
          "directory record at offset "
              + at
              + " has identifier length "
              + idLength
              + " beyond its record length "
              + length);
    }
    return new DirectoryRecord(
        Bytes.u8(b, at + 1),
        Bytes.both32(b, at + 2),
        Bytes.both32(b, at + 10),
        RecordingDate.parse(b, at + 18),
        Bytes.u8(b, at + 25),
        Bytes.u8(b, at + 26),
        Bytes.u8(b, at + 27),
        Bytes.both16(b, at + 28),
        Bytes.slice(b, at + 33, idLength),
        Bytes.slice(b, at + suOffset, length - suOffset));
  }

  /** The record's length on disk. */
  public int length() {
    int idLength = identifier.length;
    return 33 + idLength + ((idLength & 1) == 0 ? 1 : 0) + systemUse.length;
  }

  /** The record's bytes on disk. */
  public byte[] record() {
    byte[] b = new byte[length()];
    b[0] = (byte) b.length;
    b[1] = (byte) extAttrLength;
    Bytes.putBoth32(b, 2, extent);
    Bytes.putBoth32(b, 10, dataLength);
    recorded.write(b, 18);
    b[25] = (byte) flags;
    b[26] = (byte) fileUnitSize;
    b[27] = (byte) interleaveGap;
    Bytes.putBoth16(b, 28, volumeSequence);
    b[32] = (byte) identifier.length;
    Bytes.put(b, 33, identifier);
    Bytes.put(b, b.length - systemUse.length, systemUse);
    return b;
  }

  /** True for a directory. */
  public boolean isDirectory() {
    return (flags & FLAG_DIRECTORY) != 0;
  }

  /** True when another record of the same file follows. */
  public boolean isMultiExtent() {
    return (flags & FLAG_MULTI_EXTENT) != 0;
  }

  /** True for the "." or ".." entry. */
  public boolean isSelfOrParent() {
    return identifier.length == 1 && (identifier[0] == 0 || identifier[0] == 1);
  }

  /** True for the "." entry. */
  public boolean isSelf() {
    return identifier.length == 1 && identifier[0] == 0;
  }

  /** The ISO 9660 name: the identifier without its {@code ;1} version and a trailing dot. */
  public String isoName() {
    String name = new String(identifier, StandardCharsets.ISO_8859_1);
    int semi = name.lastIndexOf(';');
    if (semi >= 0) {
      name = name.substring(0, semi);
    }
    if (name.endsWith(".") && !isDirectory()) {
      name = name.substring(0, name.length() - 1);
    }
    return name;
  }

  /** The Joliet name: the identifier as UCS-2 big-endian without its {@code ;1} version. */
  public String jolietName() {
    String name = new String(identifier, StandardCharsets.UTF_16BE);
    int semi = name.lastIndexOf(';');
    return semi >= 0 ? name.substring(0, semi) : name;
  }
}
