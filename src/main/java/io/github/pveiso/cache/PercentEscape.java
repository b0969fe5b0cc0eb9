package io.github.pveiso.cache;

import java.io.IOException;
import java.util.HexFormat;

/**
 * The percent escape of the cache's line-based texts (derived keys, entry payloads): {@code %},
 * control characters and DEL become {@code %XX} (upper-case hex), so a value never breaks a line or
 * the field separator. Both sides of a text must use the same {@link Set}: the escaped bytes are
 * part of digests and stored entries.
 */
public final class PercentEscape {

  /** Which characters besides {@code %}, controls and DEL are escaped. */
  public enum Set {
    /** Values that end their line: spaces stay as they are. */
    CONTROLS,
    /** Values followed by another field on the line: spaces are escaped too. */
    CONTROLS_AND_SPACE
  }

  private PercentEscape() {}

  /** {@code text} with the characters of {@code set} escaped. */
  public static String escape(String text, Set set) {
    char last = set == Set.CONTROLS ? (char) 0x1f : ' ';
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' || c <= last || c == 0x7f) {
        out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * {@code text} with its escapes undone.
   *
   * @param what what the text is, for the error ("the key")
   * @throws IOException when a {@code %} is not followed by two hex digits
   */
  public static String unescape(String text, String what) throws IOException {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      try {
        out.append((char) HexFormat.fromHexDigits(text, i + 1, i + 3));
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        throw new IOException(what + " has a bad '%' escape", e);
      }
      i += 2;
    }
    return out.toString();
  }
}
