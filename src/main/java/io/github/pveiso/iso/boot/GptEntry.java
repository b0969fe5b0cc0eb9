package io.github.pveiso.iso.boot;

import io.github.pveiso.iso.bytes.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * One GPT partition entry (128 bytes; the rest of a larger entry size is kept as {@code tail}).
 *
 * @param typeGuid the partition type GUID bytes
 * @param uniqueGuid the partition's own GUID bytes
 * @param firstLba the first 512-byte block
 * @param lastLba the last 512-byte block (inclusive)
 * @param attributes the attribute flags
 * @param nameField the 72-byte UTF-16LE name as stored
 * @param tail bytes past the first 128 of the entry
 */
public record GptEntry(
    byte[] typeGuid,
    byte[] uniqueGuid,
    long firstLba,
    long lastLba,
    long attributes,
    byte[] nameField,
    byte[] tail) {

  /** Parses an entry of {@code size} bytes at {@code at}. */
  public static GptEntry parse(byte[] b, int at, int size) {
    return new GptEntry(
        Bytes.slice(b, at, 16),
        Bytes.slice(b, at + 16, 16),
        Bytes.le64(b, at + 32),
        Bytes.le64(b, at + 40),
        Bytes.le64(b, at + 48),
        Bytes.slice(b, at + 56, 72),
        Bytes.slice(b, at + 128, size - 128));
  }

  /** The entry's bytes on disk. */
  public byte[] record() {
    byte[] b = new byte[128 + tail.length];
    Bytes.put(b, 0, typeGuid);
    Bytes.put(b, 16, uniqueGuid);
    Bytes.putLe64(b, 32, firstLba);
    Bytes.putLe64(b, 40, lastLba);
    Bytes.putLe64(b, 48, attributes);
    Bytes.put(b, 56, nameField);
    Bytes.put(b, 128, tail);
    return b;
  }

  /** True when the type GUID is not all zeros. */
  public boolean used() {
    return !Bytes.allZero(typeGuid, 0, 16);
  }

  /** The type GUID as text. */
  public String type() {
    return Guid.format(typeGuid);
  }

  /** The unique GUID as text. */
  public String guid() {
    return Guid.format(uniqueGuid);
  }

  /** The name up to its first NUL. */
  public String name() {
    String s = new String(nameField, StandardCharsets.UTF_16LE);
    int nul = s.indexOf('\0');
    return nul >= 0 ? s.substring(0, nul) : s;
  }

  /** The number of 512-byte blocks, {@code last - first + 1}. */
  public long blocks() {
    return lastLba - firstLba + 1;
  }
}
