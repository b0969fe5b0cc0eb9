package io.github.pveiso.debian;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One deb822 stanza (paragraph): fields in their original order, looked up case-insensitively.
 *
 * <p>A value is what follows the colon with surrounding blanks removed; a multi-line value keeps
 * its lines joined by {@code \n}, each continuation line without its first blank, and a {@code "
 * ."} line stands for an empty line.
 */
public final class Stanza {
  private final String[] names;
  private final String[] values;

  Stanza(String[] names, String[] values) {
    this.names = names;
    this.values = values;
  }

  /** Builds a stanza from name/value pairs in order; duplicate names (any case) are refused. */
  public static Stanza of(Map<String, String> fields) {
    String[] n = fields.keySet().toArray(String[]::new);
    String[] v = fields.values().toArray(String[]::new);
    for (int i = 0; i < n.length; i++) {
      for (int j = 0; j < i; j++) {
        if (n[i].equalsIgnoreCase(n[j])) {
          throw new IllegalArgumentException("duplicate field " + n[i] + " in stanza");
        }
      }
    }
    return new Stanza(n, v);
  }

  /** The value of a field, if present. */
  public Optional<String> get(String name) {
    int i = indexOf(name);
    return i < 0 ? Optional.empty() : Optional.of(values[i]);
  }

  /** The value of a field or {@code fallback} when absent. */
  public String get(String name, String fallback) {
    int i = indexOf(name);
    return i < 0 ? fallback : values[i];
  }

  /** Whether the field is present. */
  public boolean has(String name) {
    return indexOf(name) >= 0;
  }

  /** The number of fields. */
  public int size() {
    return names.length;
  }

  /** Field name at position {@code i}, as written in the source. */
  public String name(int i) {
    return names[i];
  }

  /** Field value at position {@code i}. */
  public String value(int i) {
    return values[i];
  }

  /** The field names in source order. */
  public List<String> names() {
    return List.of(names);
  }

  /** The fields in source order (names as written). */
  public Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      map.put(names[i], values[i]);
    }
    return map;
  }

  /** The lines of a multi-line field, without the (usually empty) first line when it is empty. */
  public List<String> lines(String name) {
    String v = get(name, "");
    List<String> out = new ArrayList<>();
    for (String line : v.split("\n", -1)) {
      if (!line.isBlank()) {
        out.add(line.strip());
      }
    }
    return out;
  }

  /** Formats the stanza back to deb822 text, ending with a newline (no blank separator line). */
  public String format() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      sb.append(names[i]).append(':');
      String[] lines = values[i].split("\n", -1);
      if (!lines[0].isEmpty()) {
        sb.append(' ').append(lines[0]);
      }
      sb.append('\n');
      for (int l = 1; l < lines.length; l++) {
        sb.append(' ').append(lines[l].isEmpty() ? "." : lines[l]).append('\n');
      }
    }
    return sb.toString();
  }

  private int indexOf(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Stanza s
        && Arrays.equals(names, s.names)
        && Arrays.equals(values, s.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return format();
  }
}
