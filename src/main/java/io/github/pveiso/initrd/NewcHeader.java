package io.github.pveiso.initrd;

import io.github.pveiso.VerificationException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One newc cpio header ("070701", or "070702" with a checksum) with its name: 6 bytes of magic, 13
 * fields of 8 hex digits, then the name with its NUL, padded to 4 bytes.
 *
 * @param magic "070701" or "070702"
 * @param ino inode number
 * @param mode file type and permission bits (e.g. 0100644, 040755)
 * @param uid owner
 * @param gid group
 * @param nlink number of links
 * @param mtime modification time, seconds since the epoch
 * @param fileSize size of the data that follows
 * @param devMajor device major number
 * @param devMinor device minor number
 * @param rdevMajor major number of a device file
 * @param rdevMinor minor number of a device file
 * @param check checksum of the data ("070702"), otherwise 0
 * @param name the path inside the archive, without leading slash
 */
public record NewcHeader(
    String magic,
    long ino,
    long mode,
    long uid,
    long gid,
    long nlink,
    long mtime,
    long fileSize,
    long devMajor,
    long devMinor,
    long rdevMajor,
    long rdevMinor,
    long check,
    String name) {

  /** The magic of newc archives without checksums. */
  public static final String MAGIC = "070701";

  /** The magic of newc archives with checksums ("crc" format). */
  public static final String MAGIC_CRC = "070702";

  /** The name of the entry that ends an archive. */
  public static final String TRAILER = "TRAILER!!!";

  /** Length of the fixed part: the magic and 13 hex fields. */
  public static final int FIXED_LENGTH = 110;

  /** File type bits of a regular file. */
  public static final long S_IFREG = 0100000;

  /** File type bits of a directory. */
  public static final long S_IFDIR = 0040000;

  private static final long S_IFMT = 0170000;
  private static final long MAX_FIELD = 0xFFFF_FFFFL;

  /** Checks that the magic is known and every field fits in 8 hex digits. */
  public NewcHeader {
    if (!magic.equals(MAGIC) && !magic.equals(MAGIC_CRC)) {
      throw new IllegalArgumentException("newc magic must be 070701 or 070702, not " + magic);
    }
    long[] fields = {
      ino, mode, uid, gid, nlink, mtime, fileSize, devMajor, devMinor, rdevMajor, rdevMinor, check
    };
    for (long field : fields) {
      if (field < 0 || field > MAX_FIELD) {
        throw new IllegalArgumentException(
            "newc header field out of range 0..0xFFFFFFFF: " + field + " in entry " + name);
      }
    }
    if (name.isEmpty() || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("newc entry name is empty or holds a NUL: " + name);
    }
  }

  /**
   * Parses the 110-byte fixed part and returns the length of the name field that follows it.
   *
   * @throws VerificationException when the magic or a field is not what newc allows
   */
  static Fixed parseFixed(byte[] fixed, long offset) {
    String magic = new String(fixed, 0, 6, StandardCharsets.US_ASCII);
    if (!magic.equals(MAGIC) && !magic.equals(MAGIC_CRC)) {
      throw new VerificationException(
          "no newc cpio header at offset "
              + offset
              + ": magic is "
              + hex(Arrays.copyOf(fixed, 6))
              + ", expected 070701 or 070702");
    }
    long[] fields = new long[13];
    for (int i = 0; i < 13; i++) {
      String digits = new String(fixed, 6 + 8 * i, 8, StandardCharsets.US_ASCII);
      try {
        fields[i] = Long.parseLong(digits, 16);
      } catch (NumberFormatException e) {
        throw new VerificationException(
            "newc cpio header at offset " + offset + " has a field that is not hex: " + digits, e);
      }
    }
    return new Fixed(magic, fields);
  }

  /** The fixed part of a header before its name is read. */
  record Fixed(String magic, long[] fields) {

    /** The length of the name field, with its NUL. */
    long nameSize() {
      return fields[11];
    }

    /** The header with its name. */
    NewcHeader withName(byte[] nameWithNul, long offset) {
      if (nameWithNul.length == 0 || nameWithNul[nameWithNul.length - 1] != 0) {
        throw new VerificationException(
            "newc cpio entry at offset " + offset + " has a name that does not end with NUL");
      }
      String name = new String(nameWithNul, 0, nameWithNul.length - 1, StandardCharsets.UTF_8);
      long[] f = fields;
      return new NewcHeader(
          magic, f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[12], name);
    }
  }

  /** The header as bytes: fixed part, name, NUL and padding to a multiple of 4. */
  public byte[] record() {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    StringBuilder text = new StringBuilder(FIXED_LENGTH).append(magic);
    long[] fields = {
      ino,
      mode,
      uid,
      gid,
      nlink,
      mtime,
      fileSize,
      devMajor,
      devMinor,
      rdevMajor,
      rdevMinor,
      nameBytes.length + 1L,
      check
    };
    for (long field : fields) {
      text.append(String.format("%08X", field));
    }
    int length = FIXED_LENGTH + nameBytes.length + 1;
    byte[] out = new byte[length + padding(length)];
    byte[] fixed = text.toString().getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(fixed, 0, out, 0, FIXED_LENGTH);
    System.arraycopy(nameBytes, 0, out, FIXED_LENGTH, nameBytes.length);
    return out;
  }

  /** True for the {@code TRAILER!!!} entry. */
  public boolean isTrailer() {
    return name.equals(TRAILER);
  }

  /** True for a directory. */
  public boolean isDirectory() {
    return (mode & S_IFMT) == S_IFDIR;
  }

  /** True for a regular file. */
  public boolean isRegularFile() {
    return (mode & S_IFMT) == S_IFREG;
  }

  /** How many zero bytes bring {@code length} to a multiple of 4. */
  static int padding(long length) {
    return (int) ((4 - (length & 3)) & 3);
  }

  static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(String.format("%02x", b & 0xff));
    }
    return out.toString();
  }
}
