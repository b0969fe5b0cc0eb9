package io.github.pveiso.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pveiso.iso.Xorriso;
import io.github.pveiso.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pveiso inspect} of the Proxmox-like fixture with automated-installation files added by
 * xorriso (as Proxmox's own tool adds them): the packages with their relations, the mode, the
 * answer with its secrets redacted unless asked for.
 */
class InspectAutoInstallTest {

  @TempDir static Path dir;

  static final String ANSWER =
      """
      [global]
      keyboard = "de"
      country = "at"
      fqdn = "pve-1.example.com"
      mailto = "admin@example.com"
      timezone = "Europe/Vienna"
      root-password = "the-root-password"
      subscription-key = "pve4c-0123456789"

      [network]
      source = "from-dhcp"

      [disk-setup]
      filesystem = "ext4"
      disk-list = ["sda"]

      [post-installation-webhook]
      url = "https://hooks.example.com/installed"
      auth-token = "the-webhook-token"
      """;

  @BeforeAll
  static void iso() throws IOException {
    Path iso = Files.copy(Fixtures.Fixture.MKRESCUE.iso(), dir.resolve("auto.iso"));
    Path mode =
        Files.writeString(
            dir.resolve("mode.toml"),
            "mode = \"http\"\npartition_label = \"proxmox-ais\"\n\n[http]\n"
                + "url = \"https://answers.example.com/\"\ntoken = \"the-answer-token\"\n");
    Path answer = Files.writeString(dir.resolve("answer.toml"), ANSWER);
    Path script = Files.writeString(dir.resolve("fb"), "#!/bin/sh\necho hi\n");
    Xorriso.run(
        "-boot_image",
        "any",
        "keep",
        "-dev",
        iso.toString(),
        "-map",
        mode.toString(),
        "/auto-installer-mode.toml",
        "-map",
        answer.toString(),
        "/answer.toml",
        "-map",
        script.toString(),
        "/proxmox-first-boot",
        "--");
  }

  @Test
  void listsEachPackageWithItsRelations() {
    CliRun run = CliRun.run(dir, Map.of(), "inspect", "auto.iso");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains(
            "packages       3 in /proxmox/packages\n"
                + "               libfoo1 1.2.3-1 amd64 (libfoo1_1.2.3-1_amd64.deb, 804 B)\n"
                + "               proxmox-ve 9.1.0 all (proxmox-ve_9.1.0_all.deb, 876 B)\n"
                + "                 Depends: pve-firmware, libfoo1 (>= 1.2)\n"
                + "               pve-firmware 3.14-1 all (pve-firmware_3.14-1_all.deb, 1.2 KiB)\n"
                + "                 Suggests: linux-image\n"
                + "                 Conflicts: firmware-amd-graphics, firmware-ath9k-htc,");
  }

  @Test
  void showsTheModeAndTheAnswerWithItsSecretsRedacted() {
    CliRun run = CliRun.run(dir, Map.of(), "inspect", "auto.iso");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains(
            "auto-install   supported (/auto-installer-capable)\n"
                + "answer from    http https://answers.example.com/, token <redacted>\n"
                + "answer         /answer.toml, sha256 ")
        .contains(", valid\n               | [global]\n")
        .contains("               | root-password = \"<redacted>\"\n")
        .contains("               | subscription-key = \"<redacted>\"\n")
        .contains("               | auth-token = \"<redacted>\"\n")
        .contains("               | url = \"https://hooks.example.com/installed\"\n")
        .contains("first boot     /proxmox-first-boot, 18 B, sha256 ")
        .doesNotContain("the-root-password")
        .doesNotContain("pve4c-0123456789")
        .doesNotContain("the-webhook-token")
        .doesNotContain("the-answer-token");
  }

  @Test
  void showSecretsShowsThem() {
    CliRun run = CliRun.run(dir, Map.of(), "inspect", "--show-secrets", "auto.iso");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("answer from    http https://answers.example.com/, token the-answer-token\n")
        .contains("               | root-password = \"the-root-password\"\n")
        .contains("               | auth-token = \"the-webhook-token\"\n");
  }

  @Test
  void jsonHasThePackagesAndTheAutomatedInstallationAsData() throws IOException {
    CliRun run = CliRun.run(dir, Map.of(), "--json", "inspect", "auto.iso");
    assertThat(run.exitCode()).isZero();
    JsonNode result = new ObjectMapper().readTree(run.out()).get("result");
    assertThat(result.get("volumeId").asText()).isEqualTo("PVE");
    JsonNode ve = result.at("/packages/1");
    assertThat(ve.get("name").asText()).isEqualTo("proxmox-ve");
    assertThat(ve.get("version").asText()).isEqualTo("9.1.0");
    assertThat(ve.get("architecture").asText()).isEqualTo("all");
    JsonNode libfoo = ve.at("/relations/Depends/1/0");
    assertThat(libfoo.get("name").asText()).isEqualTo("libfoo1");
    assertThat(libfoo.get("operator").asText()).isEqualTo(">=");
    assertThat(libfoo.get("version").asText()).isEqualTo("1.2");
    JsonNode auto = result.get("autoInstall");
    assertThat(auto.get("capable").asBoolean()).isTrue();
    assertThat(auto.get("mode").asText()).isEqualTo("http");
    assertThat(auto.get("url").asText()).isEqualTo("https://answers.example.com/");
    assertThat(auto.get("token").asText()).isEqualTo("<redacted>");
    assertThat(auto.get("answerProblems")).isEmpty();
    assertThat(run.out()).doesNotContain("the-root-password").doesNotContain("the-answer-token");
  }

  @Test
  void brokenFilesAreReportedAndNothingOfThemIsShown() throws IOException {
    Path iso = Files.copy(Fixtures.Fixture.MKRESCUE.iso(), dir.resolve("broken.iso"));
    Path mode = Files.writeString(dir.resolve("bad-mode.toml"), "mode = \"usb\"\n");
    Path answer =
        Files.writeString(dir.resolve("bad-answer.toml"), "root-password = \"unterminated\n");
    Xorriso.run(
        "-boot_image",
        "any",
        "keep",
        "-dev",
        iso.toString(),
        "-map",
        mode.toString(),
        "/auto-installer-mode.toml",
        "-map",
        answer.toString(),
        "/answer.toml",
        "--");
    CliRun run = CliRun.run(dir, Map.of(), "inspect", "broken.iso");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains(
            "answer from    unreadable: /auto-installer-mode.toml has mode 'usb'; the installer"
                + " knows iso, http and partition\n")
        .contains(
            ", 1 problem\n               /answer.toml:1: not valid TOML: Newline not permitted here\n")
        .contains("               | (not valid TOML, 30 bytes; shown only with --show-secrets)\n")
        .doesNotContain("unterminated");
  }

  @Test
  void anIsoWithoutAutomatedInstallationSaysSo() {
    CliRun run =
        CliRun.run(
            Fixtures.Fixture.MKRESCUE.iso().getParent(), Map.of(), "inspect", "mkrescue.iso");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains(
            "auto-install   supported (/auto-installer-capable); not set up: the ISO installs"
                + " interactively\n");
  }
}
