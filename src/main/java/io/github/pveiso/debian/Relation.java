package io.github.pveiso.debian;

import java.util.List;
import java.util.Optional;

/**
 * One alternative of a relationship field, e.g. {@code libc6:any (>= 2.34) [amd64]}.
 *
 * @param name the package (or virtual package) name
 * @param archQualifier what follows {@code :} after the name ({@code any}, {@code native}, an
 *     architecture), if present
 * @param constraint the version restriction, if present
 * @param architectures the architecture restriction list ({@code [amd64 !i386]}), empty when none
 */
public record Relation(
    String name,
    Optional<String> archQualifier,
    Optional<VersionConstraint> constraint,
    List<String> architectures) {

  /** Whether {@code version} satisfies the version restriction (true when there is none). */
  public boolean accepts(DebianVersion version) {
    return constraint.isEmpty() || constraint.get().test(version);
  }

  /** Whether the architecture restriction list (if any) includes {@code arch}. */
  public boolean appliesTo(String arch) {
    if (architectures.isEmpty()) {
      return true;
    }
    boolean negated = architectures.get(0).startsWith("!");
    for (String a : architectures) {
      if (negated ? a.substring(1).equals(arch) : a.equals(arch)) {
        return !negated;
      }
    }
    return negated;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name);
    archQualifier.ifPresent(q -> sb.append(':').append(q));
    constraint.ifPresent(c -> sb.append(' ').append(c));
    if (!architectures.isEmpty()) {
      sb.append(" [").append(String.join(" ", architectures)).append(']');
    }
    return sb.toString();
  }
}
