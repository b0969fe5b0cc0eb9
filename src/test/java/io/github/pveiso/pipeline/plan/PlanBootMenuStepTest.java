package io.github.pveiso.pipeline.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.config.ConfigKey;
import io.github.pveiso.config.ConfigLoader;
import io.github.pveiso.config.ConfigRequest;
import io.github.pveiso.events.Event;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.grub.BootMenuChange;
import io.github.pveiso.grub.EntryKind;
import io.github.pveiso.grub.GrubConfigs;
import io.github.pveiso.grub.KernelArgument;
import io.github.pveiso.grub.SerialConsole;
import io.github.pveiso.iso.BootFixtures;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.Xorriso;
import io.github.pveiso.testing.Fixtures;
import io.github.pveiso.testing.OtherMenus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The boot menu's plan on its own: what the configuration asks for, an argument pveiso adds on its
 * own, and menus the change cannot reach everywhere. The whole build is {@code BootMenuBuildTest}.
 */
class PlanBootMenuStepTest {

  @TempDir Path dir;

  /** Settings for {@code iso} with {@code more} on top. */
  private BuildSettings settings(Path iso, Map<ConfigKey, String> more) {
    Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
    flags.put(ConfigKey.ISO, iso.toString());
    flags.put(ConfigKey.OUTPUT_DIR, dir.resolve("out").toString());
    flags.put(ConfigKey.WORK_DIR, dir.resolve("work").toString());
    flags.put(ConfigKey.FIRMWARE_CACHE, dir.resolve("cache").toString());
    flags.putAll(more);
    return new ConfigLoader(EventListener.NONE)
        .load(new ConfigRequest(Optional.empty(), Map.of("HOME", dir.toString()), flags, dir));
  }

  /** The step's plan for the ISO at {@code iso}. */
  private static BootMenuPlan plan(PlanBootMenuStep step, Path iso) {
    try (IsoImage image = IsoImage.open(iso)) {
      return step.call(image);
    }
  }

  private static byte[] menu(Path iso) {
    try (IsoImage image = IsoImage.open(iso)) {
      return image.readAllBytes(image.find(GrubConfigs.MENU).orElseThrow());
    }
  }

  @Test
  void anArgumentPveisoAddsOnItsOwnGoesInOrWarnsAndLeavesTheMenu() {
    KernelArgument firmware =
        new KernelArgument(
            Optional.empty(),
            "firmware_class.path=/cdrom/installer-firmware",
            "installer_firmware",
            false);
    BootMenuChange change =
        new BootMenuChange(List.of(firmware), Optional.empty(), Optional.empty(), Optional.empty());
    List<Event> events = new ArrayList<>();

    BootMenuPlan proxmox =
        plan(new PlanBootMenuStep(change, events::add), Fixtures.Fixture.MKRESCUE.iso());
    assertThat(proxmox.argumentsAdded())
        .containsExactly("firmware_class.path=/cdrom/installer-firmware");
    assertThat(proxmox.entries()).hasSize(8);
    assertThat(proxmox.diff())
        .contains(
            "+    linux\t/boot/linux26 ro ramdisk_size=16777216 rw quiet splash=silent"
                + " firmware_class.path=/cdrom/installer-firmware\n");

    BootMenuPlan other =
        plan(
            new PlanBootMenuStep(change, events::add),
            OtherMenus.mkrescueWith(dir, "live.iso", OtherMenus.LIVE));
    String warning =
        "cannot apply installer_firmware to /boot/grub/grub.cfg of live.iso: no menu entry loads"
            + " /boot/linux26 (the installer kernel); the menu is left as it is and"
            + " /installer-firmware is not added";
    assertThat(other.changed()).isFalse();
    assertThat(other.warnings()).containsExactly(warning);
    assertThat(events).containsExactly(new Event.Log(Event.Level.WARN, warning));
  }

  @Test
  void anotherConfigurationWithInstallerEntriesIsAnError() throws IOException {
    Path tree = BootFixtures.proxmoxTree(dir.resolve("tree"));
    Files.write(tree.resolve("boot/grub/grub.cfg"), menu(Fixtures.Fixture.MKRESCUE.iso()));
    BootFixtures.fatImage(
        tree.resolve("efi.img"),
        "grub.cfg",
        "menuentry 'Install Proxmox VE (Graphical)' {\n linux /boot/linux26 ro quiet\n}\n");
    Path iso =
        Xorriso.mkisofs(
            dir.resolve("own-menu.iso"), tree, "-R", "-V", "PVE", "-e", "efi.img", "-no-emul-boot");
    PlanBootMenuStep step =
        new PlanBootMenuStep(
            new BootMenuChange(
                List.of(KernelArgument.parse("nomodeset", "kernel_args")),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()),
            EventListener.NONE);
    assertThatThrownBy(() -> plan(step, iso))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "cannot apply kernel_args to /boot/grub/grub.cfg of own-menu.iso: other GRUB"
                + " configurations have installer entries: /efi.img:/EFI/BOOT/grub.cfg (1 entries"
                + " of its own load the installer kernel; pveiso does not edit them, so they keep"
                + " the old arguments); leave out kernel_args for this ISO");
  }

  @Test
  void serialConsoleAloneMakesTheSerialEntryTheDefaultUnlessBootDefaultSaysOtherwise() {
    BootMenuChange serial =
        PlanBootMenuStep.change(
            settings(
                Fixtures.Fixture.MKRESCUE.iso(),
                Map.of(ConfigKey.SERIAL_CONSOLE, "ttyS1,115200n8")));
    assertThat(serial.bootDefault()).contains(EntryKind.SERIAL);
    BootMenuChange graphical =
        PlanBootMenuStep.change(
            settings(
                Fixtures.Fixture.MKRESCUE.iso(),
                Map.of(
                    ConfigKey.SERIAL_CONSOLE,
                    "ttyS1,115200n8",
                    ConfigKey.BOOT_DEFAULT,
                    "graphical",
                    ConfigKey.BOOT_TIMEOUT,
                    "7",
                    ConfigKey.KERNEL_ARGS,
                    "nomodeset serial:console=ttyS1,115200n8")));
    assertThat(graphical)
        .isEqualTo(
            new BootMenuChange(
                List.of(
                    KernelArgument.parse("nomodeset", "kernel_args"),
                    KernelArgument.parse("serial:console=ttyS1,115200n8", "kernel_args")),
                Optional.of(SerialConsole.parse("ttyS1,115200n8")),
                Optional.of(EntryKind.GRAPHICAL),
                Optional.of(7)));
  }
}
