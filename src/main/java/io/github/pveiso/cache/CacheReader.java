package io.github.pveiso.cache;

import io.github.pveiso.ChunkedIo;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.events.EventListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Serves blobs, but only after checking them again: hashed, or unchanged since pveiso hashed them
 * (same device, inode, size, modification and change time; see {@link KnownDigests}). A blob whose
 * content no longer matches its name (or the size the caller expects) is deleted and reported as
 * missing, so it is fetched again.
 */
final class CacheReader {

  private final CacheStorageFiles files;
  private final KnownDigests known;
  private final EventListener listener;

  CacheReader(CacheStorageFiles files, KnownDigests known, EventListener listener) {
    this.files = files;
    this.known = known;
    this.listener = listener;
  }

  KnownDigests known() {
    return known;
  }

  /** The blob with {@code digest} (and {@code size}, when given), checked now. */
  Optional<Path> read(Sha256Digest digest, OptionalLong size) {
    Path blob = files.blobFile(digest);
    try {
      if (!Files.isRegularFile(blob)) {
        return Optional.empty();
      }
      long actualSize = Files.size(blob);
      if (size.isPresent() && actualSize != size.getAsLong()) {
        drop(blob, "its size is " + actualSize + " bytes, not " + size.getAsLong());
        return Optional.empty();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + blob + ": " + e.getMessage(), e);
    }
    Sha256Digest actual = known.sha256(blob);
    if (!actual.equals(digest)) {
      drop(blob, "its content now hashes to " + actual);
      return Optional.empty();
    }
    return Optional.of(blob);
  }

  /**
   * The content of the blob with {@code digest}, read once and checked: a blob that no longer
   * hashes to its name is deleted and reported missing.
   */
  Optional<byte[]> readBytes(Sha256Digest digest) {
    Path blob = files.blobFile(digest);
    byte[] bytes;
    try {
      bytes = ChunkedIo.readAllBytes(blob);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + blob + ": " + e.getMessage(), e);
    }
    Sha256Digest actual = Sha256Digest.of(bytes);
    if (!actual.equals(digest)) {
      drop(blob, "its content now hashes to " + actual);
      return Optional.empty();
    }
    return Optional.of(bytes);
  }

  private void drop(Path blob, String reason) {
    listener.warn("cache: dropped " + blob + " because " + reason + "; it will be fetched again");
    AtomicFiles.deleteQuietly(blob);
  }
}
