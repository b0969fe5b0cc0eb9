package io.github.pveiso.iso.write;

/**
 * Told how far a writer's output is final: a reader may then take those bytes (a hash of the
 * output, say) while the rest is still being written.
 */
@FunctionalInterface
public interface WriteProgress {

  /** Progress that nobody follows. */
  WriteProgress NONE = bytes -> {};

  /**
   * The output's first {@code bytes} bytes are written and will not change any more. Called from
   * the writing thread, with values that never decrease.
   */
  void finalThrough(long bytes);
}
