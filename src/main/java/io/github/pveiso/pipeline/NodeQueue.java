package io.github.pveiso.pipeline;

import io.github.pveiso.InterruptedFailure;
import io.github.pveiso.Threads;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs the verification and publishing of an {@code answer_dir} build's nodes on a thread of their
 * own, one node at a time, while the caller writes the next node: on two cores an extra node then
 * costs about its copy, its checks and side files taking place beside the next node's copy. Each
 * task is started on a thread that runs it in any case (an interrupt makes it fail, never skips
 * it), so whatever the task owns (its output's claim) is released by the task itself; no task
 * outlives {@link #close}.
 */
final class NodeQueue implements AutoCloseable {

  private @Nullable FutureTask<Built> pending;
  private @Nullable Thread thread;
  private String what = "";

  /**
   * Starts {@code task} on a thread of its own. The task before must have been {@linkplain #await
   * awaited}.
   *
   * @param what what the task does, for a failure's message ({@code verify x.iso})
   */
  void start(String what, Supplier<Built> task) {
    if (pending != null) {
      throw new IllegalStateException("a node is still being verified: " + this.what);
    }
    FutureTask<Built> future = new FutureTask<>(task::get);
    Thread t = new Thread(future, "pveiso-node-verify");
    this.what = what;
    this.pending = future;
    this.thread = t;
    t.start();
  }

  /**
   * Waits for the task started last, if it has not been awaited yet.
   *
   * @return its result, empty when there is none
   * @throws RuntimeException what the task threw (a {@link io.github.pveiso.VerificationException}
   *     as it was)
   */
  Optional<Built> await() {
    FutureTask<Built> future = pending;
    if (future == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(future.get());
    } catch (InterruptedException e) {
      stop();
      Thread.currentThread().interrupt();
      throw new InterruptedFailure("interrupted while waiting to " + what, e);
    } catch (ExecutionException e) {
      throw Threads.unwrap(e, what);
    } finally {
      pending = null;
    }
  }

  /**
   * Waits until the task started last has ended; when this thread has been interrupted (the build
   * is being stopped), interrupts it first. A node whose write failed thus lets the one before it
   * finish and be published, as when they ran one after the other.
   */
  @Override
  public void close() {
    if (Thread.currentThread().isInterrupted()) {
      stop();
    } else if (thread != null) {
      Threads.joinAll(List.of(thread));
    }
  }

  private void stop() {
    Thread t = thread;
    if (t != null) {
      t.interrupt();
      Threads.joinAll(List.of(t));
    }
  }
}
