package io.github.pveiso.grub;

/** A GRUB script this reader cannot follow; the message names the line and what it found. */
final class GrubSyntaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  GrubSyntaxException(String text, int offset, String problem) {
    super("line " + GrubScript.lineOf(text, offset) + ": " + problem);
  }
}
