package io.github.pveiso.cli;

/**
 * The Java heap ran out during a command: exit 1 with the remedy. pveiso runs with a bounded heap
 * (see {@code scripts/java-home.sh}); {@code PVEISO_HEAP} raises the bound.
 */
final class OutOfMemory extends RuntimeException {
  private static final long serialVersionUID = 1L;

  OutOfMemory(Throwable cause) {
    super(message(Runtime.getRuntime().maxMemory()), cause);
  }

  /** The one-line message for a heap of {@code maxBytes}. */
  static String message(long maxBytes) {
    return "out of memory: this run needs more than the Java heap's "
        + (maxBytes >> 20)
        + " MiB; raise the limit with PVEISO_HEAP (e.g. PVEISO_HEAP=512m)";
  }

  /** Whether {@code error} is, or was caused by, the heap running out (in any thread). */
  static boolean causedBy(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof OutOfMemoryError || t instanceof OutOfMemory) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
