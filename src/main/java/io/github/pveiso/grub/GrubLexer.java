package io.github.pveiso.grub;

import io.github.pveiso.grub.GrubToken.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a GRUB script into tokens the way GRUB's lexer does: blanks (space, tab, carriage return)
 * separate words; a {@code #} that starts a word starts a comment; newline and {@code ;} end a
 * command; {@code {} and {@code }} are tokens of their own; single quotes keep everything, double
 * quotes keep all but {@code \"}, {@code \\}, {@code \$} and a backslash-newline; a backslash
 * outside quotes keeps the next character, and a backslash-newline joins two lines. Variables
 * ({@code $name}, {@code ${name}}) stay as written. GRUB's lexer has no pipes or redirections:
 * {@code | & < >} outside quotes are refused.
 */
final class GrubLexer {

  private final String text;
  private int pos;

  private GrubLexer(String text) {
    this.text = text;
  }

  /** The tokens of {@code text}, comments and blanks left out. */
  static List<GrubToken> tokens(String text) {
    return new GrubLexer(text).all();
  }

  private List<GrubToken> all() {
    List<GrubToken> tokens = new ArrayList<>();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
      } else if (continuation(pos)) {
        pos += continuationLength(pos);
      } else if (c == '#') {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else if (c == '\n') {
        tokens.add(single(Kind.NEWLINE));
      } else if (c == ';') {
        tokens.add(single(Kind.SEMICOLON));
      } else if (c == '{') {
        tokens.add(single(Kind.OPEN_BRACE));
      } else if (c == '}') {
        tokens.add(single(Kind.CLOSE_BRACE));
      } else {
        tokens.add(word());
      }
    }
    return tokens;
  }

  private GrubToken single(Kind kind) {
    pos++;
    return new GrubToken(kind, pos - 1, pos, "", false);
  }

  private boolean continuation(int at) {
    return continuationLength(at) > 0;
  }

  /** 2 for a backslash-newline, 3 for a backslash-CR-LF, else 0. */
  private int continuationLength(int at) {
    if (at + 1 < text.length() && text.charAt(at) == '\\') {
      if (text.charAt(at + 1) == '\n') {
        return 2;
      }
      if (text.charAt(at + 1) == '\r' && at + 2 < text.length() && text.charAt(at + 2) == '\n') {
        return 3;
      }
    }
    return 0;
  }

  private GrubToken word() {
    int start = pos;
    StringBuilder value = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';' || c == '{' || c == '}') {
        break;
      }
      if (c == '|' || c == '&' || c == '<' || c == '>') {
        throw new GrubSyntaxException(
            text, pos, "'" + c + "' outside quotes (GRUB has no pipes or redirections)");
      }
      if (c == '\'') {
        int close = text.indexOf('\'', pos + 1);
        if (close < 0) {
          throw new GrubSyntaxException(text, pos, "a single quote that is never closed");
        }
        value.append(text, pos + 1, close);
        pos = close + 1;
      } else if (c == '"') {
        doubleQuoted(value);
      } else if (c == '\\') {
        int skip = continuationLength(pos);
        if (skip > 0) {
          pos += skip;
        } else if (pos + 1 < text.length()) {
          value.append(text.charAt(pos + 1));
          pos += 2;
        } else {
          throw new GrubSyntaxException(text, pos, "a backslash at the end of the file");
        }
      } else if (c == '$') {
        variable(value);
      } else {
        value.append(c);
        pos++;
      }
    }
    return new GrubToken(Kind.WORD, start, pos, value.toString(), isPlain(start, pos));
  }

  private boolean isPlain(int start, int end) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"' || c == '\\' || c == '$') {
        return false;
      }
    }
    return true;
  }

  private void doubleQuoted(StringBuilder value) {
    int open = pos;
    pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '"') {
        pos++;
        return;
      }
      if (c == '\\' && pos + 1 < text.length()) {
        int skip = continuationLength(pos);
        char next = text.charAt(pos + 1);
        if (skip > 0) {
          pos += skip;
        } else if (next == '"' || next == '\\' || next == '$') {
          value.append(next);
          pos += 2;
        } else {
          value.append(c);
          pos++;
        }
      } else {
        value.append(c);
        pos++;
      }
    }
    throw new GrubSyntaxException(text, open, "a double quote that is never closed");
  }

  /** {@code $name}, {@code ${name}}, {@code $"text"} or a lone {@code $}, kept as written. */
  private void variable(StringBuilder value) {
    int start = pos;
    pos++;
    if (pos < text.length() && text.charAt(pos) == '{') {
      int close = text.indexOf('}', pos);
      if (close < 0) {
        throw new GrubSyntaxException(text, start, "'${' that is never closed");
      }
      pos = close + 1;
    } else if (pos < text.length() && text.charAt(pos) == '"') {
      StringBuilder ignored = new StringBuilder();
      doubleQuoted(ignored);
    } else {
      while (pos < text.length() && isNameChar(text.charAt(pos))) {
        pos++;
      }
    }
    value.append(text, start, pos);
  }

  private static boolean isNameChar(char c) {
    return c == '_'
        || c == '?'
        || c == '#'
        || c == '*'
        || c == '@'
        || (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9');
  }
}
