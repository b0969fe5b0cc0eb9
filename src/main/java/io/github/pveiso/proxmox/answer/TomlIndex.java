package io.github.pveiso.proxmox.answer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each key of a TOML document is written: its line and the characters of its value. Jackson's
 * TOML parser builds a tree without locations, so this scans the text once more. It expects text
 * that parsed as TOML already and never fails on anything else (an unexpected character is
 * skipped).
 *
 * <p>A path is the list of keys from the root, as written (quotes removed, escapes decoded); the
 * items of an array get their index as a key, e.g. {@code [disk-setup, disk-list, 1]}.
 *
 * <p>Over 300 lines because it is one scanner: every production (tables, keys, strings, arrays,
 * inline tables) moves the same cursor and line count, and splitting it would pass that state from
 * class to class.
 */
final class TomlIndex {

  /**
   * Where one key is written.
   *
   * @param line the 1-based line of the key (of the header for a {@code [table]})
   * @param valueStart index of the value's first character (the header's for a table)
   * @param valueEnd index after the value's last character
   */
  record Place(int line, int valueStart, int valueEnd) {}

  private final String text;
  private final Map<List<String>, Place> places = new HashMap<>();
  private final Map<List<String>, Integer> arrayTables = new HashMap<>();
  private final java.util.Set<List<String>> defined = new java.util.HashSet<>();
  private @org.jspecify.annotations.Nullable Duplicate duplicate;
  private int pos;
  private int line = 1;

  private TomlIndex(String text) {
    this.text = text;
  }

  /** Indexes {@code text}. */
  static TomlIndex of(String text) {
    TomlIndex index = new TomlIndex(text);
    index.document();
    return index;
  }

  /**
   * A key or table written twice (which TOML forbids).
   *
   * @param path the key or table
   * @param line the line of its second definition
   */
  record Duplicate(List<String> path, int line) {}

  /** The first key or table written twice, if any. */
  Optional<Duplicate> duplicate() {
    return Optional.ofNullable(duplicate);
  }

  /** Where {@code path} is written, if it is. */
  Optional<Place> place(List<String> path) {
    return Optional.ofNullable(places.get(path));
  }

  /** The line of {@code path}, else of its nearest written ancestor, else 1. */
  int line(List<String> path) {
    for (int n = path.size(); n > 0; n--) {
      Place place = places.get(path.subList(0, n));
      if (place != null) {
        return place.line();
      }
    }
    return 1;
  }

  private void document() {
    List<String> table = List.of();
    while (true) {
      skipBlank();
      if (pos >= text.length()) {
        return;
      }
      int start = pos;
      int headerLine = line;
      if (peek(0) == '[') {
        table = header();
        define(table, headerLine);
        places.putIfAbsent(table, new Place(headerLine, start, pos));
      } else if (isKeyStart(peek(0))) {
        keyValue(table);
      } else {
        pos++;
      }
      skipToLineEnd();
    }
  }

  private List<String> header() {
    boolean array = peek(1) == '[';
    pos += array ? 2 : 1;
    List<String> keys = key();
    pos += array ? 2 : 1;
    if (!array) {
      return keys;
    }
    int index = arrayTables.merge(keys, 1, Integer::sum) - 1;
    List<String> path = new ArrayList<>(keys);
    path.add(Integer.toString(index));
    return List.copyOf(path);
  }

  private void keyValue(List<String> table) {
    int keyLine = line;
    int keyStart = pos;
    List<String> keys = key();
    skipSpaces();
    if (peek(0) != '=') {
      return;
    }
    pos++;
    skipSpaces();
    List<String> path = join(table, keys);
    for (int n = table.size() + 1; n < path.size(); n++) {
      places.putIfAbsent(List.copyOf(path.subList(0, n)), new Place(keyLine, keyStart, keyStart));
    }
    int start = pos;
    define(path, keyLine);
    value(path);
    places.put(path, new Place(keyLine, start, pos));
  }

