package io.github.pveiso.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.config.ConfigKey;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.boottest.BootReport;
import io.github.pveiso.iso.boottest.BootTester;
import io.github.pveiso.iso.boottest.QemuSetup;
import io.github.pveiso.iso.fat.EfiArchitecture;
import io.github.pveiso.proc.SystemProcessRunner;
import io.github.pveiso.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output of a build with an answer and a first-boot script boots in every mode its layout
 * supports, and the GRUB it boots sees {@code /auto-installer-mode.toml} (what makes Proxmox's GRUB
 * offer the automated installation), {@code /answer.toml} and {@code /proxmox-first-boot}.
 */
@Tag("slow")
class AutoInstallBootTest {

  @TempDir Path dir;

  @Test
  void grubSeesTheAutomatedInstallationFilesInEveryBootMode() throws IOException {
    Path answer = Files.writeString(dir.resolve("answer.toml"), AutoInstallBuildTest.ANSWER);
    Path script = Files.writeString(dir.resolve("first-boot.sh"), AutoInstallBuildTest.SCRIPT);
    Built built =
        TestBuilds.build(
            AutoInstallBuildTest.settings(
                dir,
                Fixtures.Fixture.MKRESCUE.iso(),
                dir.resolve("out"),
                Map.of(
                    ConfigKey.ANSWER_FILE, answer.toString(),
                    ConfigKey.FIRST_BOOT, script.toString()),
                Map.of()),
            EventListener.NONE);
    assertThat(built.after()).isEqualTo(built.planned().source().layout());
    BootTester tester =
        new BootTester(
            new SystemProcessRunner(),
            QemuSetup.debian(),
            EventListener.NONE,
            Duration.ofMinutes(3));
    List<BootReport> boots =
        tester.bootAll(
            built.output(),
            built.after(),
            EfiArchitecture.AMD64,
            Fixtures.Fixture.MKRESCUE.grubMarker(),
            Fixtures.GRUB_DONE);
    assertThat(boots).hasSize(6).allMatch(BootReport::passed, "passed");
    assertThat(boots)
        .allSatisfy(
            b ->
                assertThat(b.console())
                    .contains("PVEISO-FILE /auto-installer-mode.toml")
                    .contains("PVEISO-FILE /answer.toml")
                    .contains("PVEISO-FILE /proxmox-first-boot")
                    .contains("PVEISO-FILE /auto-installer-capable"));
  }
}
