package io.github.pveiso.iso.write;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;

/**
 * Identifiers for new records, made the way xorriso makes them: ISO 9660 names in upper-case
 * d-characters with {@code _} for anything else, cut to 8.3 (or 30 characters when the source uses
 * longer names), unique in their folder, {@code ;1} on files when the source uses versions; Joliet
 * names in UCS-2 up to 64 characters. Also the order ECMA-119 wants records in.
 */
final class IsoNames {

  /** Longest Joliet name xorriso writes by default. */
  static final int JOLIET_MAX = 64;

  private IsoNames() {}

  /**
   * The ISO 9660 identifier of a new entry named {@code name}.
   *
   * @param taken identifiers already in the folder, without their version
   */
  static String iso9660(String name, boolean dir, RockRidgeStyle style, Set<String> taken) {
    int dot = dir ? -1 : name.lastIndexOf('.');
    String base = dCharacters(dot > 0 ? name.substring(0, dot) : name);
    String ext = dot > 0 ? dCharacters(name.substring(dot + 1)) : "";
    int maxBase;
    if (dir) {
      maxBase = style.longNames() ? 31 : 8;
    } else if (style.longNames()) {
      ext = cut(ext, 29);
      maxBase = Math.max(1, 30 - ext.length());
    } else {
      ext = cut(ext, 3);
      maxBase = 8;
    }
    String bare = join(cut(base, maxBase), ext, dir);
    for (int n = 0; taken.contains(bare); n++) {
      String counter = String.format(Locale.ROOT, "%03d", n);
      bare = join(cut(base, maxBase - counter.length()) + counter, ext, dir);
    }
    return dir || !style.versions() ? bare : bare + ";1";
  }

  private static String join(String base, String ext, boolean dir) {
    return dir ? base : base + "." + ext;
  }

  /** The identifier without a {@code ;} version. */
  static String withoutVersion(String identifier) {
    int semi = identifier.indexOf(';');
    return semi < 0 ? identifier : identifier.substring(0, semi);
  }

  private static String dCharacters(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'a' && c <= 'z') {
        out.append((char) (c - 'a' + 'A'));
      } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        out.append(c);
      } else {
        out.append('_');
      }
    }
    return out.toString();
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  /**
   * The Joliet name of a new entry named {@code name} (without version).
   *
   * @param taken Joliet names already in the folder, without their version
   */
  static String joliet(String name, Set<String> taken) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      b.append("*/:;?\\".indexOf(c) >= 0 ? '_' : c);
    }
    String base = truncate(b.toString(), JOLIET_MAX);
    String out = base;
    for (int n = 0; taken.contains(out); n++) {
      String counter = String.format(Locale.ROOT, "%03d", n);
      out = truncate(base, JOLIET_MAX - counter.length()) + counter;
    }
    return out;
  }

  /** {@code s} cut to {@code max} UTF-16 units, never between the two halves of a pair. */
  static String truncate(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    return s.substring(0, end);
  }

  /** The UCS-2 big-endian bytes of a Joliet identifier. */
  static byte[] ucs2(String s) {
    return s.getBytes(StandardCharsets.UTF_16BE);
  }

  /**
   * ECMA-119 9.3 order of ISO 9660 identifiers: name, then extension, each padded with spaces, then
   * version, highest first.
   */
  static final Comparator<byte[]> ORDER = IsoNames::compare;

  /** Order of Joliet identifiers: by their UCS-2 bytes. */
  static final Comparator<byte[]> JOLIET_ORDER = Arrays::compareUnsigned;

  private static int compare(byte[] a, byte[] b) {
    byte[][] pa = parts(a);
    byte[][] pb = parts(b);
    int c = padded(pa[0], pb[0]);
    if (c == 0) {
      c = padded(pa[1], pb[1]);
    }
    if (c == 0) {
      c = Arrays.compareUnsigned(pb[2], pa[2]);
    }
    return c;
  }

  private static byte[][] parts(byte[] id) {
    int semi = indexOf(id, (byte) ';', 0);
    int end = semi < 0 ? id.length : semi;
    int dot = indexOf(id, (byte) '.', 0);
    if (dot < 0 || dot > end) {
      dot = end;
    }
    return new byte[][] {
      Arrays.copyOfRange(id, 0, dot),
      Arrays.copyOfRange(id, Math.min(dot + 1, end), end),
      semi < 0 ? new byte[0] : Arrays.copyOfRange(id, semi + 1, id.length)
    };
  }

  private static int indexOf(byte[] b, byte value, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == value) {
        return i;
      }
    }
    return -1;
  }

  private static int padded(byte[] a, byte[] b) {
    int n = Math.max(a.length, b.length);
    for (int i = 0; i < n; i++) {
      int x = i < a.length ? a[i] & 0xff : 0x20;
      int y = i < b.length ? b[i] & 0xff : 0x20;
      if (x != y) {
        return Integer.compare(x, y);
      }
    }
    return 0;
  }
}
