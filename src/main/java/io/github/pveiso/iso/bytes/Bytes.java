package io.github.pveiso.iso.bytes;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Reads and writes the fixed-size fields of on-disk records: little-, big- and both-endian integers
 * and space-padded strings.
 */
public final class Bytes {
  private Bytes() {}

  /** Unsigned byte at {@code at}. */
  public static int u8(byte[] b, int at) {
    return b[at] & 0xff;
  }

  /** Unsigned little-endian 16-bit value at {@code at}. */
  public static int le16(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
  }

  /** Unsigned big-endian 16-bit value at {@code at}. */
  public static int be16(byte[] b, int at) {
    return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
  }

  /** Unsigned little-endian 32-bit value at {@code at}. */
  public static long le32(byte[] b, int at) {
    return (le16(b, at) | (long) le16(b, at + 2) << 16) & 0xffffffffL;
  }

  /** Unsigned big-endian 32-bit value at {@code at}. */
  public static long be32(byte[] b, int at) {
    return ((long) be16(b, at) << 16 | be16(b, at + 2)) & 0xffffffffL;
  }

  /** Little-endian 64-bit value at {@code at}. */
  public static long le64(byte[] b, int at) {
    return le32(b, at) | le32(b, at + 4) << 32;
  }

  /** Writes an unsigned byte. */
  public static void putU8(byte[] b, int at, int value) {
    b[at] = (byte) value;
  }

  /** Writes a little-endian 16-bit value. */
  public static void putLe16(byte[] b, int at, int value) {
    b[at] = (byte) value;
    b[at + 1] = (byte) (value >>> 8);
  }

  /** Writes a big-endian 16-bit value. */
  public static void putBe16(byte[] b, int at, int value) {
    b[at] = (byte) (value >>> 8);
    b[at + 1] = (byte) value;
  }

  /** Writes a little-endian 32-bit value. */
  public static void putLe32(byte[] b, int at, long value) {
    putLe16(b, at, (int) value);
    putLe16(b, at + 2, (int) (value >>> 16));
  }

  /** Writes a big-endian 32-bit value. */
  public static void putBe32(byte[] b, int at, long value) {
    putBe16(b, at, (int) (value >>> 16));
    putBe16(b, at + 2, (int) value);
  }

  /** Writes a little-endian 64-bit value. */
  public static void putLe64(byte[] b, int at, long value) {
    putLe32(b, at, value);
    putLe32(b, at + 4, value >>> 32);
  }

  /** ISO 9660 both-endian 16-bit field (4 bytes): the little-endian half. */
  public static int both16(byte[] b, int at) {
    return le16(b, at);
  }

  /** ISO 9660 both-endian 32-bit field (8 bytes): the little-endian half. */
  public static long both32(byte[] b, int at) {
    return le32(b, at);
  }

  /** Writes an ISO 9660 both-endian 16-bit field (4 bytes). */
  public static void putBoth16(byte[] b, int at, int value) {
    putLe16(b, at, value);
    putBe16(b, at + 2, value);
  }

  /** Writes an ISO 9660 both-endian 32-bit field (8 bytes). */
  public static void putBoth32(byte[] b, int at, long value) {
    putLe32(b, at, value);
    putBe32(b, at + 4, value);
  }

  /** A copy of {@code length} bytes at {@code at}. */
  public static byte[] slice(byte[] b, int at, int length) {
    byte[] out = new byte[length];
    System.arraycopy(b, at, out, 0, length);
    return out;
  }

  /** Copies {@code value} into {@code b} at {@code at}. */
  public static void put(byte[] b, int at, byte[] value) {
    System.arraycopy(value, 0, b, at, value.length);
  }

  /** An ASCII field with trailing spaces (and NULs) removed. */
  public static String ascii(byte[] b, int at, int length) {
    String s = new String(b, at, length, StandardCharsets.ISO_8859_1);
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
      end--;
    }
    return s.substring(0, end);
  }

  /** Writes an ASCII field padded with spaces to {@code length} bytes. */
  public static void putAscii(byte[] b, int at, int length, String value) {
    byte[] v = value.getBytes(StandardCharsets.ISO_8859_1);
    if (v.length > length) {
      throw new IllegalArgumentException(
          "'" + value + "' is longer than its " + length + "-byte field");
    }
    System.arraycopy(v, 0, b, at, v.length);
    for (int i = v.length; i < length; i++) {
      b[at + i] = ' ';
    }
  }

  /** True when every byte in the range is zero. */
  public static boolean allZero(byte[] b, int at, int length) {
    for (int i = at; i < at + length; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** Lower-case hex of the bytes. */
  public static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
