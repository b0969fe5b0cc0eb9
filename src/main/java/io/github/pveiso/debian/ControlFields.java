package io.github.pveiso.debian;

import io.github.pveiso.VerificationException;
import java.util.List;

/**
 * Reads the typed fields of a package's control stanza, for packages that are the user's input (on
 * the ISO, in a repository): a malformed field is a {@link VerificationException} naming the
 * package and the field, never an {@link IllegalArgumentException}.
 */
public final class ControlFields {
  private ControlFields() {}

  /**
   * The {@code Version} field, or {@code fallback} when there is none.
   *
   * @param where names the package, e.g. its path on the ISO
   */
  public static DebianVersion version(String where, Stanza control, String fallback) {
    String value = control.get("Version", fallback);
    try {
      return DebianVersion.parse(value);
    } catch (IllegalArgumentException e) {
      throw malformed(where, "Version", e);
    }
  }

  /**
   * A relationship field ({@code Depends}, {@code Conflicts}, {@code Breaks}, {@code Provides}
   * ...), empty when there is none.
   *
   * @param where names the package, e.g. its path on the ISO
   */
  public static List<RelationGroup> relations(String where, Stanza control, String field) {
    try {
      return Relations.parse(control.get(field, ""));
    } catch (IllegalArgumentException e) {
      throw malformed(where, field, e);
    }
  }

  private static VerificationException malformed(
      String where, String field, IllegalArgumentException e) {
    return new VerificationException(where + ": control field " + field + ": " + e.getMessage(), e);
  }
}
