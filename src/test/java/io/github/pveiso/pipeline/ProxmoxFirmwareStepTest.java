package io.github.pveiso.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.config.PackageKind;
import io.github.pveiso.pipeline.plan.Candidate;
import io.github.pveiso.pipeline.plan.DebContents;
import io.github.pveiso.pipeline.plan.PlannerTest;
import io.github.pveiso.pipeline.plan.Target;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProxmoxFirmwareStepTest {

  @Test
  void pveFirmwaresListIsReadOnlyWhenFirmwareMayBeRepackedForTheSystem() throws IOException {
    Candidate firmware =
        PlannerTest.candidate(
            PlannerTest.pkg("firmware-realtek", "1", ""),
            Optional.of(PackageKind.FIRMWARE),
            PlannerTest.firmware("rtl_nic/a.fw"));
    Candidate microcode =
        PlannerTest.candidate(
            PlannerTest.pkg("amd64-microcode", "1", ""),
            Optional.of(PackageKind.MICROCODE),
            new DebContents(
                List.of("amd-ucode/a.bin"), List.of(), List.of("amd-ucode/a.bin"), false));
    Candidate library =
        PlannerTest.candidate(
            PlannerTest.pkg("libfoo1", "1", ""), Optional.empty(), PlannerTest.firmware());

    assertThat(ProxmoxFirmwareStep.needed(PlannerTest.ALL, List.of(library, firmware))).isTrue();
    assertThat(ProxmoxFirmwareStep.needed(List.of(Target.SYSTEM), List.of(firmware))).isTrue();
    assertThat(ProxmoxFirmwareStep.needed(List.of(Target.ISO, Target.INSTALLER), List.of(firmware)))
        .isFalse();
    assertThat(ProxmoxFirmwareStep.needed(PlannerTest.ALL, List.of(microcode, library))).isFalse();

    // installer_firmware compares the iso target's firmware, microcode included, with pve-firmware
    List<Target> iso = List.of(Target.ISO, Target.INSTALLER);
    assertThat(ProxmoxFirmwareStep.needed(iso, true, List.of(firmware))).isTrue();
    assertThat(ProxmoxFirmwareStep.needed(iso, true, List.of(microcode))).isTrue();
    assertThat(ProxmoxFirmwareStep.needed(iso, false, List.of(firmware))).isFalse();
    assertThat(ProxmoxFirmwareStep.needed(iso, true, List.of(library))).isFalse();
    assertThat(ProxmoxFirmwareStep.needed(List.of(Target.INSTALLER), true, List.of(firmware)))
        .isFalse();
  }
}
