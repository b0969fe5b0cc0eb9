package io.github.pveiso.grub;

import java.util.List;

/**
 * A GRUB configuration does not have the shape the editor knows; {@link #missing()} says what it
 * could not find, one item each.
 */
public final class MenuShapeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> missing;

  /** A refusal naming what was not found. */
  public MenuShapeException(List<String> missing) {
    super(String.join("; ", missing));
    this.missing = List.copyOf(missing);
  }

  /** What was not found, one item each. */
  public List<String> missing() {
    return missing;
  }
}
