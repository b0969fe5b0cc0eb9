package io.github.pveiso.debian;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.Threads;
import io.github.pveiso.cache.DerivedCache;
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

  private ParsedIndexPrefetch(
      DerivedCache<PackagesIndex> parsed, DebianRepository repo, byte[] unverified) {
    this.thread =
        new Thread(
            () -> readAll(parsed, digests(repo, unverified)), PREFIX + COUNTER.incrementAndGet());
  }

  /**
   * Starts reading the parsed indexes of {@code repo} that the InRelease bytes {@code unverified}
   * name (reading that text too is left to the thread), from {@code parsed}, where an entry that is
   * not usable is left for the client to report; call {@link #join} before using it.
   */
  static ParsedIndexPrefetch start(
      DerivedCache<PackagesIndex> parsed, DebianRepository repo, byte[] unverified) {
    ParsedIndexPrefetch prefetch = new ParsedIndexPrefetch(parsed, repo, unverified);
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

  private void readAll(
      DerivedCache<PackagesIndex> parsed, List<DebianRepositoryClient.Listed> files) {
    for (DebianRepositoryClient.Listed file : files) {
      try {
        Sha256Digest digest = Sha256Digest.parse(file.file().sha256());
        parsed
            .peek(ParsedIndexes.key(file.path(), digest))
            .ifPresent(index -> read.put(digest, index));
      } catch (RuntimeException e) {
        // the client reads this one itself and reports what is wrong, as without a prefetch
      }
    }
  }

  /** The index files the client would read, from the Release text; none if unreadable. */
  private static List<DebianRepositoryClient.Listed> digests(
      DebianRepository repo, byte[] unverified) {
    List<DebianRepositoryClient.Listed> out = new ArrayList<>();
    try {
      String label = "unverified InRelease";
      ReleaseFile release =
          ReleaseFile.parse(label, ClearsignedMessage.parse(label, unverified).text());
      for (String component : repo.components()) {
        for (String architecture : repo.architectures()) {
          DebianRepositoryClient.listedIndex(release, component, architecture).ifPresent(out::add);
        }
      }
    } catch (RuntimeException e) {
      return List.of(); // the verifier reports what is wrong with it
    }
    return out;
  }
}
