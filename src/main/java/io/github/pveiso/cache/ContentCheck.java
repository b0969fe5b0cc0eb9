package io.github.pveiso.cache;

import java.net.URI;
import java.nio.file.Path;

/**
 * A check a download must pass, beyond its digest, before it enters the cache (e.g. a .deb whose
 * entries must stay inside their root). Throws {@link io.github.pveiso.VerificationException} to
 * refuse the file.
 */
@FunctionalInterface
public interface ContentCheck {

  /** Accepts everything. */
  ContentCheck NONE = (url, file) -> {};

  /**
   * Checks {@code file} (still in {@code tmp/}) downloaded from {@code url}; throws to refuse it.
   */
  void check(URI url, Path file);
}
