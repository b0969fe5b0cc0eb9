package io.github.pveiso.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pveiso.RunOwner;
import io.github.pveiso.testing.Fixtures.Fixture;
import io.github.pveiso.testing.Owners;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan} and {@code build} through the CLI on the Proxmox-like fixture with nothing to
 * download (no firmware sets, no extra packages), so no mirror is needed: text and {@code --json}.
 */
@Tag("slow")
class BuildCommandTest {

  @TempDir Path dir;

  private String[] args(String command, String... more) {
    List<String> args = new ArrayList<>(List.of(command, "--no-progress"));
    args.add("--iso=" + Fixture.MKRESCUE.iso());
    args.addAll(List.of("--firmware-sets=", "--no-include-amd", "--no-include-intel"));
    args.addAll(List.of("--no-include-nvidia", "--output-dir=out", "--work-dir=work"));
    args.add("--firmware-cache=cache");
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private String[] json(String command, String... more) {
    List<String> all = new ArrayList<>(List.of("--json"));
    all.addAll(List.of(args(command, more)));
    return all.toArray(String[]::new);
  }

  @Test
  void buildPrintsJsonWithStageTimingsInSeconds() throws IOException {
    CliRun run = CliRun.run(dir, Map.of("HOME", dir.toString()), json("build"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertThat(doc.path("ok").asBoolean()).isTrue();
    JsonNode result = doc.path("result");
    assertThat(result.path("output").asText())
        .isEqualTo(dir.resolve("out/mkrescue-pveiso.iso").toString());
    List<String> stages = new ArrayList<>();
    for (JsonNode t : result.path("stageTimings")) {
      stages.add(t.path("stage").asText() + "=" + t.path("seconds").asDouble());
    }
    // the CLI tests run on a fixed clock, so every stage takes 0 s
    assertThat(stages)
        .containsExactly(
            "acquire=0.0",
            "inspect=0.0",
            "acquire packages=0.0",
            "plan=0.0",
            "stage=0.0",
            "write and verify=0.0",
            "report=0.0");
    assertThat(result.path("files").size()).isZero();
    assertThat(Files.exists(dir.resolve("out/mkrescue-pveiso.iso"))).isTrue();
  }

  @Test
  void planPrintsTheFilesAndTheSizeChange() {
    CliRun run = CliRun.run(dir, Map.of("HOME", dir.toString()), args("plan"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("architecture: amd64")
        .contains("0 files: 0 added (0 B), 0 replaced (0 B), 0 removed (0 B)")
        .contains("size change: 0 B of new file data");
    assertThat(dir.resolve("out/mkrescue-pveiso.iso")).doesNotExist();
  }

  /**
   * Plan says what installer_firmware decided, in text and JSON, whether it is on by default (the
   * iso target) or set: the same words; with --no-installer-firmware it says nothing.
   */
  @Test
  void planShowsTheInstallerFirmwareDecisionUnlessTurnedOff() throws IOException {
    Map<String, String> env = Map.of("HOME", dir.toString());
    String decision =
        "installer firmware: none (the iso target adds no firmware, so there is nothing to fill)";
    CliRun byDefault = CliRun.run(dir, env, args("plan"));
    assertThat(byDefault.exitCode()).as(byDefault.err()).isZero();
    assertThat(byDefault.out()).contains(decision);
    CliRun asked = CliRun.run(dir, env, args("plan", "--installer-firmware"));
    assertThat(asked.exitCode()).as(asked.err()).isZero();
    assertThat(asked.out()).isEqualTo(byDefault.out());
    CliRun off = CliRun.run(dir, env, args("plan", "--no-installer-firmware"));
    assertThat(off.exitCode()).as(off.err()).isZero();
    assertThat(off.out()).doesNotContain("installer firmware");

    for (String[] plan : List.of(json("plan"), json("plan", "--installer-firmware"))) {
      CliRun doc = CliRun.run(dir, env, plan);
      assertThat(doc.exitCode()).as(doc.err()).isZero();
      JsonNode fw = new ObjectMapper().readTree(doc.out()).path("result").path("installerFirmware");
      assertThat(fw.path("on").asBoolean(true)).isFalse();
      assertThat(fw.path("reason").asText())
          .isEqualTo("the iso target adds no firmware, so there is nothing to fill");
    }
    JsonNode plain =
        new ObjectMapper()
            .readTree(CliRun.run(dir, env, json("plan", "--no-installer-firmware")).out());
    assertThat(plain.path("result").has("installerFirmware")).isFalse();
  }

  @Test
  void aNonProxmoxIsoIsRefusedUnlessForced() throws Exception {
    Path plain = dir.resolve("plain.iso");
    Path content = Files.createDirectories(dir.resolve("content"));
    Files.writeString(content.resolve("hello.txt"), "hello\n");
    Process p =
        new ProcessBuilder(
                "xorriso", "-outdev", plain.toString(), "-map", content.toString(), "/", "-commit")
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).isZero();
    List<String> args = new ArrayList<>(List.of(args("build")));
    args.set(2, "--iso=" + plain);
    CliRun run = CliRun.run(dir, Map.of("HOME", dir.toString()), args.toArray(String[]::new));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "warning: ISO "
                + plain.toUri()
                + " is unverified: no iso_sha256 was given\n"
                + "pveiso: plain.iso is not a Proxmox VE ISO (/.cd-info is missing: a Proxmox ISO"
                + " names its product there; and 9 more findings, see 'pveiso inspect plain.iso');"
                + " use --force to build anyway\n");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void whatAKilledBuildLeftIsRemovedAndSaid() throws IOException {
    RunOwner gone = Owners.gone();
    Path partial =
        Files.writeString(
            Files.createDirectories(dir.resolve("out"))
                .resolve(".mkrescue-pveiso.iso." + gone.token() + ".partial"),
            "half an ISO");
    Path staging = dir.resolve("work/pveiso-" + gone.token());
    Files.writeString(Files.createDirectories(staging.resolve("stage")).resolve("initrd.img"), "x");
    CliRun run = CliRun.run(dir, Map.of("HOME", dir.toString()), args("build"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err())
        .contains(
            "warning: removed "
                + staging
                + ", left behind by "
                + gone.describe()
                + ", which is no longer running\n")
        .contains(
            "warning: removed "
                + partial
                + ", left behind by "
                + gone.describe()
                + ", which is no longer running\n");
    assertThat(partial).doesNotExist();
    assertThat(dir.resolve("work")).isEmptyDirectory();
    assertThat(dir.resolve("out/mkrescue-pveiso.iso")).exists();
  }

  static final String ANSWER =
      """
      [global]
      keyboard = "de"
      country = "at"
      fqdn = "pve-1.example.com"
      mailto = "admin@example.com"
      timezone = "Europe/Vienna"
      root-password = "12345678"

      [network]
      source = "from-dhcp"

      [disk-setup]
      filesystem = "ext4"
      disk-list = ["sda"]
      """;

  /** Two answer files (and a file that is not one) in {@code answers/}. */
  private void answers() throws IOException {
    Path answers = Files.createDirectories(dir.resolve("answers"));
    for (String node : List.of("pve-1", "pve-2")) {
      Files.writeString(answers.resolve(node + ".toml"), ANSWER.replace("pve-1", node));
    }
    Files.writeString(answers.resolve("README"), "one answer file per node\n");
  }

  @Test
  void buildWithAnAnswerDirWritesOneIsoPerNode() throws IOException {
    answers();
    List<String> all = new ArrayList<>(List.of("--json"));
    all.addAll(List.of(args("build", "--answer-dir=answers")));
    CliRun run = CliRun.run(dir, Map.of("HOME", dir.toString()), all.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode result = new ObjectMapper().readTree(run.out()).path("result");
    List<String> nodes = new ArrayList<>();
    for (JsonNode node : result.path("nodes")) {
      nodes.add(node.path("node").asText() + " " + node.path("output").asText());
      assertThat(node.path("sha256").asText())
          .isEqualTo(
              io.github.pveiso.Sha256Digest.ofFile(Path.of(node.path("output").asText()))
                  .toString());
      assertThat(node.path("files").size()).isEqualTo(2);
    }
    assertThat(nodes)
        .containsExactly(
            "pve-1 " + dir.resolve("out/mkrescue-pveiso-pve-1.iso"),
            "pve-2 " + dir.resolve("out/mkrescue-pveiso-pve-2.iso"));
    assertThat(result.has("output")).isFalse();
    List<String> stages = new ArrayList<>();
    result.path("stageTimings").forEach(t -> stages.add(t.path("stage").asText()));
    // nothing is shared, so there is no base to write: each node grows the source
    assertThat(stages)
        .containsExactly(
            "acquire", "inspect", "acquire packages", "plan", "stage", "node pve-1", "node pve-2");
  }

  @Test
  void planWithAnAnswerDirListsEachNodesIsoAndFiles() throws IOException {
    answers();
    CliRun run =
        CliRun.run(
            dir,
            Map.of("HOME", dir.toString()),
            args("plan", "--answer-dir=answers", "--boot-timeout=5"));
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("1 files: 0 added (0 B), 1 replaced (")
        .contains("the files above go on every node's ISO; each node's ISO adds its own:")
        .contains("node pve-1 -> mkrescue-pveiso-pve-1.iso")
        .contains("node pve-2 -> mkrescue-pveiso-pve-2.iso")
        .contains("/auto-installer-mode.toml");
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
