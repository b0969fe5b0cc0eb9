package io.github.pveiso.debian;

import java.util.Optional;

/**
 * A Debian package version {@code [epoch:]upstream[-revision]}, ordered exactly as dpkg orders
 * versions ({@code verrevcmp}): epochs numerically, then upstream and revision part by part, where
 * {@code ~} sorts before everything (even the end), letters before other characters, and digit runs
 * compare as numbers.
 *
 * <p>{@link #compareTo} is dpkg's order; {@link #equals} is textual, so {@code 1.0} and {@code
 * 1.0-0} (and {@code 0:1.0}) compare as equal but are not {@code equals}.
 *
 * @param epoch the epoch, 0 when absent
 * @param upstream the upstream version
 * @param revision the Debian revision, empty when absent
 */
public record DebianVersion(int epoch, String upstream, String revision)
    implements Comparable<DebianVersion> {

  /** Parses a version or throws IllegalArgumentException with a one-line reason. */
  public static DebianVersion parse(String text) {
    return tryParse(text)
        .orElseThrow(() -> new IllegalArgumentException("invalid Debian version '" + text + "'"));
  }

  /** Parses a version, empty when it is not one dpkg would accept. */
  public static Optional<DebianVersion> tryParse(String text) {
    String v = text.strip();
    if (v.isEmpty()) {
      return Optional.empty();
    }
    for (int i = 0; i < v.length(); i++) {
      if (Character.isWhitespace(v.charAt(i))) {
        return Optional.empty();
      }
    }
    int epoch = 0;
    int colon = v.indexOf(':');
    if (colon >= 0) {
      String e = v.substring(0, colon);
      if (e.isEmpty() || e.length() > 9 || !e.chars().allMatch(DebianVersion::isDigit)) {
        return Optional.empty();
      }
      epoch = Integer.parseInt(e);
      v = v.substring(colon + 1);
    }
    String upstream = v;
    String revision = "";
    int dash = v.lastIndexOf('-');
    if (dash >= 0) {
      upstream = v.substring(0, dash);
      revision = v.substring(dash + 1);
      if (revision.isEmpty()) {
        return Optional.empty();
      }
    }
    if (upstream.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new DebianVersion(epoch, upstream, revision));
  }

  @Override
  public int compareTo(DebianVersion o) {
    if (epoch != o.epoch) {
      return Integer.compare(epoch, o.epoch);
    }
    int c = verrevcmp(upstream, o.upstream);
    return c != 0 ? c : verrevcmp(revision, o.revision);
  }

  /** dpkg's {@code verrevcmp}, returning only the sign. */
  static int verrevcmp(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      while ((i < a.length() && !isDigit(a.charAt(i)))
          || (j < b.length() && !isDigit(b.charAt(j)))) {
        int ac = i < a.length() ? order(a.charAt(i)) : 0;
        int bc = j < b.length() ? order(b.charAt(j)) : 0;
        if (ac != bc) {
          return Integer.signum(ac - bc);
        }
        i++;
        j++;
      }
      while (i < a.length() && a.charAt(i) == '0') {
        i++;
      }
      while (j < b.length() && b.charAt(j) == '0') {
        j++;
      }
      int firstDiff = 0;
      while (i < a.length() && isDigit(a.charAt(i)) && j < b.length() && isDigit(b.charAt(j))) {
        if (firstDiff == 0) {
          firstDiff = a.charAt(i) - b.charAt(j);
        }
        i++;
        j++;
      }
      if (i < a.length() && isDigit(a.charAt(i))) {
        return 1;
      }
      if (j < b.length() && isDigit(b.charAt(j))) {
        return -1;
      }
      if (firstDiff != 0) {
        return Integer.signum(firstDiff);
      }
    }
    return 0;
  }

  private static int order(char c) {
    if (isDigit(c)) {
      return 0;
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      return c;
    }
    if (c == '~') {
      return -1;
    }
    return c + 256;
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  @Override
  public String toString() {
    return (epoch > 0 ? epoch + ":" : "") + upstream + (revision.isEmpty() ? "" : "-" + revision);
  }
}
