package io.github.pveiso.iso.boot;

import io.github.pveiso.iso.bytes.Bytes;
import java.util.Locale;

/** GPT GUIDs: 16 bytes on disk, the first three fields little-endian. */
public final class Guid {
  /** The EFI system partition type. */
  public static final String EFI_SYSTEM = "C12A7328-F81F-11D2-BA4B-00A0C93EC93B";

  /** The Apple HFS+ partition type. */
  public static final String HFS_PLUS = "48465300-0000-11AA-AA11-00306543ECAC";

  /** The Microsoft basic data partition type (xorriso's gap and ISO partitions). */
  public static final String BASIC_DATA = "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7";

  private Guid() {}

  /** The usual text form of the 16 bytes at {@code at}, upper case. */
  public static String format(byte[] b, int at) {
    String s =
        String.format(
            Locale.ROOT,
            "%08X-%04X-%04X-%02X%02X-",
            Bytes.le32(b, at),
            Bytes.le16(b, at + 4),
            Bytes.le16(b, at + 6),
            b[at + 8] & 0xff,
            b[at + 9] & 0xff);
    StringBuilder out = new StringBuilder(s);
    for (int i = 10; i < 16; i++) {
      out.append(String.format(Locale.ROOT, "%02X", b[at + i] & 0xff));
    }
    return out.toString();
  }

  /** The text form of a 16-byte GUID. */
  public static String format(byte[] guid) {
    return format(guid, 0);
  }
}
