package io.github.pveiso.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.TempFiles;
import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.config.ConfigKey;
import io.github.pveiso.events.Event;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A build interrupted at the start of each step (what a SIGINT or SIGTERM does to it, through the
 * CLI's signal trap) stops there, publishes nothing, and leaves no temporary file: not in {@code
 * output_dir}, not under {@code work_dir}, not in the cache's {@code tmp/}.
 */
@Tag("slow")
class InterruptedBuildTest {

  @TempDir static Path dir;
  static ServedRepository repository;

  @BeforeAll
  static void serve() throws IOException {
    repository = ServedRepository.start(dir);
  }

  @AfterAll
  static void stop() {
    repository.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "acquire",
        "inspect",
        "acquire packages",
        "plan",
        "stage",
        "write and verify",
        "report"
      })
  void anInterruptedBuildPublishesNothingAndLeavesNothing(String step) throws IOException {
    Path run = dir.resolve(step.replace(' ', '-'));
    Path out = run.resolve("out");
    BuildSettings settings =
        TestBuilds.settings(
            run,
            repository.uri(),
            repository.keyring(),
            Fixtures.Fixture.MKRESCUE.iso(),
            out,
            Map.of(
                ConfigKey.EXTRA_PACKAGES,
                ServedRepository.PACKAGES,
                ConfigKey.WORK_DIR,
                run.resolve("work").toString()));
    EventListener interrupter =
        event -> {
          if (event instanceof Event.StageStarted started && started.stage().equals(step)) {
            Thread.currentThread().interrupt();
          }
        };
    try {
      assertThatThrownBy(() -> TestBuilds.build(settings, EventListener.NONE, interrupter))
          .isInstanceOf(RuntimeException.class);
    } finally {
      Thread.interrupted();
    }
    assertThat(files(out)).isSubsetOf(List.of(out.resolve(OutputClaim.LOCK)));
    assertThat(files(run.resolve("work"))).isEmpty();
    assertThat(files(run.resolve("cache/tmp"))).allMatch(p -> p.toString().endsWith(".lock"));
    assertThat(TempFiles.tracked()).isEmpty();
    // the output's hashing thread (see FollowingDigest) is stopped and gone
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().startsWith("hash .mkrescue-pveiso.iso") && t.isAlive());
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
