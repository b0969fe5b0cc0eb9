package io.github.pveiso.debian;

import io.github.pveiso.VerificationException;

/**
 * The most pveiso reads from package data, each far above what a real package holds, so that a
 * small crafted file can neither exhaust memory nor keep pveiso decompressing for long. Past a
 * limit, reading stops with a {@link VerificationException} that names the file and the limit.
 */
public final class DebLimits {

  /** The uncompressed control.tar of a .deb: its control file and scripts are kilobytes. */
  public static final long CONTROL_MEMBER = 16L << 20;

  /** The uncompressed data.tar of a .deb (the largest Debian packages unpack to a few GiB). */
  public static final long DATA_MEMBER = 8L << 30;

  /** The entries of one tar member (large packages have tens of thousands). */
  public static final int ENTRIES = 500_000;

  /** The tar headers of one entry: long names, PAX records (a real one is under a kilobyte). */
  public static final long HEADERS = 1L << 20;

  /**
   * Memory the xz decoder may use, in KiB: dpkg-deb's {@code -9} needs 65 MiB, a header asking for
   * a bigger dictionary is refused before anything is allocated.
   */
  public static final int XZ_MEMORY_KIB = 128 << 10;

  /** One firmware or microcode file (the largest in linux-firmware are tens of MiB). */
  public static final long FIRMWARE_FILE = 256L << 20;

  /** A dpkg status database (a full desktop system's is a few MiB). */
  public static final long STATUS_FILE = 256L << 20;

  private DebLimits() {}

  /** {@code 16 MiB}, {@code 8 GiB}, or the bytes when they are not a whole number of KiB. */
  public static String describe(long bytes) {
    String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
    int unit = 0;
    long value = bytes;
    while (unit < units.length - 1 && value >= 1024 && value % 1024 == 0) {
      value /= 1024;
      unit++;
    }
    return value + " " + units[unit];
  }

  /**
   * Refuses a firmware or microcode file bigger than {@link #FIRMWARE_FILE} before it is read.
   *
   * @param label names the package
   * @param entry the file
   */
  public static void checkFirmwareFile(String label, DebEntry entry) {
    if (entry.size() > FIRMWARE_FILE) {
      throw new VerificationException(
          label
              + ": firmware file '"
              + entry.path()
              + "' is "
              + entry.size()
              + " bytes, more than pveiso's limit of "
              + describe(FIRMWARE_FILE)
              + " for one firmware file");
    }
  }
}