  private void define(List<String> path, int at) {
    if (!defined.add(path) && duplicate == null) {
      duplicate = new Duplicate(path, at);
    }
  }

  private void value(List<String> path) {
    char c = peek(0);
    if (c == '"' || c == '\'') {
      string();
    } else if (c == '[') {
      array(path);
    } else if (c == '{') {
      inlineTable(path);
    } else {
      while (pos < text.length() && ",]}#\r\n".indexOf(peek(0)) < 0) {
        pos++;
      }
      while (pos > 0 && (peek(-1) == ' ' || peek(-1) == '\t')) {
        pos--;
      }
    }
  }

  private void array(List<String> path) {
    pos++;
    int index = 0;
    while (pos < text.length()) {
      skipBlank();
      if (peek(0) == ']') {
        pos++;
        return;
      }
      if (peek(0) == ',') {
        pos++;
        continue;
      }
      int itemLine = line;
      int start = pos;
      List<String> item = join(path, List.of(Integer.toString(index++)));
      value(item);
      places.put(item, new Place(itemLine, start, pos));
      if (pos == start) {
        pos++;
      }
    }
  }

  private void inlineTable(List<String> path) {
    pos++;
    while (pos < text.length()) {
      skipBlank();
      char c = peek(0);
      if (c == '}') {
        pos++;
        return;
      }
      if (c == ',') {
        pos++;
      } else if (isKeyStart(c)) {
        keyValue(path);
      } else {
        pos++;
      }
    }
  }

  /** A dotted key; leaves {@code pos} after its last part. */
  private List<String> key() {
    List<String> keys = new ArrayList<>();
    while (pos < text.length()) {
      skipSpaces();
      char c = peek(0);
      if (c == '"' || c == '\'') {
        int start = pos;
        string();
        keys.add(TomlStrings.unquote(text.substring(start, pos)));
      } else {
        int start = pos;
        while (pos < text.length() && isBare(peek(0))) {
          pos++;
        }
        keys.add(text.substring(start, pos));
      }
      skipSpaces();
      if (peek(0) != '.') {
        break;
      }
      pos++;
    }
    return List.copyOf(keys);
  }

  /** Any string, one-line or multi-line; leaves {@code pos} after its closing quotes. */
  private void string() {
    char quote = peek(0);
    boolean multi = peek(1) == quote && peek(2) == quote;
    pos += multi ? 3 : 1;
    while (pos < text.length()) {
      char c = peek(0);
      if (c == '\\' && quote == '"') {
        pos += 2;
        continue;
      }
      if (c == '\n') {
        line++;
        if (!multi) {
          return;
        }
      }
      if (c == quote && (!multi || (peek(1) == quote && peek(2) == quote))) {
        pos += multi ? 3 : 1;
        // a multi-line string may end in one or two quotes of its own: """a""""
        while (multi && peek(0) == quote) {
          pos++;
        }
        return;
      }
      pos++;
    }
  }

  /** Skips spaces, tabs, newlines and comments. */
  private void skipBlank() {
    while (pos < text.length()) {
      char c = peek(0);
      if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
      } else if (c == '\n') {
        line++;
        pos++;
      } else if (c == '#') {
        while (pos < text.length() && peek(0) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private void skipSpaces() {
    while (pos < text.length() && (peek(0) == ' ' || peek(0) == '\t')) {
      pos++;
    }
  }

  private void skipToLineEnd() {
    while (pos < text.length() && peek(0) != '\n') {
      pos++;
    }
  }

  private char peek(int ahead) {
    int i = pos + ahead;
    return i >= 0 && i < text.length() ? text.charAt(i) : '\0';
  }

  private static boolean isKeyStart(char c) {
    return isBare(c) || c == '"' || c == '\'';
  }

  private static boolean isBare(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-';
  }

  private static List<String> join(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }
}
