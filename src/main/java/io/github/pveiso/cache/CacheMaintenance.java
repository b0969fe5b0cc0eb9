package io.github.pveiso.cache;

import io.github.pveiso.Sha256Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The cache's upkeep for {@code pveiso cache verify} and {@code pveiso cache prune}.
 *
 * <p>Prune rules: an index entry goes when it was last used before {@link
 * PruneRequest#unusedBefore()}, or when {@link PruneRequest#keepOnly()} is given and does not hold
 * its digest (the digests a configuration needs, from an acquire result). Then a blob goes when no
 * index entry names it any more and it is older than an hour (younger ones may belong to a download
 * another process is finishing); a derived entry goes when an input its key names is no longer a
 * blob, or its header is unreadable; a temp file goes when it has not been written for a day (a
 * partial download nobody resumed).
 *
 * <p>Verify rules: every blob is hashed again; an index entry must be readable, filed under its own
 * URL and name a blob of its size; every derived entry is checked by {@link DerivedEntriesCheck}.
 * What fails is deleted and reported.
 */
public final class CacheMaintenance {

  /**
   * What {@code verify} found.
   *
   * @param checked how many blobs it hashed
   * @param dropped the blobs it deleted, because they no longer hash to their names
   * @param dangling the index entries it deleted, because their blob is gone or has another size
   * @param indexChecked how many index entry files it read
   * @param indexDropped how many of those it deleted as unreadable or filed under another URL
   * @param derivedChecked how many derived entries it checked
   * @param derivedDropped the derived entries it deleted, and why
   */
  public record VerifyReport(
      int checked,
      List<Sha256Digest> dropped,
      List<CacheEntry> dangling,
      int indexChecked,
      int indexDropped,
      int derivedChecked,
      List<DroppedEntry> derivedDropped) {

    /** Copies the lists. */
    public VerifyReport {
      dropped = List.copyOf(dropped);
      dangling = List.copyOf(dangling);
      derivedDropped = List.copyOf(derivedDropped);
    }
  }

  /**
   * A derived entry {@code verify} deleted.
   *
   * @param path its path under the cache root, e.g. {@code parsed/firmware-folder/<hex>}
   * @param reason what was wrong with it
   */
  public record DroppedEntry(String path, String reason) {}

  /**
   * What to prune.
   *
   * @param unusedBefore drop entries last used before this instant
   * @param keepOnly keep only entries whose digest is in this set
   */
  public record PruneRequest(Optional<Instant> unusedBefore, Optional<Set<Sha256Digest>> keepOnly) {

    /** Entries unused for longer than {@code age}, as of {@code clock}. */
    public static PruneRequest olderThan(Duration age, Clock clock) {
      return new PruneRequest(Optional.of(clock.instant().minus(age)), Optional.empty());
    }

    /** Entries whose digests are not in {@code needed}. */
    public static PruneRequest keepOnly(Set<Sha256Digest> needed) {
      return new PruneRequest(Optional.empty(), Optional.of(Set.copyOf(needed)));
    }
  }

  /** What {@code prune} removed. */
  public record PruneReport(
      List<CacheEntry> removedEntries, List<Sha256Digest> removedBlobs, long freedBytes) {}

  private static final Duration ORPHAN_GRACE = Duration.ofHours(1);
  private static final Duration TMP_GRACE = Duration.ofDays(1);

  private final CacheStorageFiles files;
  private final CacheIndex index;
  private final Clock clock;

  CacheMaintenance(CacheStorageFiles files, CacheIndex index, Clock clock) {
    this.files = files;
    this.index = index;
    this.clock = clock;
  }

  /**
   * Hashes every blob; deletes mismatching ones and the index entries that named them; then checks
   * every derived entry ({@link DerivedEntriesCheck}) with {@code kinds} and this cache's own.
   */
  VerifyReport verify(List<DerivedCodec<?>> kinds) {
    List<Sha256Digest> dropped = new ArrayList<>();
    List<Path> blobs = blobs();
    for (Path blob : blobs) {
      String name = blob.getFileName().toString();
      if (!Sha256Digest.isValid(name) || !Sha256Digest.ofFile(blob).hex().equals(name)) {
        AtomicFiles.deleteQuietly(blob);
        if (Sha256Digest.isValid(name)) {
          dropped.add(new Sha256Digest(name));
        }
      }
    }
    List<CacheEntry> dangling = new ArrayList<>();
    List<Path> indexFiles = index.entryFiles();
    int unreadable = 0;
    for (Path file : indexFiles) {
      Optional<CacheEntry> read = index.read(file);
      if (read.isEmpty()) {
        unreadable += Files.exists(file) ? 0 : 1;
        continue;
      }
      CacheEntry entry = read.get();
      Path blob = files.blobFile(entry.digest());
      if (!Files.isRegularFile(blob) || size(blob) != entry.size()) {
        index.remove(entry.url());
        dangling.add(entry);
      }
    }
    List<DerivedCodec<?>> all = new ArrayList<>(kinds);
    all.add(KeptValidators.CODEC);
    DerivedEntriesCheck.Result derived = new DerivedEntriesCheck(files, all).run();
    return new VerifyReport(
        blobs.size(),
        dropped,
        dangling,
        indexFiles.size(),
        unreadable,
        derived.checked(),
        derived.dropped());
  }

  /** Removes what {@code request} says (see the class documentation). */
  PruneReport prune(PruneRequest request) {
    List<CacheEntry> removed = new ArrayList<>();
    Set<Sha256Digest> kept = new HashSet<>();
    for (CacheEntry entry : index.list()) {
      boolean old = request.unusedBefore().map(entry.lastUsed()::isBefore).orElse(false);
      boolean unneeded =
          request.keepOnly().map(keep -> !keep.contains(entry.digest())).orElse(false);
      if (old || unneeded) {
        index.remove(entry.url());
        removed.add(entry);
      } else {
        kept.add(entry.digest());
      }
    }
    List<Sha256Digest> removedBlobs = new ArrayList<>();
    long freed = 0;
    Instant orphanCutoff = clock.instant().minus(ORPHAN_GRACE);
    for (Path blob : blobs()) {
      String name = blob.getFileName().toString();
      if (Sha256Digest.isValid(name) && kept.contains(new Sha256Digest(name))) {
        continue;
      }
      if (modified(blob).isBefore(orphanCutoff)) {
        freed += size(blob);
        AtomicFiles.deleteQuietly(blob);
        if (Sha256Digest.isValid(name)) {
          removedBlobs.add(new Sha256Digest(name));
        }
      }
    }
    freed += pruneParsed();
    freed += pruneTmp();
    freed += pruneKnown();
    return new PruneReport(List.copyOf(removed), List.copyOf(removedBlobs), freed);
  }

  /** Deletes the derived entries whose header is unreadable or names an input that is no blob. */
  private long pruneParsed() {
    long freed = 0;
    for (Path file : walk(files.parsedRoot())) {
      if (!inputsAreBlobs(file)) {
        freed += size(file);
        AtomicFiles.deleteQuietly(file);
      }
    }
    return freed;
  }

  private boolean inputsAreBlobs(Path file) {
    try {
      for (DerivedKey.Input input : ParsedEntries.readKey(file).inputs()) {
        if (!Files.exists(files.blobFile(input.digest()))) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Deletes the remembered digests ({@link KnownDigests}) of everything but the blobs left: a
   * source ISO outside the cache is then hashed once more on its next build.
   */
  private long pruneKnown() {
    Set<String> keep = new HashSet<>();
    for (Path blob : blobs()) {
      try {
        KnownDigests.FileIdentity.of(blob).ifPresent(id -> keep.add(id.recordName()));
      } catch (java.io.UncheckedIOException e) {
        // gone meanwhile: nothing to keep for it
      }
    }
    long freed = 0;
    for (Path record : walk(files.root().resolve("known"))) {
      if (!keep.contains(record.getFileName().toString())) {
        freed += size(record);
        AtomicFiles.deleteQuietly(record);
      }
    }
    return freed;
  }

  private long pruneTmp() {
    long freed = 0;
    Instant cutoff = clock.instant().minus(TMP_GRACE);
    for (Path file : walk(files.tmpDirectory())) {
      if (modified(file).isBefore(cutoff)) {
        freed += size(file);
        AtomicFiles.deleteQuietly(file);
      }
    }
    return freed;
  }

  private List<Path> blobs() {
    return walk(files.blobsDirectory());
  }

  private static List<Path> walk(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> stream = Files.walk(dir)) {
      return stream.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static Instant modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (IOException e) {
      return Instant.MAX; // gone or unreadable: leave it
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }
}
