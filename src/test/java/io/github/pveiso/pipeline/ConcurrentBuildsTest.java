package io.github.pveiso.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.config.ConfigKey;
import io.github.pveiso.events.Event;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two builds at the same time: with one {@code work_dir} and one cache (each stages in a folder of
 * its own, and both download the same packages into the cache at once), and with the same output
 * (the second fails at once, naming the first, which goes on).
 */
@Tag("slow")
class ConcurrentBuildsTest {

  @TempDir static Path dir;
  static ServedRepository repository;

  @BeforeAll
  static void serve() throws IOException {
    repository = ServedRepository.start(dir);
  }

  /** Two threads, whatever the common pool's size (one on two cores). */
  private final ExecutorService threads = Executors.newFixedThreadPool(2);

  @AfterAll
  static void stop() {
    repository.close();
  }

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  private static BuildSettings settings(Path home, Path out, Path work) {
    return TestBuilds.settings(
        home,
        repository.uri(),
        repository.keyring(),
        Fixtures.Fixture.MKRESCUE.iso(),
        out,
        Map.of(
            ConfigKey.EXTRA_PACKAGES,
            ServedRepository.PACKAGES,
            ConfigKey.WORK_DIR,
            work.toString()));
  }

  /** Stage events that make each build wait for the other at the start of {@code steps}. */
  private static EventListener together(CyclicBarrier barrier, List<String> steps) {
    return event -> {
      if (event instanceof Event.StageStarted started && steps.contains(started.stage())) {
        try {
          barrier.await(120, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException("the other build never came to " + started.stage(), e);
        }
      }
    };
  }

  @Test
  void twoBuildsWithOneWorkDirAndOneCacheBothSucceed() throws Exception {
    Path home = dir.resolve("shared");
    Path work = home.resolve("work");
    CyclicBarrier barrier = new CyclicBarrier(2);
    EventListener stages = together(barrier, List.of("acquire packages", "stage", "report"));
    Future<Built> first =
        threads.submit(
            () ->
                TestBuilds.build(
                    settings(home, home.resolve("out1"), work), EventListener.NONE, stages));
    Future<Built> second =
        threads.submit(
            () ->
                TestBuilds.build(
                    settings(home, home.resolve("out2"), work), EventListener.NONE, stages));
    Built a = first.get(300, TimeUnit.SECONDS);
    Built b = second.get(300, TimeUnit.SECONDS);
    assertThat(a.sha256()).isEqualTo(b.sha256());
    assertThat(a.staged().files()).isEqualTo(b.staged().files());
    assertThat(files(work)).isEmpty();
    assertThat(files(home.resolve("cache/tmp"))).allMatch(p -> p.toString().endsWith(".lock"));
  }

  @Test
  void aSecondBuildOfTheSameOutputFailsAtOnceAndTheFirstGoesOn() throws Exception {
    Path home = dir.resolve("same-output");
    Path out = home.resolve("out");
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch goOn = new CountDownLatch(1);
    EventListener holdAtWrite =
        event -> {
          if (event instanceof Event.StageStarted started
              && started.stage().equals("write and verify")) {
            writing.countDown();
            try {
              goOn.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    Future<Built> first =
        threads.submit(
            () ->
                TestBuilds.build(
                    settings(home, out, home.resolve("work1")), EventListener.NONE, holdAtWrite));
    assertThat(writing.await(300, TimeUnit.SECONDS)).isTrue();
    Path output = out.resolve("mkrescue-pveiso.iso");
    try {
      assertThatThrownBy(
              () ->
                  TestBuilds.build(settings(home, out, home.resolve("work2")), EventListener.NONE))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageStartingWith(
              output
                  + " is being built by pveiso process "
                  + ProcessHandle.current().pid()
                  + " (started ")
          .hasMessageEndingWith(
              "; wait for it to end, or choose another output_name or output_dir");
    } finally {
      goOn.countDown();
    }
    Built built = first.get(300, TimeUnit.SECONDS);
    assertThat(built.output()).isEqualTo(output);
    assertThat(files(out))
        .containsExactly(
            out.resolve(OutputClaim.LOCK),
            out.resolve("mkrescue-pveiso.cdx.json"),
            output,
            out.resolve("mkrescue-pveiso.iso.sha256"),
            out.resolve("mkrescue-pveiso.manifest.json"));
  }

  private static List<Path> files(Path root) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> !p.equals(root)).sorted().toList();
    }
  }
}
