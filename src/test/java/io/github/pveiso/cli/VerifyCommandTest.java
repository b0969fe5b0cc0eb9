package io.github.pveiso.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pveiso.iso.BootFixtures;
import io.github.pveiso.iso.Xorriso;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
  @TempDir static Path dir;

  @BeforeAll
  static void makeIsos() throws IOException {
    BootFixtures.appended(dir);
    Path extra = Files.writeString(dir.resolve("extra.txt"), "extra\n");
    Xorriso.run(
        "-compliance",
        "no_emul_toc",
        "-indev",
        dir.resolve("appended.iso").toString(),
        "-outdev",
        dir.resolve("changed.iso").toString(),
        "-padding",
        "0",
        "-map",
        extra.toString(),
        "/extra.txt",
        "-boot_image",
        "any",
        "replay",
        "-volume_date",
        "uuid",
        "2020010203040500");
  }

  @Test
  void aGoodIsoPassesOnItsOwn() {
    CliRun run = CliRun.run(dir, Map.of(), "verify", "appended.iso");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("PASS  GPT ")
        .endsWith(dir.resolve("appended.iso") + " is consistent\n");
  }

  @Test
  void againstTheOriginalAChangedDateFailsWithExit3() throws IOException {
    CliRun run =
        CliRun.run(dir, Map.of(), "--json", "verify", "changed.iso", "--against", "appended.iso");
    assertThat(run.exitCode()).isEqualTo(3);
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("ok").asBoolean()).isFalse();
    assertThat(json.at("/result/checks").findValuesAsText("name"))
        .contains("volume date (GRUB UUID)", "EFI partition", "unexpected files");
    assertThat(run.err())
        .contains("FAIL  volume date (GRUB UUID)    '2020-01-02-03-04-05-00' but")
        .contains(
            "WARN  unexpected files           /extra.txt is neither in the source nor in "
                + "the change list\n");
  }

  @Test
  void aCorruptGptFailsWithExit3() throws IOException {
    Path bad = Files.copy(dir.resolve("appended.iso"), dir.resolve("bad.iso"));
    try (FileChannel ch = FileChannel.open(bad, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {0x42}), 1024 + 56);
    }
    CliRun run = CliRun.run(dir, Map.of(), "verify", "bad.iso");
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.out())
        .containsPattern(
            "FAIL  GPT +GPT primary entry array CRC is [0-9a-f]{8} "
                + "but its bytes give [0-9a-f]{8}\n");
  }
}
