package io.github.pveiso.cache;

import io.github.pveiso.events.EventListener;
import io.github.pveiso.net.Fetcher;
import io.github.pveiso.net.HttpStatusException;
import io.github.pveiso.net.Revalidation;
import io.github.pveiso.net.SizeLimit;
import io.github.pveiso.net.Validators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads small files that are fetched on every run and checked by the caller, not by a digest known
 * beforehand: a repository's {@code InRelease} (or {@code Release} and {@code Release.gpg}), the
 * ISO directory's {@code SHA256SUMS}. When the cache kept a copy of the URL, the request is
 * conditional and a {@code 304 Not Modified} answer gives the kept bytes (hashed again); either way
 * the caller checks the bytes as if they were new, and only then {@link #keep}s them.
 */
public final class RevalidatingReader {

  /**
   * The most a file read here may have: Debian's InRelease for every architecture is a few hundred
   * KiB, a checksum list a few KiB.
   */
  static final SizeLimit LIMIT =
      SizeLimit.plausible(8L << 20, "a release file, its signature or a checksum list");

  /**
   * Bytes read from {@code uri}, not yet verified.
   *
   * @param uri where they came from
   * @param bytes the file
   * @param validators what the server sent to identify this version (none for {@code file:})
   */
  public record Read(URI uri, byte[] bytes, Validators validators) {}

  private final Cache cache;
  private final Fetcher fetcher;
  private final Path workDir;
  private final EventListener listener;

  /**
   * A reader that keeps files in {@code cache}, fetches with {@code fetcher} into temp files under
   * {@code workDir}, and reports a 304 to {@code listener}.
   */
  public RevalidatingReader(Cache cache, Fetcher fetcher, Path workDir, EventListener listener) {
    this.cache = cache;
    this.fetcher = fetcher;
    this.workDir = workDir;
    this.listener = listener;
  }

  /** The file at {@code uri}, or empty when the server or folder has no such file. */
  public Optional<Read> readOptional(URI uri) {
    try {
      return Optional.of(read(uri));
    } catch (UncheckedIOException e) {
      if (HttpStatusException.isNotFound(e) || e.getCause() instanceof NoSuchFileException) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** The file at {@code uri}: the kept copy if the server says it has not changed, else fetched. */
  public Read read(URI uri) {
    Optional<KeptFile> kept = cache.kept(uri);
    Validators known = kept.map(KeptFile::validators).orElse(Validators.NONE);
    try {
      Files.createDirectories(workDir);
      Path temp = Files.createTempFile(workDir, "revalidated", ".tmp");
      try {
        return switch (fetcher.fetchIfModified(uri, temp, known, LIMIT)) {
          case Revalidation.NotModified notModified -> notModified(uri, kept, notModified);
          case Revalidation.Modified modified ->
              new Read(uri, Files.readAllBytes(temp), modified.validators());
        };
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + uri + ": " + e.getMessage(), e);
    }
  }

  private Read notModified(URI uri, Optional<KeptFile> kept, Revalidation.NotModified notModified) {
    KeptFile file =
        kept.orElseThrow(() -> new IllegalStateException("HTTP 304 for " + uri + " unasked"));
    listener.debug(
        uri
            + " is not modified ("
            + file.validators().describe()
            + "); using the kept copy "
            + file.digest());
    return new Read(uri, file.bytes(), notModified.validators());
  }

  /**
   * Keeps {@code read}, which passed the caller's checks, for the next conditional request; a file
   * whose server sent no validators (a {@code file:} URI, a server without them) is not kept.
   */
  public void keep(Read read) {
    if (!read.validators().isEmpty()) {
      cache.keep(read.uri(), read.bytes(), read.validators());
    }
  }
}
