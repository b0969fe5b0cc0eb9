package io.github.pveiso.pipeline.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.verify.ExpectedContent;
import io.github.pveiso.iso.write.IsoChange;
import io.github.pveiso.proxmox.ProductInfo;
import io.github.pveiso.proxmox.answer.AutoInstallFiles;
import io.github.pveiso.proxmox.answer.AutoInstallRequest;
import io.github.pveiso.proxmox.answer.AutoInstallSetup;
import io.github.pveiso.proxmox.answer.AutoInstallerMode;
import io.github.pveiso.proxmox.answer.Content;
import io.github.pveiso.proxmox.answer.FetchMode;
import io.github.pveiso.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The automated-installation files become changes and staged files, after the package stage's. */
class StageAutoInstallStepTest {

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

      [first-boot]
      source = "from-iso"
      """;

  static final String SCRIPT = "#!/bin/sh\ntrue\n";
  static final Instant MTIME = Instant.ofEpochSecond(1_700_000_000L);

  @TempDir Path dir;

  static AutoInstallSetup setup() {
    ProductInfo capable =
        new ProductInfo(
            true, Map.of("RELEASE", "9.1"), Map.of(), "id", true, 1L, List.of(), List.of());
    return AutoInstallFiles.setup(
        new AutoInstallRequest(
            new AutoInstallerMode(
                FetchMode.ISO, "proxmox-ais", Optional.empty(), Optional.empty(), Optional.empty()),
            Optional.of(new Content("answer.toml", ANSWER.getBytes(StandardCharsets.UTF_8))),
            Optional.of(new Content("first-boot.sh", SCRIPT.getBytes(StandardCharsets.UTF_8)))),
        capable);
  }

  @Test
  void withoutAnAutomatedInstallationNothingIsStaged() {
    try (IsoImage iso = IsoImage.open(Fixtures.Fixture.MKRESCUE.iso())) {
      Staged staged = new StageAutoInstallStep(dir, MTIME).call(iso, Optional.empty());
      assertThat(staged.changes()).isEmpty();
      assertThat(staged.files()).isEmpty();
      assertThat(staged.notes()).isEmpty();
      assertThat(staged.autoInstall()).isEmpty();
    }
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void theFilesAreAddedWithTheirModesAndOnlyTheOwnerCanReadTheLocalCopies() throws IOException {
    AutoInstallSetup setup = setup();
    Staged staged;
    try (IsoImage iso = IsoImage.open(Fixtures.Fixture.MKRESCUE.iso())) {
      staged = new StageAutoInstallStep(dir.resolve("auto"), MTIME).call(iso, Optional.of(setup));
    }
    assertThat(staged.files())
        .extracting(StagedFile::isoPath, StagedFile::operation, StagedFile::origin)
        .containsExactly(
            Tuple.tuple("/answer.toml", "add", "answer file answer.toml"),
            Tuple.tuple("/auto-installer-mode.toml", "add", "pveiso: answer from iso"),
            Tuple.tuple("/proxmox-first-boot", "add", "first-boot executable first-boot.sh"));
    assertThat(staged.expected().get("/answer.toml"))
        .isEqualTo(
            new ExpectedContent.Digest(Content.sha256(ANSWER.getBytes(StandardCharsets.UTF_8))));
    assertThat(staged.changes())
        .allSatisfy(c -> assertThat(c).isInstanceOf(IsoChange.AddFile.class))
        .extracting(c -> ((IsoChange.AddFile) c).mode())
        .containsExactlyInAnyOrder(0644, 0644, 0755);
    assertThat(staged.notes())
        .containsExactly(
            "automated installation: the installer takes its answer from iso, and runs"
                + " first-boot.sh at first boot");
    assertThat(staged.autoInstall()).contains(setup.summary());
    Path answer = dir.resolve("auto").resolve("answer.toml");
    assertThat(answer).hasContent(ANSWER);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(answer)))
        .isEqualTo("rw-------");
  }

  @Test
  void plusFollowsThePackageStageAndSortsTheFilesAgain() {
    Staged packages =
        new Staged(
            List.of(new IsoChange.RemoveFile("/proxmox/packages/old.deb")),
            List.of(StagedFile.removed("/proxmox/packages/old.deb", 3, "older")),
            List.of("removed old.deb"));
    Staged auto;
    try (IsoImage iso = IsoImage.open(Fixtures.Fixture.MKRESCUE.iso())) {
      auto = new StageAutoInstallStep(dir, MTIME).call(iso, Optional.of(setup()));
    }
    Staged both = packages.plus(auto);
    assertThat(both.changes()).hasSize(4).first().isEqualTo(packages.changes().get(0));
    assertThat(both.files())
        .extracting(StagedFile::isoPath)
        .containsExactly(
            "/answer.toml",
            "/auto-installer-mode.toml",
            "/proxmox-first-boot",
            "/proxmox/packages/old.deb");
    assertThat(both.notes()).hasSize(2).first().isEqualTo("removed old.deb");
    assertThat(both.autoInstall()).isEqualTo(auto.autoInstall());
    assertThat(packages.plus(new Staged(List.of(), List.of(), List.of()))).isEqualTo(packages);
  }
}
