package io.github.pveiso.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  @TempDir Path dir;

  @Test
  void aRunningNonDaemonThreadIsSeenAndADaemonOneIsNot() throws Exception {
    CountDownLatch stop = new CountDownLatch(1);
    Thread daemon = new Thread(() -> awaitQuietly(stop), "test-daemon");
    daemon.setDaemon(true);
    Thread worker = new Thread(() -> awaitQuietly(stop), "test-worker");
    daemon.start();
    boolean withDaemon = otherThreadsBesides(worker);
    worker.start();
    try {
      assertThat(Main.otherThreadsRunning()).isTrue();
    } finally {
      stop.countDown();
      worker.join();
      daemon.join();
    }
    assertThat(withDaemon).isEqualTo(Main.otherThreadsRunning());
  }

  @Test
  void picocliIsToldNotToLookForGroovyOrJansi() {
    Main.avoidClassPathSearches();

    assertThat(System.getProperty("picocli.disable.closures")).isEqualTo("true");
    assertThat(System.getProperty("org.fusesource.jansi.Ansi.disable")).isEqualTo("true");
  }

  @Test
  void javasNativeCopyBuffersAreBoundedUnlessTheUserSaidOtherwise() {
    String before = System.getProperty(Main.NIO_BUFFER_CACHE);
    try {
      System.clearProperty(Main.NIO_BUFFER_CACHE);
      Main.boundNioBufferCache();
      assertThat(System.getProperty(Main.NIO_BUFFER_CACHE)).isEqualTo("262144");

      System.setProperty(Main.NIO_BUFFER_CACHE, "1048576");
      Main.boundNioBufferCache();
      assertThat(System.getProperty(Main.NIO_BUFFER_CACHE)).isEqualTo("1048576");
    } finally {
      if (before == null) {
        System.clearProperty(Main.NIO_BUFFER_CACHE);
      } else {
        System.setProperty(Main.NIO_BUFFER_CACHE, before);
      }
    }
  }

  @Test
  void successEndsTheJvmWithZeroAndAFailureWithItsCode() throws Exception {
    assertThat(run("--version")).isZero();
    assertThat(Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8))
        .startsWith("pveiso ");

    assertThat(run("no-such-command")).isEqualTo(2);
    assertThat(Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8))
        .startsWith("pveiso: ");
  }

  /** Whether, before {@code notYetStarted} starts, another non-daemon thread runs. */
  private static boolean otherThreadsBesides(Thread notYetStarted) {
    assertThat(notYetStarted.isAlive()).isFalse();
    return Main.otherThreadsRunning();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs pveiso's main in a JVM of its own; returns its exit code. */
  private int run(String... args) throws IOException, InterruptedException {
    return MainJvm.builder(dir, List.of(), List.of(args)).start().waitFor();
  }
}
