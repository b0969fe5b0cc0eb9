package io.github.pveiso.iso.iso9660;

import io.github.pveiso.VerificationException;
import io.github.pveiso.iso.bytes.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One System Use Sharing Protocol entry (IEEE P1281): a two-letter signature, a version and its
 * data. Rock Ridge (RRIP) entries such as NM, PX, TF, SL and CE are SUSP entries.
 *
 * @param signature the two-letter signature, e.g. {@code NM}
 * @param version the entry version
 * @param data the bytes after the 4-byte header
 */
public record SuspEntry(String signature, int version, byte[] data) {

  /**
   * Parses the entries of a System Use area or continuation area, from {@code skip} to the end, up
   * to an ST entry or padding.
   *
   * @throws VerificationException when an entry's length runs past the area
   */
  public static List<SuspEntry> parseAll(byte[] area, int skip) {
    List<SuspEntry> entries = new ArrayList<>();
    int at = skip;
    while (at + 4 <= area.length) {
      int length = Bytes.u8(area, at + 2);
      if (area[at] == 0 || length < 4) {
        break;
      }
      if (at + length > area.length) {
        throw new VerificationException(
            "SUSP entry '"
                + new String(area, at, 2, StandardCharsets.ISO_8859_1)
                + "' at offset "
                + at
                + " has length "
                + length
                + " beyond its area of "
                + area.length
                + " bytes");
      }
      SuspEntry entry = parse(area, at);
      if (entry.signature.equals("ST")) {
        break;
      }
      entries.add(entry);
      at += length;
    }
    return entries;
  }

  /** Parses the entry at {@code at}. */
  public static SuspEntry parse(byte[] b, int at) {
    int length = Bytes.u8(b, at + 2);
    return new SuspEntry(
        new String(b, at, 2, StandardCharsets.ISO_8859_1),
        Bytes.u8(b, at + 3),
        Bytes.slice(b, at + 4, length - 4));
  }

  /** The entry's bytes on disk. */
  public byte[] record() {
    byte[] b = new byte[4 + data.length];
    Bytes.put(b, 0, signature.getBytes(StandardCharsets.ISO_8859_1));
    b[2] = (byte) b.length;
    b[3] = (byte) version;
    Bytes.put(b, 4, data);
    return b;
  }

  /** The bytes of several entries one after another. */
  public static byte[] recordAll(List<SuspEntry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (SuspEntry entry : entries) {
      out.writeBytes(entry.record());
    }
    return out.toByteArray();
  }
}
