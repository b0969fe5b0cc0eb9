package io.github.pveiso;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadsTest {

  @Test
  void waitsForEveryThreadAndKeepsAnInterruptForTheCaller() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    Thread worker =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    release.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    Thread.currentThread().interrupt();
    Thread releaser =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    Thread.sleep(50);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  release.countDown();
                });
    Threads.joinAll(List.of(worker, releaser));
    assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
    assertThat(worker.isAlive()).isFalse();
    assertThat(releaser.isAlive()).isFalse();
  }

  @Test
  void noThreadsIsNothingToWaitFor() {
    Threads.joinAll(List.of());
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void runAllGivesResultsInOrderOnNamedThreadsAndTheFirstFailureInOrder() throws Exception {
    List<java.util.concurrent.Callable<String>> tasks =
        List.of(
            () -> "a" + Thread.currentThread().getName().startsWith("pveiso-test-"),
            () -> {
              Thread.sleep(30);
              return "b";
            },
            () -> "c");
    assertThat(Threads.runAll("pveiso-test-", 2, tasks)).containsExactly("atrue", "b", "c");
    List<java.util.concurrent.Callable<String>> failing =
        List.of(
            () -> "ok",
            () -> {
              Thread.sleep(30);
              throw new IllegalStateException("first");
            },
            () -> {
              throw new IllegalArgumentException("second");
            });
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Threads.runAll("pveiso-test-", 2, failing))
        .isInstanceOf(java.util.concurrent.ExecutionException.class)
        .cause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("first");
    assertThat(Thread.getAllStackTraces().keySet())
        .extracting(Thread::getName)
        .noneMatch(n -> n.startsWith("pveiso-test-"));
    assertThat(Threads.runAll("pveiso-test-", 2, List.<java.util.concurrent.Callable<String>>of()))
        .isEmpty();
  }
}
