package io.github.pveiso.iso;

import io.github.pveiso.VerificationException;
import java.util.Locale;

/**
 * The names a directory record may give: one file inside its directory, so never empty, {@code .},
 * {@code ..}, nor with a {@code /} or NUL (which no POSIX name has), nor a line break (which would
 * split the one-line messages and listings that name it). Other control characters, a tab say, are
 * allowed and shown as {@code \xNN} in messages.
 */
final class EntryNames {
  private EntryNames() {}

  /**
   * Returns {@code name} when it names one file.
   *
   * @throws VerificationException saying what is wrong with it, the name shown by {@link
   *     #printable}
   */
  static String check(String name, NameSource source) {
    String what = label(source) + " '" + printable(name) + "'";
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      throw new VerificationException(what + " is not a file name");
    }
    if (name.indexOf('/') >= 0) {
      throw new VerificationException(what + " contains '/'");
    }
    if (name.indexOf('\0') >= 0) {
      throw new VerificationException(what + " contains a NUL character");
    }
    if (name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
      throw new VerificationException(what + " contains a line break");
    }
    return name;
  }

  /** {@code text} with each control character written as {@code \xNN}, for one-line messages. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.chars()
        .forEach(
            c -> {
              if (isControl(c)) {
                out.append(String.format(Locale.ROOT, "\\x%02x", c));
              } else {
                out.append((char) c);
              }
            });
    return out.toString();
  }

  private static boolean isControl(int c) {
    return c < 0x20 || (c >= 0x7f && c < 0xa0);
  }

  private static String label(NameSource source) {
    return switch (source) {
      case ROCK_RIDGE -> "Rock Ridge name";
      case JOLIET -> "Joliet name";
      case ISO9660 -> "ISO 9660 name";
    };
  }
}
