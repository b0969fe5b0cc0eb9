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
}
