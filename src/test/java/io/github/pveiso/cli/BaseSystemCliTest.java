package io.github.pveiso.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pveiso.iso.IsoEntry;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.Xorriso;
import io.github.pveiso.testing.Fixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The base system in {@code inspect}, and a damaged one that stops {@code plan}. */
class BaseSystemCliTest {

  @TempDir Path dir;

  @Test
  void inspectCountsTheBaseSystemsPackagesAndListsThemInJson() throws IOException {
    String iso = Fixtures.Fixture.MKRESCUE.iso().toString();
    CliRun run = CliRun.run(dir, Map.of(), "inspect", iso);
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains(
            "base system    11 packages installed in /pve-base.squashfs (var/lib/dpkg/status)\n");
    CliRun json = CliRun.run(dir, Map.of(), "--json", "inspect", iso);
    JsonNode base = new ObjectMapper().readTree(json.out()).at("/result/baseSystem");
    assertThat(base.get("state").asText()).isEqualTo("READ");
    assertThat(base.get("count").asInt()).isEqualTo(11);
    assertThat(base.at("/packages/4").toString())
        .isEqualTo("{\"name\":\"libc6\",\"version\":\"2.41-12\",\"architecture\":\"amd64\"}");
  }

  @Test
  void anIsoWithoutSquashfsStillInspects() throws IOException {
    Path src = Files.createDirectories(dir.resolve("plain"));
    Files.writeString(src.resolve("a.txt"), "a\n");
    Xorriso.mkisofs(dir.resolve("plain.iso"), src, "-R", "-V", "DATA");
    CliRun run = CliRun.run(dir, Map.of(), "inspect", "plain.iso");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains(
            "base system    none: the ISO has no /pve-base.squashfs; no packages count as"
                + " installed\n");
  }

  /** A copy of the mkrescue fixture whose base squashfs is overwritten after its superblock. */
  Path damaged() throws IOException {
    Path out = Files.copy(Fixtures.Fixture.MKRESCUE.iso(), dir.resolve("damaged.iso"));
    IsoEntry squashfs;
    try (IsoImage image = IsoImage.open(out)) {
      squashfs = image.find("/pve-base.squashfs").orElseThrow();
    }
    byte[] junk = new byte[(int) squashfs.size() - 96];
    Arrays.fill(junk, (byte) 'z');
    try (FileChannel channel = FileChannel.open(out, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(junk), squashfs.extents().get(0).offset() + 96);
    }
    return out;
  }

  @Test
  void aDamagedSquashfsIsReportedByInspectAndStopsPlanWithExitCode3() throws IOException {
    Path iso = damaged();
    String reason =
        "damaged.iso:/pve-base.squashfs is damaged: unsquashfs exited with 1: FATAL ERROR: File"
            + " system corruption detected; download the ISO again";
    CliRun inspect = CliRun.run(dir, Map.of(), "inspect", iso.toString());
    assertThat(inspect.exitCode()).isZero();
    assertThat(inspect.out()).contains("base system    unreadable: " + reason + "\n");
    CliRun plan =
        CliRun.run(
            dir,
            Map.of("HOME", dir.toString()),
            "plan",
            "--iso=" + iso,
            "--targets=iso",
            "--firmware-sets=",
            "--no-include-amd",
            "--no-include-intel",
            "--no-include-nvidia",
            "--work-dir=" + dir.resolve("work"),
            "--firmware-cache=" + dir.resolve("cache"),
            "--output-dir=" + dir.resolve("out"));
    assertThat(plan.err())
        .isEqualTo(
            "warning: ISO "
                + iso.toUri()
                + " is unverified: no iso_sha256 was given\npveiso: "
                + reason
                + "\n");
    assertThat(plan.exitCode()).isEqualTo(3);
  }
}
