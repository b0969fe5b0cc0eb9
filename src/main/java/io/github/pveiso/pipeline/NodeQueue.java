package io.github.pveiso.pipeline;

import io.github.pveiso.InterruptedFailure;
import io.github.pveiso.Threads;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs the verification and publishing of an {@code answer_dir} build's nodes in order, each on a
 * thread of its own, while the caller writes the next nodes: on two cores an extra node then costs
 * about its copy, its checks and side files taking place beside the next nodes' copies, and the
 * copies beside the first node's full verification. A task starts when the one before it has ended,
 * and only when every task before it succeeded; otherwise (or when interrupted while waiting) it
 * runs its {@code skipped} action instead, so whatever a task owns (its output's claim) is released
 * in any case. At most {@code ahead} tasks are pending at once; no task outlives {@link #close}.
 */
final class NodeQueue<T> implements AutoCloseable {

  /** A task that was not run because one before it failed. */
  private static final class Skipped extends CancellationException {
    private static final long serialVersionUID = 1L;

    Skipped() {
      super("skipped: a node before it failed");
    }
  }

  private record Pending<T>(String what, FutureTask<T> future, Thread thread) {}

  private final int ahead;
  private final Deque<Pending<T>> pending = new ArrayDeque<>();
  private final List<Thread> threads = new ArrayList<>();

  /**
   * @param ahead how many tasks may be pending at once (at least 1)
   */
  NodeQueue(int ahead) {
    if (ahead < 1) {
      throw new IllegalArgumentException("ahead " + ahead);
    }
    this.ahead = ahead;
  }

  /**
   * Starts {@code task} on a thread of its own, to run once every task started before it has
   * succeeded; when one failed or this task's thread is interrupted while waiting, {@code skipped}
   * runs instead. The caller first makes room with {@link #awaitRoom}.
   *
   * @param what what the task does, for a failure's message ({@code verify x.iso})
   */
  void start(String what, Supplier<T> task, Runnable skipped) {
    if (pending.size() >= ahead) {
      throw new IllegalStateException(
          pending.size() + " nodes are being verified already: " + pending.peekFirst().what());
    }
    @Nullable FutureTask<T> before = pending.isEmpty() ? null : pending.peekLast().future();
    FutureTask<T> future =
        new FutureTask<>(
            () -> {
              if (!succeeded(before)) {
                skipped.run();
                throw new Skipped();
              }
              return task.get();
            });
    Thread t = new Thread(future, "pveiso-node-verify");
    pending.addLast(new Pending<>(what, future, t));
    threads.add(t);
    t.start();
  }

  /**
   * Waits until a task can be {@linkplain #start started}: until fewer than {@code ahead} are
   * pending.
   *
   * @return the results of the tasks that ended meanwhile, in order
   * @throws RuntimeException what the first task to fail threw (a {@link
   *     io.github.pveiso.VerificationException} as it was)
   */
  List<T> awaitRoom() {
    List<T> done = new ArrayList<>();
    while (pending.size() >= ahead) {
      done.add(awaitFirst());
    }
    return done;
  }

  /**
   * Waits for every pending task.
   *
   * @return their results, in order
   * @throws RuntimeException what the first task to fail threw
   */
  List<T> awaitAll() {
    List<T> done = new ArrayList<>();
    while (!pending.isEmpty()) {
      done.add(awaitFirst());
    }
    return done;
  }

  private T awaitFirst() {
    Pending<T> first = pending.removeFirst();
    try {
      return first.future().get();
    } catch (InterruptedException e) {
      stop();
      Thread.currentThread().interrupt();
      throw new InterruptedFailure("interrupted while waiting to " + first.what(), e);
    } catch (ExecutionException e) {
      throw Threads.unwrap(e, first.what());
    }
  }

  /**
   * Whether {@code before} (the task started before, if any) succeeded, waiting for it to end; an
   * interrupt counts as a failure.
   */
  private static boolean succeeded(@Nullable FutureTask<?> before) {
    if (before == null) {
      return true;
    }
    try {
      before.get();
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | CancellationException e) {
      return false;
    }
  }

  /**
   * Waits until every task started has ended; when this thread has been interrupted (the build is
   * being stopped), interrupts them first. A node whose write failed thus lets the ones before it
   * finish and be published, as when they ran one after the other.
   */
  @Override
  public void close() {
    if (Thread.currentThread().isInterrupted()) {
      stop();
    } else {
      Threads.joinAll(threads);
    }
  }

  private void stop() {
    threads.forEach(Thread::interrupt);
    Threads.joinAll(threads);
  }
}
