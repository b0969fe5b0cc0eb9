package io.github.pveiso.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.events.StageTimer;
import io.github.pveiso.pipeline.plan.InstallerFirmwarePlan;
import io.github.pveiso.pipeline.stage.StagedFile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanTextTest {

  @Test
  void filesListEveryOperationWithSizesAndTheSizeChange() {
    List<StagedFile> files =
        List.of(
            StagedFile.file("/boot/initrd.img", "replace", "aa", 3 * 1024 * 1024, "early"),
            StagedFile.file("/proxmox/packages/a_1_all.deb", "add", "bb", 2048, "a 1"),
            StagedFile.removed("/proxmox/packages/a_0_all.deb", 1000, "older"));
    String n = System.lineSeparator();
    assertThat(PlanText.files(files))
        .isEqualTo(
            n
                + "  replace    3.0 MiB  /boot/initrd.img"
                + n
                + "  add        2.0 KiB  /proxmox/packages/a_1_all.deb"
                + n
                + "  remove      1000 B  /proxmox/packages/a_0_all.deb"
                + n
                + "  3 files: 1 added (2.0 KiB), 1 replaced (3.0 MiB), 1 removed (1000 B)"
                + n
                + "  size change: 3.0 MiB of new file data"
                + n);
  }

  @Test
  void installerFirmwareSaysOnOrOffWithItsReasonAndCountsPerPackage() {
    String n = System.lineSeparator();
    InstallerFirmwarePlan on =
        new InstallerFirmwarePlan(
            true,
            "1 of the iso target's 2 firmware files are missing from pve-firmware 3.14-1: ...",
            "pve-firmware 3.14-1",
            List.of(new InstallerFirmwarePlan.Share("firmware-realtek", "20250410-1", 1, 1)));
    assertThat(PlanText.installerFirmware(on))
        .isEqualTo(
            n
                + "installer firmware: 1 of the iso target's 2 firmware files are missing from"
                + " pve-firmware 3.14-1: ..."
                + n
                + "  firmware-realtek 20250410-1: 1 added, 1 left to pve-firmware 3.14-1"
                + n);
    assertThat(
            PlanText.installerFirmware(
                InstallerFirmwarePlan.off(
                    "the iso target adds no firmware, so there is nothing to fill")))
        .isEqualTo(
            n
                + "installer firmware: none (the iso target adds no firmware, so there is nothing"
                + " to fill)"
                + n);
  }

  @Test
  void noFilesIsSaidPlainly() {
    String n = System.lineSeparator();
    assertThat(PlanText.files(List.of()))
        .isEqualTo(
            n
                + "  0 files: 0 added (0 B), 0 replaced (0 B), 0 removed (0 B)"
                + n
                + "  size change: 0 B of new file data"
                + n);
  }

  @Test
  void aStageAlongsideIsMarkedAndLeftOutOfTheTotal() {
    List<StageTimer.StageTime> times =
        List.of(
            new StageTimer.StageTime("inspect", Duration.ofMillis(250)),
            new StageTimer.StageTime("acquire", Duration.ofMillis(900), true),
            new StageTimer.StageTime("stage", Duration.ofMillis(1500)));
    String n = System.lineSeparator();
    assertThat(PlanText.timings(times))
        .isEqualTo(
            n
                + "stage timings:"
                + n
                + "  inspect                0.25 s"
                + n
                + "  acquire                0.90 s  (alongside the others)"
                + n
                + "  stage                  1.50 s"
                + n
                + "  total                  1.75 s"
                + n);
    assertThat(PlanText.timingsData(times))
        .containsExactly(
            Map.of("stage", "inspect", "seconds", 0.25),
            Map.of("stage", "acquire", "seconds", 0.9, "alongside", true),
            Map.of("stage", "stage", "seconds", 1.5));
  }
}
