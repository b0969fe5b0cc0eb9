package io.github.pveiso.proxmox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses shell-style {@code KEY='value'} files such as {@code /.cd-info} and {@code /.disk/info}:
 * single quotes (with {@code '\''} inside), double quotes with backslash escapes, or bare words;
 * blank lines and {@code #} comments are skipped.
 *
 * @param values the variables, sorted by name
 * @param problems one line for each line that is not an assignment
 */
public record ShellVariables(Map<String, String> values, List<String> problems) {
  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Copies the map and list. */
  public ShellVariables {
    values = Map.copyOf(values);
    problems = List.copyOf(problems);
  }

  /** Parses {@code text}; {@code name} names the file in problem lines. */
  public static ShellVariables parse(String name, String text) {
    Map<String, String> values = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      String value = eq > 0 ? unquote(line.substring(eq + 1)) : null;
      if (eq <= 0 || !KEY.matcher(line.substring(0, eq)).matches() || value == null) {
        problems.add("line " + (i + 1) + " of " + name + " is not KEY='value': " + line);
        continue;
      }
      values.put(line.substring(0, eq), value);
    }
    return new ShellVariables(new TreeMap<>(values), problems);
  }

  /** The value of {@code key}, or null. */
  public @Nullable String get(String key) {
    return values.get(key);
  }

  /** The unquoted value, or null when the quoting is broken. */
  private static @Nullable String unquote(String raw) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c == '\'') {
        int end = raw.indexOf('\'', i + 1);
        if (end < 0) {
          return null;
        }
        out.append(raw, i + 1, end);
        i = end + 1;
      } else if (c == '"') {
        i++;
        while (i < raw.length() && raw.charAt(i) != '"') {
          if (raw.charAt(i) == '\\' && i + 1 < raw.length()) {
            i++;
          }
          out.append(raw.charAt(i++));
        }
        if (i >= raw.length()) {
          return null;
        }
        i++;
      } else if (c == '\\' && i + 1 < raw.length()) {
        out.append(raw.charAt(i + 1));
        i += 2;
      } else if (Character.isWhitespace(c)) {
        break;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
