package io.github.pveiso.net;

import io.github.pveiso.Threads;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
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
    List<Callable<R>> tasks =
        items.stream().map(item -> (Callable<R>) () -> task.apply(item)).toList();
    try {
      return Threads.runAll(PREFIX, parallelism, tasks);
    } catch (ExecutionException e) {
      throw unwrap(e.getCause() == null ? e : e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for downloads", e);
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
