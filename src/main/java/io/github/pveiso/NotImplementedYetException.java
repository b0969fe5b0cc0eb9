package io.github.pveiso;

/**
 * A feature that belongs to a later issue and is not built yet (exit code 2): the command says so
 * plainly instead of pretending.
 */
public class NotImplementedYetException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception naming the feature that is missing. */
  public NotImplementedYetException(String message) {
    super(message);
  }
}
