package io.github.pveiso.cache;

import io.github.pveiso.Sha256Digest;
import java.nio.file.Path;
import java.util.Optional;

/** What a {@link DerivedCodec#audit} may look at while {@code pveiso cache verify} runs. */
public interface DerivedAudit {

  /** The blob with {@code digest}, when it is in the cache (verify hashed every blob before). */
  Optional<Path> blob(Sha256Digest digest);

  /** The cache's folder for temporary files, which an audit may use and must clean up after. */
  Path scratch() throws java.io.IOException;

  /**
   * The entry {@code key} names, decoded by {@code codec}, when it is there, intact, bound to
   * {@code key} and passed its own audit (entries are audited kind by kind in the order given).
   */
  <T> Optional<T> read(DerivedCodec<T> codec, DerivedKey key);
}
