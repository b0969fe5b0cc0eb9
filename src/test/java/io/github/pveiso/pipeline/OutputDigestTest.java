package io.github.pveiso.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.config.ConfigKey;
import io.github.pveiso.debian.TestDeb;
import io.github.pveiso.debian.TestRepository;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.write.WriteStrategy;
import io.github.pveiso.net.LoopbackServer;
import io.github.pveiso.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
  static LoopbackServer server;
  static Path keyring;

  @BeforeAll
  static void repository() throws IOException {
    TestRepository repo = new TestRepository(dir.resolve("repo"), "trixie");
    repo.add(
        "non-free-firmware",
        new TestDeb("firmware-misc-nonfree", "20250410-1", "all")
            .file("./usr/lib/firmware/test/a.bin", "firmware A")
            .file("./usr/lib/firmware/test/d.bin", "firmware D"));
    repo.add(
        "non-free-firmware",
        new TestDeb("amd64-microcode", "3.20250311.1", "amd64")
            .file("./lib/firmware/amd-ucode/microcode_amd_fam17h.bin", "DMA\0test container"));
    repo.add(
        "main",
        new TestDeb("libextra", "1.0-1", "amd64").file("./usr/share/doc/libextra/README", "x"));
    keyring = dir.resolve("test-keyring.gpg");
    repo.publishSigned(Instant.now().minus(Duration.ofHours(1)), keyring);
    server = LoopbackServer.serving(dir.resolve("repo"));
  }

  @AfterAll
  static void stop() {
    server.close();
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
                server.uri("/"),
                keyring,
                Fixtures.Fixture.MKRESCUE.iso(),
                out,
                Map.of(
                    ConfigKey.EXTRA_PACKAGES,
                    "firmware-misc-nonfree,amd64-microcode,libextra",
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
