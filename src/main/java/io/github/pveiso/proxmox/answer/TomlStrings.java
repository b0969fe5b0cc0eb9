package io.github.pveiso.proxmox.answer;

/** TOML strings: writing a value as a basic string, reading a quoted key. */
final class TomlStrings {
  private TomlStrings() {}

  /** A TOML basic string. */
  static String quote(String value) {
    StringBuilder q = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\t' -> q.append("\\t");
        case '\r' -> q.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            q.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
          } else {
            q.append(c);
          }
        }
      }
    }
    return q.append('"').toString();
  }

  /** The text of a quoted key without its quotes, basic escapes decoded. */
  static String unquote(String quoted) {
    String inner = quoted.substring(1, Math.max(1, quoted.length() - 1));
    if (quoted.charAt(0) == '\'') {
      return inner;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c != '\\' || i + 1 >= inner.length()) {
        out.append(c);
        continue;
      }
      char e = inner.charAt(++i);
      switch (e) {
        case 'b' -> out.append('\b');
        case 't' -> out.append('\t');
        case 'n' -> out.append('\n');
        case 'f' -> out.append('\f');
        case 'r' -> out.append('\r');
        case 'e' -> out.append('\u001b');
        case 'u', 'U' -> {
          int digits = e == 'u' ? 4 : 8;
          int end = Math.min(inner.length(), i + 1 + digits);
          try {
            out.appendCodePoint(Integer.parseInt(inner.substring(i + 1, end), 16));
          } catch (IllegalArgumentException bad) {
            out.append('\uFFFD');
          }
          i = end - 1;
        }
        default -> out.append(e);
      }
    }
    return out.toString();
  }
}
