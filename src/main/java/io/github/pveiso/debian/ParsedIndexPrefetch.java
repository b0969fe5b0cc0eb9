package io.github.pveiso.debian;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.Threads;
import io.github.pveiso.cache.Cache;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Reads from the cache, on a thread of its own named {@value #PREFIX}..., the parsed Packages
 * indexes that a Release file not yet verified names, while its signature is being checked (in a
 * fresh JVM both take a few tenths of a second). Nothing is trusted from it: the client takes an
 * index from here only for a digest the verified Release file lists, and only cache entries are
 * read (nothing is downloaded). Anything that goes wrong here only means the client reads that
 * index itself, as it would have anyway.
 */
final class ParsedIndexPrefetch {
  /** The name the reading thread starts with. */
  static final String PREFIX = "pveiso-prefetch-";

  /** Reads nothing: every index is read by the client itself. */
  static final ParsedIndexPrefetch NONE = new ParsedIndexPrefetch(null);

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final Map<Sha256Digest, PackagesIndex> read = new ConcurrentHashMap<>();
  private final @Nullable Thread thread;

  private ParsedIndexPrefetch(@Nullable Thread thread) {
    this.thread = thread;
  }

  private ParsedIndexPrefetch(Cache cache, String kind, DebianRepository repo, byte[] unverified) {
    this.thread =
        new Thread(
            () -> readAll(cache, kind, digests(repo, unverified)),
            PREFIX + COUNTER.incrementAndGet());
  }

  /**
   * Starts reading the parsed indexes of {@code repo} that the InRelease bytes {@code unverified}
   * name (reading that text too is left to the thread), stored in {@code cache} under {@code kind};
   * call {@link #join} before using it.
   */
  static ParsedIndexPrefetch start(
      Cache cache, String kind, DebianRepository repo, byte[] unverified) {
    ParsedIndexPrefetch prefetch = new ParsedIndexPrefetch(cache, kind, repo, unverified);
    java.util.Objects.requireNonNull(prefetch.thread).start();
    return prefetch;
  }

  /** Waits until the reading thread has ended. */
  void join() {
    Thread t = thread;
    if (t == null) {
      return;
    }
    Threads.joinAll(List.of(t));
  }

  /** The index read for {@code digest}, if it was in the cache and decoded. */
  Optional<PackagesIndex> index(Sha256Digest digest) {
    return Optional.ofNullable(read.get(digest));
  }

  private void readAll(Cache cache, String kind, List<Sha256Digest> digests) {
    for (Sha256Digest digest : digests) {
      try {
        Optional<byte[]> bytes = cache.readParsed(kind, digest);
        if (bytes.isPresent()) {
          read.put(digest, PackagesIndex.readFrom(bytes.get()));
        }
      } catch (IOException | RuntimeException e) {
        // the client reads this one itself and reports what is wrong, as without a prefetch
      }
    }
  }

  /**
   * The digests of the indexes the client would read, from the Release text; none if unreadable.
   */
  private static List<Sha256Digest> digests(DebianRepository repo, byte[] unverified) {
    List<Sha256Digest> out = new ArrayList<>();
    try {
      String label = "unverified InRelease";
      ReleaseFile release =
          ReleaseFile.parse(label, ClearsignedMessage.parse(label, unverified).text());
      for (String component : repo.components()) {
        for (String architecture : repo.architectures()) {
          DebianRepositoryClient.listedIndex(release, component, architecture)
              .ifPresent(listed -> out.add(Sha256Digest.parse(listed.file().sha256())));
        }
      }
    } catch (RuntimeException e) {
      return List.of(); // the verifier reports what is wrong with it
    }
    return out;
  }
}
