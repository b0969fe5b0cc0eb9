package io.github.pveiso.debian;

import io.github.pveiso.InvalidInputException;
import java.util.Optional;

/**
 * A package the user asked for: {@code name}, {@code name (>= 1.2)} or {@code name=1.2-3}.
 *
 * @param name the package name
 * @param constraint the version restriction, if any
 * @param optional when true a missing package is reported as skipped instead of failing
 */
public record PackageRequest(
    String name, Optional<VersionConstraint> constraint, boolean optional) {

  /** Parses a required request; a malformed one is an InvalidInputException. */
  public static PackageRequest parse(String text) {
    return parse(text, false);
  }

  /** Parses a request, marking it optional or not. */
  public static PackageRequest parse(String text, boolean optional) {
    String t = text.strip();
    int eq = t.indexOf('=');
    if (eq > 0 && t.indexOf('(') < 0) {
      t = t.substring(0, eq).strip() + " (= " + t.substring(eq + 1).strip() + ")";
    }
    Relation r;
    try {
      r = Relations.relation(t);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "package request '"
              + text
              + "': "
              + e.getMessage()
              + "; write name, 'name (>= version)' or name=version");
    }
    if (r.archQualifier().isPresent() || !r.architectures().isEmpty()) {
      throw new InvalidInputException(
          "package request '" + text + "': architecture qualifiers are not supported here");
    }
    return new PackageRequest(r.name(), r.constraint(), optional);
  }

  @Override
  public String toString() {
    return name + constraint.map(c -> " " + c).orElse("");
  }
}
