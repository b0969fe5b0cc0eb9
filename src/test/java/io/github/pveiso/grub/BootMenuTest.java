package io.github.pveiso.grub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BootMenuTest {

  static final String SERIAL_IF = "if [ x\"${show_serial_entry}\" == 'xy' ]";
  static final List<String> BASE = List.of("ro", "ramdisk_size=16777216", "rw");

  static List<String> args(String... more) {
    List<String> all = new java.util.ArrayList<>(BASE);
    all.addAll(List.of(more));
    return all;
  }

  @Test
  void readsTheProxmoxMenuOfTheFixtures() {
    BootMenu menu = BootMenu.read(ProxmoxMenu.bytes(ProxmoxMenu.text()));
    String k = BootMenu.INSTALLER_KERNEL;
    List<String> advanced = List.of("Advanced Options");
    assertThat(menu.entries())
        .containsExactly(
            new MenuEntry(
                "Install Proxmox VE (Automated)",
                List.of(),
                List.of("if [ -f auto-installer-mode.toml ]"),
                EntryKind.AUTOMATED,
                k,
                args("quiet", "splash=silent", "proxmox-start-auto-installer")),
            new MenuEntry(
                "Install Proxmox VE (Graphical)",
                List.of(),
                List.of(),
                EntryKind.GRAPHICAL,
                k,
                args("quiet", "splash=silent")),
            new MenuEntry(
                "Install Proxmox VE (Terminal UI)",
                List.of(),
                List.of(),
                EntryKind.TUI,
                k,
                args("quiet", "splash=silent", "proxtui")),
            new MenuEntry(
                "Install Proxmox VE (Terminal UI, Serial Console)",
                List.of(),
                List.of(SERIAL_IF),
                EntryKind.SERIAL,
                k,
                args("splash=verbose", "proxtui", "console=ttyS0,115200")),
            new MenuEntry(
                "Install Proxmox VE (Graphical, Debug Mode)",
                advanced,
                List.of(),
                EntryKind.DEBUG,
                k,
                args("splash=verbose", "proxdebug")),
            new MenuEntry(
                "Install Proxmox VE (Terminal UI, Debug Mode)",
                advanced,
                List.of(),
                EntryKind.DEBUG,
                k,
                args("splash=verbose", "proxdebug", "proxtui")),
            new MenuEntry(
                "Install Proxmox VE (Serial Console Debug Mode)",
                advanced,
                List.of(SERIAL_IF),
                EntryKind.DEBUG,
                k,
                args("splash=verbose", "proxdebug", "proxtui", "console=ttyS0,115200")),
            new MenuEntry(
                "Install Proxmox VE (Automated)",
                advanced,
                List.of(),
                EntryKind.AUTOMATED,
                k,
                args("splash=verbose", "proxmox-start-auto-installer")));
    assertThat(menu.installerEntries()).hasSize(8);
    assertThat(menu.entries().get(6).path())
        .isEqualTo("Advanced Options > Install Proxmox VE (Serial Console Debug Mode)");
    assertThat(menu.serialCommands()).hasSize(1);
    assertThat(menu.problems()).isEmpty();
  }

  @Test
  void kindsComeFromTheArgumentsAndTheTitle() {
    String k = BootMenu.INSTALLER_KERNEL;
    assertThat(BootMenu.kind("Install", "/live/vmlinuz", List.of())).isEqualTo(EntryKind.OTHER);
    assertThat(BootMenu.kind("Rescue Boot", k, List.of("ro"))).isEqualTo(EntryKind.OTHER);
    assertThat(BootMenu.kind("Install X", "(cd0)" + k, List.of("ro")))
        .isEqualTo(EntryKind.GRAPHICAL);
    assertThat(BootMenu.kind("x", k, List.of("console=ttyS1,9600"))).isEqualTo(EntryKind.SERIAL);
    assertThat(BootMenu.kind("x", k, List.of("console=tty0", "proxtui"))).isEqualTo(EntryKind.TUI);
  }

  @Test
  void elseBranchesAndEntriesWithoutKernelsAndLoops() {
    BootMenu menu =
        BootMenu.read(
            ProxmoxMenu.bytes(
                """
                if [ "$grub_platform" = efi ]; then
                  menuentry 'UEFI Firmware Settings' { fwsetup }
                elif true; then
                  menuentry 'Test memory' { linux16 /boot/memtest86+x64.bin }
                else
                  menuentry 'Install A' --id a { linux ($root)/boot/linux26 ro }
                fi
                for i in 1 2; do menuentry "Install $i" { linux /boot/linux26 }; done
                function more { serial --unit=1; }
                """));
    assertThat(menu.entries())
        .extracting(MenuEntry::title, MenuEntry::conditions, MenuEntry::kind, MenuEntry::kernel)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "UEFI Firmware Settings",
                List.of("if [ \"$grub_platform\" = efi ]"),
                EntryKind.OTHER,
                ""),
            org.assertj.core.groups.Tuple.tuple(
                "Test memory", List.of("elif true"), EntryKind.OTHER, ""),
            org.assertj.core.groups.Tuple.tuple(
                "Install A",
                List.of("else of if [ \"$grub_platform\" = efi ]"),
                EntryKind.GRAPHICAL,
                "($root)/boot/linux26"));
    assertThat(menu.problems())
        .containsExactly(
            "line 8: a menu entry inside 'for' (pveiso cannot tell which entries it makes)");
    assertThat(menu.serialCommands()).hasSize(1);
  }

  @Test
  void unreadableScriptIsAShapeProblem() {
    assertThatThrownBy(() -> BootMenu.read(ProxmoxMenu.bytes("if x; then\n")))
        .isInstanceOf(MenuShapeException.class)
        .hasMessage("no GRUB script pveiso can follow (line 2: 'if' is never closed)");
  }
}
