package io.github.pveiso;

import java.util.List;

/** Waiting for worker threads, shared by the places that start their own. */
public final class Threads {

  private Threads() {}

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
}
