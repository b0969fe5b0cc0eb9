package io.github.pveiso.debian;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One comma-separated element of a relationship field: alternatives separated by {@code |}, any one
 * of which satisfies it.
 *
 * @param alternatives in the order written (the first is preferred)
 */
public record RelationGroup(List<Relation> alternatives) {
  @Override
  public String toString() {
    return alternatives.stream().map(Relation::toString).collect(Collectors.joining(" | "));
  }
}
