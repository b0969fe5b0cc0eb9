package io.github.pveiso.proxmox;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.cache.CachedFile;
import io.github.pveiso.cache.Expected;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.net.Locations;
import io.github.pveiso.net.SizeLimit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Gets the installer ISO and checks it before anyone uses it. A published version is downloaded
 * into the cache (resumed, with progress) and checked against {@code SHA256SUMS}; a cached copy is
 * reused only while it still hashes to that digest. A URL is downloaded the same way, checked
 * against {@code iso_sha256} when given. A local file is used where it is, checked against {@code
 * iso_sha256} when given, and otherwise reported as unverified.
 */
public final class IsoAcquirer {

  /**
   * The most a downloaded ISO may have when nothing verified gives its size ({@code SHA256SUMS}
   * gives only a digest): Proxmox VE's are under 2 GiB, the largest Linux installer DVDs under 8.
   * Below it, a server's {@code Content-Length} bounds the download.
   */
  static final SizeLimit ISO_LIMIT = SizeLimit.plausible(16L << 30, "an installer ISO");

  private final Cache cache;
  private final IsoReleaseResolver resolver;
  private final EventListener listener;
  private final SizeLimit limit;

  /** Downloads through {@code cache}, resolves versions with {@code resolver}. */
  public IsoAcquirer(Cache cache, IsoReleaseResolver resolver, EventListener listener) {
    this(cache, resolver, listener, ISO_LIMIT);
  }

  /** The same, with another bound for a download (for tests). */
  IsoAcquirer(Cache cache, IsoReleaseResolver resolver, EventListener listener, SizeLimit limit) {
    this.cache = cache;
    this.resolver = resolver;
    this.listener = listener;
    this.limit = limit;
  }

  /** The ISO {@code source} names, checked. */
  public AcquiredIso acquire(IsoSource source) {
    return switch (source) {
      case IsoSource.Version v -> byVersion(v);
      case IsoSource.Location l -> byLocation(l);
    };
  }

  /**
   * Where the ISO {@code source} names is and the digest it must have, when both are known without
   * hashing or the network: a local file given with {@code iso_sha256}, or the cached copy of a URL
   * given with it. The file is not checked yet; {@link #acquire} checks it.
   */
  public Optional<Claimed> claimed(IsoSource source) {
    if (!(source instanceof IsoSource.Location l) || l.sha256().isEmpty()) {
      return Optional.empty();
    }
    Sha256Digest sha256 = l.sha256().get();
    URI uri = Locations.toUri(l.location());
    Path path = Locations.isLocal(uri) ? Path.of(uri) : cache.files().blobFile(sha256);
    return Files.isRegularFile(path) ? Optional.of(new Claimed(path, sha256)) : Optional.empty();
  }

  /**
   * An ISO that is expected to hash to {@code sha256}, not checked yet.
   *
   * @param path where it is
   * @param sha256 the digest it must have
   */
  public record Claimed(Path path, Sha256Digest sha256) {}

  private AcquiredIso byVersion(IsoSource.Version source) {
    IsoRelease release = resolver.resolve(source.baseUrl(), source.version());
    listener.info("Proxmox VE " + source.version() + " is " + release.fileName());
    CachedFile file =
        cache.fetch(release.uri(), Expected.sha256(release.sha256(), "SHA256SUMS", limit));
    return new AcquiredIso(
        file.path(), file.sha256(), file.size(), true, release.uri(), Optional.of(release));
  }

  private AcquiredIso byLocation(IsoSource.Location source) {
    URI uri = Locations.toUri(source.location());
    if (!Locations.isLocal(uri)) {
      CachedFile file =
          source
              .sha256()
              .map(digest -> cache.fetch(uri, Expected.sha256(digest, "iso_sha256", limit)))
              .orElseGet(() -> cache.fetchUnverified(uri, limit));
      warnIfUnverified(source, uri);
      return new AcquiredIso(
          file.path(),
          file.sha256(),
          file.size(),
          source.sha256().isPresent(),
          uri,
          Optional.empty());
    }
    Path path = Path.of(uri);
    if (!Files.isRegularFile(path)) {
      throw new InvalidInputException(
          "iso '" + source.location() + "' is not a file; give the path of a Proxmox VE ISO");
    }
    // unchanged since pveiso hashed it (same inode, size, times): that digest; else hashed now
    Sha256Digest actual = cache.known().sha256(path);
    source
        .sha256()
        .filter(expected -> !expected.equals(actual))
        .ifPresent(
            expected -> {
              throw new VerificationException(
                  path + ": SHA-256 is " + actual + " but iso_sha256 says " + expected);
            });
    warnIfUnverified(source, uri);
    return new AcquiredIso(
        path, actual, size(path), source.sha256().isPresent(), uri, Optional.empty());
  }

  private void warnIfUnverified(IsoSource.Location source, URI uri) {
    if (source.sha256().isEmpty()) {
      listener.warn("ISO " + uri + " is unverified: no iso_sha256 was given");
    }
  }

  private static long size(Path path) {
    try {
      return Files.size(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }
}
