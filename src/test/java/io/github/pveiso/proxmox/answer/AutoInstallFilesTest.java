package io.github.pveiso.proxmox.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.proxmox.ProductInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AutoInstallFilesTest {

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

  static ProductInfo product(boolean capable) {
    return new ProductInfo(
        true, Map.of("RELEASE", "9.1"), Map.of(), "id", capable, 1L, List.of(), List.of());
  }

  static Content content(String name, String text) {
    return new Content(name, text.getBytes(StandardCharsets.UTF_8));
  }

  static AutoInstallerMode mode(FetchMode mode) {
    return new AutoInstallerMode(
        mode, "proxmox-ais", Optional.empty(), Optional.empty(), Optional.empty());
  }

  @Test
  void isoModeAddsTheModeFileAndTheAnswer() {
    List<AutoInstallFile> files =
        AutoInstallFiles.of(
            new AutoInstallRequest(
                mode(FetchMode.ISO), Optional.of(content("a.toml", ANSWER)), Optional.empty()),
            product(true));
    assertThat(files)
        .extracting(AutoInstallFile::isoPath, AutoInstallFile::mode, AutoInstallFile::origin)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("/answer.toml", 0644, "answer file a.toml"),
            org.assertj.core.groups.Tuple.tuple(
                "/auto-installer-mode.toml", 0644, "pveiso: answer from iso"));
    assertThat(new String(files.get(1).content().bytes(), StandardCharsets.UTF_8))
        .isEqualTo("mode = \"iso\"\npartition_label = \"proxmox-ais\"\n");
  }

  @Test
  void anIsoWithoutTheMarkerIsRefusedNamingTheRelease() {
    assertThatThrownBy(
            () ->
                AutoInstallFiles.of(
                    new AutoInstallRequest(
                        mode(FetchMode.PARTITION), Optional.empty(), Optional.empty()),
                    product(false)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Proxmox VE 8.2");
  }

  @Test
  void anInvalidAnswerOrAMismatchedFirstBootNeverReachesAnIso() {
    assertThatThrownBy(
            () ->
                AutoInstallFiles.of(
                    new AutoInstallRequest(
                        mode(FetchMode.ISO),
                        Optional.of(content("a.toml", ANSWER.replace("\"de\"", "\"xx\""))),
                        Optional.of(content("fb", "#!/bin/sh\n"))),
                    product(true)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "a.toml:2: global.keyboard: keyboard layout 'xx' is not valid; expected one of: de,"
                + " de-ch, dk, en-gb, en-us, es, fi, fr, fr-be, fr-ca, fr-ch, hu, is, it, jp, lt, mk,"
                + " nl, no, pl, pt, pt-br, se, si, tr\n"
                + "a.toml does not ask for the first_boot executable; add [first-boot] with source ="
                + " \"from-iso\" to it, or drop first_boot");
    assertThatThrownBy(
            () ->
                AutoInstallFiles.of(
                    new AutoInstallRequest(mode(FetchMode.ISO), Optional.empty(), Optional.empty()),
                    product(true)))
        .hasMessage("answer_fetch is iso but there is no answer_file to put on the ISO");
    assertThatThrownBy(
            () ->
                AutoInstallFiles.of(
                    new AutoInstallRequest(
                        mode(FetchMode.HTTP),
                        Optional.of(content("a.toml", ANSWER)),
                        Optional.empty()),
                    product(true)))
        .hasMessage("answer_file goes on the ISO only with answer_fetch iso, not http");
    assertThatThrownBy(
            () ->
                AutoInstallFiles.of(
                    new AutoInstallRequest(
                        mode(FetchMode.PARTITION),
                        Optional.empty(),
                        Optional.of(new Content("big", new byte[1024 * 1024 + 1]))),
                    product(true)))
        .hasMessage("first_boot big is 1048577 bytes; the installer takes at most 1 MiB (1048576)");
  }

  @Test
  void theSummaryHoldsOnlyDigestsOfSecrets() {
    AutoInstallerMode http =
        new AutoInstallerMode(
            FetchMode.HTTP,
            "proxmox-ais",
            Optional.of("https://a.example/"),
            Optional.empty(),
            Optional.of("the-token"));
    AutoInstallSummary summary =
        AutoInstallFiles.summary(new AutoInstallRequest(http, Optional.empty(), Optional.empty()));
    assertThat(summary.tokenSha256())
        .contains(Content.sha256("the-token".getBytes(StandardCharsets.UTF_8)));
    assertThat(summary.toString()).doesNotContain("the-token");
    assertThat(http.toString())
        .isEqualTo(
            "AutoInstallerMode[mode = \"http\" partition_label = \"proxmox-ais\"  [http] url ="
                + " \"https://a.example/\" token = \"<redacted>\"]");
  }

  @Test
  void theModeFileReadsBackAndQuotesWhatItMust() {
    AutoInstallerMode http =
        new AutoInstallerMode(
            FetchMode.HTTP,
            "lab\"el",
            Optional.of("https://a.example/?q=\\x"),
            Optional.of("AB".repeat(32)),
            Optional.of("tok"));
    assertThat(AutoInstallerMode.parse(http.toml())).isEqualTo(http);
    assertThat(AutoInstallerMode.parse("mode = \"partition\"\n").partitionLabel())
        .isEqualTo("proxmox-ais");
    assertThatThrownBy(() -> AutoInstallerMode.parse("mode = \"usb\"\n"))
        .hasMessage(
            "/auto-installer-mode.toml has mode 'usb'; the installer knows iso, http and partition");
  }
}
