package io.github.pveiso.pipeline.stage;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.Threads;
import io.github.pveiso.cache.Cache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/**
 * Reads and stores the blobs of a firmware tree on a small pool (hashing is the cost, and the
 * machine has more than one core); every task is joined before a method returns.
 */
final class ParallelBlobs {

  /** The name every worker thread starts with. */
  static final String PREFIX = "pveiso-blobs-";

  /** Threads that hash at once: two keep a typical machine's disk and cores busy. */
  static final int THREADS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

  private final Cache cache;

  ParallelBlobs(Cache cache) {
    this.cache = cache;
  }

  /**
   * The blob of every file, each hashed again now and of the size the file says; empty when one is
   * missing, no longer matches (the cache drops it and says so) or has another size.
   */
  Optional<Map<Sha256Digest, Path>> find(List<FirmwareFolder.Entry> files) {
    Map<Sha256Digest, Long> sizes = new TreeMap<>();
    for (FirmwareFolder.Entry e : files) {
      Long earlier = sizes.putIfAbsent(Sha256Digest.parse(e.sha256()), e.size());
      if (earlier != null && earlier != e.size()) {
        return Optional.empty(); // one digest, two sizes: the entry cannot be right
      }
    }
    List<Map.Entry<Sha256Digest, Long>> wanted = List.copyOf(sizes.entrySet());
    List<Optional<Path>> found =
        all(
            wanted.stream()
                .map(
                    w ->
                        (Task<Optional<Path>>)
                            () ->
                                cache
                                    .findBlob(w.getKey())
                                    .filter(blob -> sizeOf(blob) == w.getValue().longValue()))
                .toList());
    Map<Sha256Digest, Path> blobs = new TreeMap<>();
    for (int i = 0; i < wanted.size(); i++) {
      Optional<Path> blob = found.get(i);
      if (blob.isEmpty()) {
        return Optional.empty();
      }
      blobs.put(wanted.get(i).getKey(), blob.get());
    }
    return Optional.of(blobs);
  }

  /** Stores a copy of every regular file of {@code tree}, checking each is what the tree says. */
  void store(FirmwareFolder tree) {
    List<FirmwareFolder.Entry> files =
        tree.files().stream().filter(e -> e.linkTarget().isEmpty()).toList();
    List<Sha256Digest> stored =
        all(
            files.stream()
                .map(e -> (Task<Sha256Digest>) () -> cache.putFile(tree.root().resolve(e.path())))
                .toList());
    for (int i = 0; i < files.size(); i++) {
      if (!stored.get(i).hex().equals(files.get(i).sha256())) {
        throw new IllegalStateException(
            "staged firmware file "
                + files.get(i).path()
                + " changed while it was stored: it hashes to "
                + stored.get(i)
                + ", not "
                + files.get(i).sha256());
      }
    }
  }

  /** A task for the pool. */
  @FunctionalInterface
  interface Task<T> {
    T run();
  }

  /** Runs every task on the pool and returns their results in order; rethrows the first failure. */
  static <T> List<T> all(List<Task<T>> tasks) {
    try {
      return Threads.runAll(
          PREFIX, THREADS, tasks.stream().map(t -> (Callable<T>) t::run).toList());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the firmware cache", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
