package io.github.pveiso;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Worker threads, shared by the places that run tasks side by side. */
public final class Threads {

  private static final Map<String, AtomicInteger> COUNTERS = new ConcurrentHashMap<>();

  private Threads() {}

  /**
   * Runs {@code tasks} on at most {@code threads} threads named {@code prefix} and a number, and
   * returns their results in the tasks' order. Every task has ended, and every thread it started,
   * before this returns or throws.
   *
   * @throws ExecutionException the first failure in the tasks' order (its cause is what that task
   *     threw)
   * @throws InterruptedException when interrupted while waiting (the tasks are then interrupted and
   *     waited for)
   */
  public static <T> List<T> runAll(String prefix, int threads, List<? extends Callable<T>> tasks)
      throws ExecutionException, InterruptedException {
    AtomicInteger counter = COUNTERS.computeIfAbsent(prefix, p -> new AtomicInteger());
    List<Thread> started = new ArrayList<>();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(threads, tasks.size())),
            r -> {
              Thread t = new Thread(r, prefix + counter.incrementAndGet());
              synchronized (started) {
                started.add(t);
              }
              return t;
            });
    try {
      List<Future<T>> futures = new ArrayList<>(tasks.size());
      for (Callable<T> task : tasks) {
        futures.add(pool.submit(task));
      }
      List<T> results = new ArrayList<>(tasks.size());
      ExecutionException failure = null;
      for (Future<T> future : futures) {
        try {
          results.add(future.get());
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e;
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
      return results;
    } finally {
      pool.shutdownNow();
      joinAll(started);
    }
  }

  /**
   * Waits until every thread in {@code threads} has ended, even when interrupted meanwhile (the
   * interrupt is kept for the caller), so no worker outlives the call that started it. The list is
   * read under its own lock, so workers may still be adding to a synchronized list.
   */
  public static void joinAll(List<Thread> threads) {
    List<Thread> copy;
    synchronized (threads) {
      copy = List.copyOf(threads);
    }
    boolean interrupted = false;
    for (Thread t : copy) {
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Throws an {@link InterruptedFailure} saying {@code interrupted while <what>} when this thread
   * has been interrupted (the flag stays set): long loops over bytes call it, since reads from a
   * {@link java.nio.file.Files#newInputStream} stream do not stop when the thread is interrupted.
   */
  public static void throwIfInterrupted(String what) {
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedFailure(
          "interrupted while " + what, new InterruptedException("interrupted while " + what));
    }
  }

  /**
   * What a task's failure means to the caller: a runtime exception or error as it was thrown; a
   * checked cause (an {@link java.io.IOException} above all) as an {@link
   * java.io.UncheckedIOException} saying {@code cannot <what>: <reason>}, a runtime failure.
   */
  public static RuntimeException unwrap(ExecutionException e, String what) {
    Throwable cause = e.getCause();
    if (cause instanceof RuntimeException r) {
      return r;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    java.io.IOException io =
        cause instanceof java.io.IOException i ? i : new java.io.IOException(cause);
    return new java.io.UncheckedIOException("cannot " + what + ": " + io.getMessage(), io);
  }
}
