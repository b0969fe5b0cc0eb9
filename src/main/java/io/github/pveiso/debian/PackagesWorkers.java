package io.github.pveiso.debian;

import io.github.pveiso.Threads;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/**
 * Runs the tasks of one Packages parse on a bounded pool of threads named {@value #PREFIX}...; the
 * pool is shut down and every thread it started has ended before {@link #run} returns or throws.
 */
final class PackagesWorkers {
  /** The name every worker thread starts with. */
  static final String PREFIX = "pveiso-packages-";

  private PackagesWorkers() {}

  /** How many threads a parse uses: one per core, at most four (each holds a decoded block). */
  static int threads() {
    return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * Runs {@code tasks} and returns their results in the tasks' order. The first failure (in that
   * order) is rethrown: an unchecked exception as itself, an IOException as itself, anything else
   * wrapped.
   */
  static <T> List<T> run(List<Callable<T>> tasks) throws IOException {
    try {
      return Threads.runAll(PREFIX, threads(), tasks);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while parsing a Packages index");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new UncheckedIOException(new IOException(cause));
    }
  }
}
