package io.github.pveiso.debian;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Parses relationship fields ({@code Depends}, {@code Pre-Depends}, {@code Conflicts}, {@code
 * Breaks}, {@code Replaces}, {@code Provides}) into {@link RelationGroup}s. Empty elements (a
 * trailing comma) are skipped.
 */
public final class Relations {

  private Relations() {}

  /**
   * Parses a whole field value; throws IllegalArgumentException with a one-line reason when it is
   * malformed.
   */
  public static List<RelationGroup> parse(String field) {
    List<RelationGroup> groups = new ArrayList<>();
    int start = 0;
    int len = field.length();
    while (start <= len) {
      int comma = field.indexOf(',', start);
      int end = comma < 0 ? len : comma;
      if (!isBlank(field, start, end)) {
        groups.add(group(field, start, end));
      }
      if (comma < 0) {
        break;
      }
      start = comma + 1;
    }
    return List.copyOf(groups);
  }

  /**
   * Gives {@code out} the package name of every alternative of {@code field}, as {@link #parse}
   * would read it, without parsing the rest (versions, architectures); a malformed alternative
   * gives what its name characters spell, or nothing.
   */
  static void names(String field, Consumer<String> out) {
    int n = field.length();
    int i = 0;
    while (i < n) {
      while (i < n && (Character.isWhitespace(field.charAt(i)) || field.charAt(i) == ',')) {
        i++;
      }
      int start = i;
      while (i < n && isNameChar(field.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.accept(field.substring(start, i));
      }
      while (i < n && field.charAt(i) != ',' && field.charAt(i) != '|') {
        i++;
      }
      if (i < n) {
        i++; // past the ',' or '|'
      }
    }
  }

  private static RelationGroup group(String field, int from, int to) {
    List<Relation> alternatives = new ArrayList<>(2);
    int start = from;
    while (true) {
      int bar = field.indexOf('|', start);
      int end = bar < 0 || bar > to ? to : bar;
      int a = start;
      int b = end;
      while (a < b && Character.isWhitespace(field.charAt(a))) {
        a++;
      }
      while (b > a && Character.isWhitespace(field.charAt(b - 1))) {
        b--;
      }
      if (a == b) {
        throw new IllegalArgumentException("empty alternative in '" + field.strip() + "'");
      }
      alternatives.add(relation(field.substring(a, b)));
      if (end == to) {
        break;
      }
      start = end + 1;
    }
    return new RelationGroup(List.copyOf(alternatives));
  }

  /** Parses one alternative such as {@code libc6:any (>= 2.34) [amd64] <!nocheck>}. */
  static Relation relation(String text) {
    int i = 0;
    int n = text.length();
    while (i < n && isNameChar(text.charAt(i))) {
      i++;
    }
    if (i == 0) {
      throw new IllegalArgumentException("missing package name in relation '" + text + "'");
    }
    String name = text.substring(0, i);
    Optional<String> qualifier = Optional.empty();
    if (i < n && text.charAt(i) == ':') {
      int q = ++i;
      while (i < n && isNameChar(text.charAt(i))) {
        i++;
      }
      if (q == i) {
        throw new IllegalArgumentException(
            "empty architecture qualifier in relation '" + text + "'");
      }
      qualifier = Optional.of(text.substring(q, i));
    }
    Optional<VersionConstraint> constraint = Optional.empty();
    List<String> archs = List.of();
    while (true) {
      i = skipSpaces(text, i);
      if (i == n) {
        break;
      }
      char c = text.charAt(i);
      int close = text.indexOf(c == '(' ? ')' : c == '[' ? ']' : '>', i);
      if ((c != '(' && c != '[' && c != '<') || close < 0) {
        throw new IllegalArgumentException(
            "unexpected '" + text.substring(i) + "' in relation '" + text + "'");
      }
      String inner = text.substring(i + 1, close).strip();
      if (c == '(') {
        constraint = Optional.of(constraint(text, inner));
      } else if (c == '[') {
        archs = List.of(inner.split("\\s+"));
      }
      i = close + 1;
    }
    return new Relation(name, qualifier, constraint, archs);
  }

  private static VersionConstraint constraint(String text, String inner) {
    int k = 0;
    while (k < inner.length() && "<>=".indexOf(inner.charAt(k)) >= 0) {
      k++;
    }
    VersionConstraint.Op op;
    try {
      op = VersionConstraint.Op.of(inner.substring(0, k));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad operator in relation '" + text + "'", e);
    }
    String version = inner.substring(k).strip();
    return new VersionConstraint(
        op,
        DebianVersion.tryParse(version)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "bad version '" + version + "' in relation '" + text + "'")));
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '-'
        || c == '.'
        || (c >= 'A' && c <= 'Z')
        || c == '_';
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isBlank(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Character.isWhitespace(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
