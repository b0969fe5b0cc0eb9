package io.github.pveiso.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.InterruptedFailure;
import io.github.pveiso.VerificationException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The nodes' verification queue: tasks run one at a time in the order started, while the caller
 * goes on; at most {@code ahead} are pending; after a failure the later tasks run their {@code
 * skipped} action instead (their claims are released) and the first failure is what the caller
 * gets.
 */
class NodeQueueTest {

  @Test
  void tasksRunOneAtATimeInOrderAndTheirResultsComeInOrder() {
    List<String> ran = new CopyOnWriteArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    try (NodeQueue<String> queue = new NodeQueue<>(3)) {
      for (String name : List.of("a", "b", "c")) {
        queue.start(
            "verify " + name,
            () -> {
              await(go);
              ran.add(name + " started");
              ran.add(name + " ended");
              return name;
            },
            () -> ran.add(name + " skipped"));
      }
      // three pending: none has run, and the caller was not held up
      assertThat(ran).isEmpty();
      go.countDown();
      assertThat(queue.awaitAll()).containsExactly("a", "b", "c");
    }
    assertThat(ran)
        .containsExactly("a started", "a ended", "b started", "b ended", "c started", "c ended");
  }

  @Test
  void awaitRoomWaitsOnlyUntilFewerThanAheadArePending() {
    CountDownLatch go = new CountDownLatch(1);
    try (NodeQueue<String> queue = new NodeQueue<>(2)) {
      queue.start("verify a", () -> "a", () -> {});
      queue.start(
          "verify b",
          () -> {
            await(go);
            return "b";
          },
          () -> {});
      // a ends at once; b waits for the latch, and with a taken one more may start
      assertThat(queue.awaitRoom()).containsExactly("a");
      assertThat(queue.awaitRoom()).isEmpty();
      queue.start("verify c", () -> "c", () -> {});
      assertThatThrownBy(() -> queue.start("verify d", () -> "d", () -> {}))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("2 nodes are being verified already: verify b");
      go.countDown();
      assertThat(queue.awaitAll()).containsExactly("b", "c");
    }
  }

  @Test
  void aFailureSkipsTheLaterTasksWhichReleaseWhatTheyOwnAndTheFirstFailureIsThrown() {
    List<String> ran = new CopyOnWriteArrayList<>();
    NodeQueue<String> queue = new NodeQueue<>(3);
    try (queue) {
      queue.start("verify a", () -> "a", () -> ran.add("a skipped"));
      queue.start(
          "verify b",
          () -> {
            throw new VerificationException("b.iso failed verification: boot records");
          },
          () -> ran.add("b skipped"));
      queue.start(
          "verify c",
          () -> {
            ran.add("c ran");
            return "c";
          },
          () -> ran.add("c skipped"));
      assertThat(queue.awaitRoom()).containsExactly("a");
      assertThatThrownBy(queue::awaitAll)
          .isInstanceOf(VerificationException.class)
          .hasMessage("b.iso failed verification: boot records");
    }
    assertThat(ran).containsExactly("c skipped");
  }

  @Test
  void anInterruptedCallerStopsTheTasksAndEveryTaskHasEndedAfterClose() throws Exception {
    List<String> ran = new CopyOnWriteArrayList<>();
    CountDownLatch started = new CountDownLatch(1);
    Thread caller =
        new Thread(
            () -> {
              try (NodeQueue<String> queue = new NodeQueue<>(2)) {
                queue.start(
                    "verify a",
                    () -> {
                      started.countDown();
                      try {
                        Thread.sleep(60_000);
                      } catch (InterruptedException e) {
                        ran.add("a interrupted");
                        throw new InterruptedFailure("interrupted while verifying a", e);
                      }
                      return "a";
                    },
                    () -> ran.add("a skipped"));
                queue.start("verify b", () -> "b", () -> ran.add("b skipped"));
                assertThatThrownBy(queue::awaitAll)
                    .isInstanceOf(InterruptedFailure.class)
                    .hasMessage("interrupted while waiting to verify a");
              }
              ran.add("closed");
            });
    caller.start();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    caller.interrupt();
    caller.join(10_000);
    assertThat(caller.isAlive()).isFalse();
    // a and b end on their own threads, in either order, before the queue is closed
    assertThat(ran).hasSize(3);
    assertThat(ran.subList(0, 2)).containsExactlyInAnyOrder("a interrupted", "b skipped");
    assertThat(ran.get(2)).isEqualTo("closed");
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
