package io.github.pveiso.net;

import io.github.pveiso.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one task per item with at most {@code parallelism} at a time, on threads named {@value
 * #PREFIX}..., and returns the results in the items' order. When tasks fail, all still finish and
 * the first failure (in item order) is thrown as it was raised. Every thread it starts has ended
 * before {@link #map} returns or throws.
 */
public final class ParallelDownloads {

  /** The name every worker thread starts with. */
  public static final String PREFIX = "pveiso-download-";

  private static final AtomicInteger COUNTER = new AtomicInteger();

  /** Four downloads at a time: enough to fill a link, polite to a mirror. */
  public static final int DEFAULT_PARALLELISM = 4;

  private final int parallelism;

  /** Runs at most {@code parallelism} tasks at a time. */
  public ParallelDownloads(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
    }
    this.parallelism = parallelism;
  }

  /** Applies {@code task} to every item, bounded, and returns the results in order. */
  public <T, R> List<R> map(List<T> items, Function<T, R> task) {
    if (items.size() <= 1 || parallelism == 1) {
      return items.stream().map(task).toList();
    }
    List<Thread> started = new ArrayList<>();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(parallelism, items.size()),
            r -> {
              Thread t = new Thread(r, PREFIX + COUNTER.incrementAndGet());
              synchronized (started) {
                started.add(t);
              }
              return t;
            });
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> task.apply(item)));
      }
      List<R> results = new ArrayList<>();
      RuntimeException failure = null;
      for (Future<R> future : futures) {
        try {
          results.add(future.get());
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = unwrap(e.getCause() == null ? e : e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for downloads", e);
        }
      }
      if (failure != null) {
        throw failure;
      }
      return results;
    } finally {
      pool.shutdownNow();
      Threads.joinAll(started);
    }
  }

  private static RuntimeException unwrap(Throwable cause) {
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(cause);
  }
}
