package io.github.pveiso.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.config.ConfigKey;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.write.WriteStrategy;
import io.github.pveiso.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The output's SHA-256, computed while it is written (the Java writer) or after it (xorriso), is
 * the SHA-256 of the published file, for every target and both writers, and no hashing thread
 * outlives the build.
 */
@Tag("slow")
class OutputDigestTest {

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
  @CsvSource({
    "iso, auto, GROW",
    "installer, auto, GROW",
    "system, auto, GROW",
    "'iso,installer,system', auto, GROW",
    "iso, xorriso, GROW_COPY",
    "'iso,installer,system', xorriso, GROW_COPY"
  })
  void theDigestIsThePublishedFiles(String targets, String writer, WriteStrategy strategy)
      throws IOException {
    Path out = dir.resolve(targets.replace(',', '-') + "-" + writer);
    Built built =
        TestBuilds.build(
            TestBuilds.settings(
                dir,
                repository.uri(),
                repository.keyring(),
                Fixtures.Fixture.MKRESCUE.iso(),
                out,
                Map.of(
                    ConfigKey.EXTRA_PACKAGES,
                    ServedRepository.PACKAGES,
                    ConfigKey.TARGETS,
                    targets,
                    ConfigKey.ISO_WRITER,
                    writer)),
            EventListener.NONE);
    assertThat(built.writer()).isEqualTo(strategy);
    String sha256 = Sha256Digest.ofFile(built.output()).hex();
    assertThat(built.sha256()).isEqualTo(sha256);
    assertThat(Files.readString(out.resolve("mkrescue-pveiso.iso.sha256")))
        .isEqualTo(sha256 + "  mkrescue-pveiso.iso\n");
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().startsWith("hash .mkrescue-pveiso.iso") && t.isAlive());
  }
}
