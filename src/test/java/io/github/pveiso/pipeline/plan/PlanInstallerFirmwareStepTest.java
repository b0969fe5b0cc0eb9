package io.github.pveiso.pipeline.plan;

import static io.github.pveiso.pipeline.plan.PlannerTest.candidate;
import static io.github.pveiso.pipeline.plan.PlannerTest.firmware;
import static io.github.pveiso.pipeline.plan.PlannerTest.pkg;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.config.ConfigKey;
import io.github.pveiso.config.ConfigLoader;
import io.github.pveiso.config.ConfigRequest;
import io.github.pveiso.config.PackageKind;
import io.github.pveiso.config.Setting;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.proxmox.ProxmoxFirmware;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether /installer-firmware and its argument are added, and the per-package counts. */
class PlanInstallerFirmwareStepTest {

  @TempDir Path dir;

  private BuildSettings settings(Map<ConfigKey, String> more) {
    Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
    flags.put(ConfigKey.INSTALLER_FIRMWARE, "true");
    flags.put(ConfigKey.OUTPUT_DIR, dir.resolve("out").toString());
    flags.put(ConfigKey.WORK_DIR, dir.resolve("work").toString());
    flags.put(ConfigKey.FIRMWARE_CACHE, dir.resolve("cache").toString());
    flags.putAll(more);
    return new ConfigLoader(EventListener.NONE)
        .load(new ConfigRequest(Optional.empty(), Map.of("HOME", dir.toString()), flags, dir));
  }

  private static List<Candidate> candidates() throws IOException {
    return List.of(
        candidate(
            pkg("firmware-realtek", "20250410-1", ""),
            Optional.of(PackageKind.FIRMWARE),
            firmware("rtl_nic/rtl8125b-2.fw", "rtl_nic/rtl8168h-2.fw", "rtl_nic/rtl8168h-2.fw")),
        candidate(
            pkg("firmware-misc-nonfree", "20250410-1", ""),
            Optional.of(PackageKind.FIRMWARE),
            firmware("b/c.fw", "b/d.fw.xz")));
  }

  private static Plan plan(List<Candidate> candidates, List<Target> targets) {
    return new Planner()
        .plan(
            new PlanInput(
                "amd64",
                targets,
                List.of(),
                List.of(),
                candidates,
                PlannerTest.PVE_FIRMWARE,
                FirmwarePrecedence.PROXMOX));
  }

  @Test
  void onWithNamesProxmoxLacksCountedPerPackage() throws IOException {
    List<Candidate> candidates = candidates();
    InstallerFirmwarePlan plan =
        new PlanInstallerFirmwareStep()
            .call(
                settings(Map.of()),
                plan(candidates, List.of(Target.ISO)),
                candidates,
                PlannerTest.PVE_FIRMWARE);
    assertThat(plan)
        .isEqualTo(
            new InstallerFirmwarePlan(
                true,
                "2 of the iso target's 4 firmware files are missing from pve-firmware 3.14-1:"
                    + " /installer-firmware holds them and"
                    + " firmware_class.path=/cdrom/installer-firmware goes on the installer's"
                    + " entries",
                "pve-firmware 3.14-1",
                List.of(
                    new InstallerFirmwarePlan.Share("firmware-realtek", "20250410-1", 1, 1),
                    new InstallerFirmwarePlan.Share("firmware-misc-nonfree", "20250410-1", 1, 1))));
  }

  @Test
  void offWhenProxmoxHasEverythingOrNothingIsAddedOrTheKeySaysSo() throws IOException {
    List<Candidate> realtek = List.of(candidates().get(0));
    ProxmoxFirmware all =
        new ProxmoxFirmware(
            "/proxmox/packages/pve-firmware_3.15-1_all.deb",
            "3.15-1",
            List.of("rtl_nic/rtl8125b-2.fw.zst", "rtl_nic/rtl8168h-2.fw"));
    PlanInstallerFirmwareStep step = new PlanInstallerFirmwareStep();
    assertThat(step.call(settings(Map.of()), plan(realtek, List.of(Target.ISO)), realtek, all))
        .isEqualTo(
            new InstallerFirmwarePlan(
                false,
                "pve-firmware 3.15-1 has all 2 firmware files of the iso target",
                "pve-firmware 3.15-1",
                List.of(new InstallerFirmwarePlan.Share("firmware-realtek", "20250410-1", 0, 2))));
    assertThat(
            step.call(
                    settings(Map.of()),
                    plan(List.of(), List.of(Target.ISO)),
                    List.of(),
                    PlannerTest.PVE_FIRMWARE)
                .reason())
        .isEqualTo("the iso target adds no firmware, so there is nothing to fill");
    assertThat(
            step.call(
                settings(Map.of(ConfigKey.INSTALLER_FIRMWARE, "false")),
                plan(realtek, List.of(Target.ISO)),
                realtek,
                PlannerTest.PVE_FIRMWARE))
        .isEqualTo(InstallerFirmwarePlan.NOT_ASKED);
  }

  /**
   * Left at its default, installer_firmware follows the iso target: on with it (the same plan as
   * {@code true}), off without it, and then plan and the manifest leave it out.
   */
  @Test
  void onByDefaultWithTheIsoTargetOffWithoutAndThenLeftOutOfPlanAndManifest() throws IOException {
    List<Candidate> realtek = List.of(candidates().get(0));
    BuildSettings defaults = defaults(Map.of());
    assertThat(defaults.installerFirmware()).isTrue();
    assertThat(defaults.installerFirmwareAsked()).isFalse();
    PlanInstallerFirmwareStep step = new PlanInstallerFirmwareStep();
    InstallerFirmwarePlan on =
        step.call(defaults, plan(realtek, List.of(Target.ISO)), realtek, PlannerTest.PVE_FIRMWARE);
    assertThat(on)
        .isEqualTo(
            step.call(
                settings(Map.of()),
                plan(realtek, List.of(Target.ISO)),
                realtek,
                PlannerTest.PVE_FIRMWARE));
    assertThat(on.on()).isTrue();
    assertThat(on.asked()).isTrue();

    BuildSettings noIso = defaults(Map.of(ConfigKey.TARGETS, "installer,system"));
    assertThat(noIso.installerFirmware()).isFalse();
    InstallerFirmwarePlan off =
        step.call(noIso, plan(realtek, List.of(Target.SYSTEM)), realtek, PlannerTest.PVE_FIRMWARE);
    assertThat(off).isEqualTo(InstallerFirmwarePlan.NOT_ASKED);
    assertThat(off.asked()).isFalse();
    assertThat(off.reason()).isEqualTo("installer_firmware is off");
  }

  /** Settings with installer_firmware left at its default, {@code more} on top. */
  private BuildSettings defaults(Map<ConfigKey, String> more) {
    Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
    flags.put(ConfigKey.OUTPUT_DIR, dir.resolve("out").toString());
    flags.put(ConfigKey.WORK_DIR, dir.resolve("work").toString());
    flags.put(ConfigKey.FIRMWARE_CACHE, dir.resolve("cache").toString());
    flags.putAll(more);
    return new ConfigLoader(EventListener.NONE)
        .load(new ConfigRequest(Optional.empty(), Map.of("HOME", dir.toString()), flags, dir));
  }

  @Test
  void offWithoutTheIsoTargetEvenWhenSettingsSkippedTheirCheck() {
    BuildSettings settings = settings(Map.of());
    InstallerFirmwarePlan plan =
        new PlanInstallerFirmwareStep()
            .call(
                withTargets(settings, List.of("system")),
                plan(List.of(), List.of(Target.SYSTEM)),
                List.of(),
                PlannerTest.PVE_FIRMWARE);
    assertThat(plan)
        .isEqualTo(
            InstallerFirmwarePlan.off(
                "targets has no 'iso', whose /firmware it takes its files from"));
    assertThat(plan.asked()).isTrue();
  }

  /** {@code settings} with {@code targets} replaced, past the loader's checks. */
  private static BuildSettings withTargets(BuildSettings settings, List<String> targets) {
    Map<ConfigKey, Setting> map = new EnumMap<>(settings.settings());
    Setting old = map.get(ConfigKey.TARGETS);
    map.put(ConfigKey.TARGETS, new Setting(ConfigKey.TARGETS, targets, old.origin()));
    return new BuildSettings(map);
  }
}
