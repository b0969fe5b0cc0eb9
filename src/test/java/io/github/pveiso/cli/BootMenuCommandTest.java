package io.github.pveiso.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pveiso.iso.BootFixtures;
import io.github.pveiso.testing.Fixtures;
import io.github.pveiso.testing.OtherMenus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan} shows the boot menu change as a diff; {@code inspect} shows any ISO's menu. */
class BootMenuCommandTest {

  static final String SERIAL_IF = "[if [ x\"${show_serial_entry}\" == 'xy' ]]";

  @TempDir Path dir;

  /** A plan of {@code iso} that fetches nothing, with {@code more} flags. */
  CliRun plan(Path iso, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "plan",
                "--iso",
                iso.toString(),
                "--firmware-sets=",
                "--no-include-nvidia",
                "--no-include-amd",
                "--no-include-intel",
                "--work-dir",
                dir.resolve("work").toString(),
                "--firmware-cache",
                dir.resolve("cache").toString()));
    args.addAll(List.of(more));
    return CliRun.run(dir, Map.of("HOME", dir.toString()), args.toArray(String[]::new));
  }

  @Test
  void planShowsTheMenuChangeAsAUnifiedDiff() {
    CliRun run =
        plan(
            Fixtures.Fixture.MKRESCUE.iso(),
            "--serial-console",
            "ttyS1,115200n8",
            "--kernel-args",
            "nomodeset");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "\nboot menu: /boot/grub/grub.cfg\n"
                + "  entry     Install Proxmox VE (Automated): nomodeset\n"
                + "  entry     Install Proxmox VE (Graphical): nomodeset\n"
                + "  entry     Install Proxmox VE (Terminal UI): nomodeset\n"
                + "  entry     Install Proxmox VE (Terminal UI, Serial Console): nomodeset;"
                + " console=ttyS0,115200 -> console=ttyS1,115200n8\n")
        .contains(
            "  serial    line 28: serial --unit=1 --speed=115200\n"
                + "  default   Install Proxmox VE (Terminal UI, Serial Console)\n"
                + "  config    /boot/grub/grub.cfg: menu, 8 entries, 8 load the installer kernel;"
                + " pveiso edits it\n")
        .contains(
            "  config    /efi.img:/EFI/BOOT/BOOTX64.EFI (built in): loader, finds the ISO with"
                + " 'search --no-floppy --fs-uuid --set=root 2025-02-03-04-05-06-00' and loads"
                + " ($root)/boot/grub/grub.cfg; no change needed\n")
        .contains(
            "--- a/boot/grub/grub.cfg\n"
                + "+++ b/boot/grub/grub.cfg\n"
                + "@@ -25,7 +25,7 @@\n"
                + " fi\n"
                + " \n"
                + " insmod serial\n"
                + "-if serial --unit=0 --speed=115200; then\n"
                + "+if serial --unit=1 --speed=115200; then\n")
        .contains(
            "-        linux\t/boot/linux26 ro ramdisk_size=16777216 rw splash=verbose proxtui"
                + " console=ttyS0,115200\n"
                + "+        linux\t/boot/linux26 ro ramdisk_size=16777216 rw splash=verbose proxtui"
                + " console=ttyS1,115200n8 nomodeset\n")
        .contains(
            "+# set by pveiso: boot_default=serial\n"
                + "+set default='Install Proxmox VE (Terminal UI, Serial Console)'\n")
        .containsPattern("  replace +[0-9.]+ KiB  /boot/grub/grub.cfg\n");
  }

  @Test
  void planJsonCarriesTheDigestsAndTheDiff() throws IOException {
    CliRun run = plan(Fixtures.Fixture.MKRESCUE.iso(), "--json", "--boot-timeout", "4");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.at("/result/bootMenu/timeout").asInt()).isEqualTo(4);
    assertThat(json.at("/result/bootMenu/sha256").asText()).hasSize(64);
    assertThat(json.at("/result/bootMenu/diff").asText()).contains("+set timeout=4\n");
    assertThat(json.at("/result/bootMenu/edited").isMissingNode()).isTrue();
    assertThat(json.at("/result/files/0/isoPath").asText()).isEqualTo("/boot/grub/grub.cfg");
  }

  @Test
  void aMenuOfUnknownShapeIsAConfigurationError() {
    Path iso = OtherMenus.mkrescueWith(dir, "live.iso", OtherMenus.LIVE);
    CliRun run = plan(iso, "--boot-default", "tui");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .endsWith(
            "\npveiso: cannot apply boot_default to /boot/grub/grub.cfg of live.iso: no menu entry"
                + " loads /boot/linux26 (the installer kernel); leave out boot_default for this"
                + " ISO\n");
    assertThat(plan(iso).exitCode()).isZero();
  }

  @Test
  void badBootMenuValuesAreAllReportedAtOnce() {
    CliRun run =
        plan(
            Fixtures.Fixture.MKRESCUE.iso(),
            "--kernel-args",
            "a$b console=ttyS0,115200",
            "--serial-console",
            "ttyS1,115200n8",
            "--boot-default",
            "usb");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "--kernel-args: kernel_args: 'a$b' has '$', which GRUB reads as a variable; leave it"
                + " out\n")
        .contains(
            "--kernel-args: kernel_args: 'console=ttyS0,115200' contradicts serial_console"
                + " 'ttyS1,115200n8' (--serial-console); drop it, or give the same port and"
                + " speed\n")
        .contains(
            "--boot-default: boot_default: 'usb' is not valid; expected one of automated,"
                + " graphical, tui, serial, debug\n");
  }

  @Test
  void inspectShowsTheMenuEntriesWithTheirKernelArguments() throws IOException {
    CliRun run = CliRun.run(dir, Map.of(), "inspect", Fixtures.Fixture.MKRESCUE.iso().toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains(
            "boot menu      /boot/grub/grub.cfg: 8 entries\n"
                + "  automated    Install Proxmox VE (Automated) [if [ -f auto-installer-mode.toml ]]:"
                + " /boot/linux26 ro ramdisk_size=16777216 rw quiet splash=silent"
                + " proxmox-start-auto-installer\n"
                + "  graphical    Install Proxmox VE (Graphical): /boot/linux26 ro"
                + " ramdisk_size=16777216 rw quiet splash=silent\n")
        .contains(
            "  serial       Install Proxmox VE (Terminal UI, Serial Console) "
                + SERIAL_IF
                + ": /boot/linux26 ro ramdisk_size=16777216 rw splash=verbose proxtui"
                + " console=ttyS0,115200\n")
        .contains(
            "  debug        Advanced Options > Install Proxmox VE (Graphical, Debug Mode):"
                + " /boot/linux26 ro ramdisk_size=16777216 rw splash=verbose proxdebug\n")
        .contains(
            "grub config    /boot/grub/grub.cfg: menu, 8 entries, 8 load the installer kernel\n");

    JsonNode json =
        new ObjectMapper()
            .readTree(
                CliRun.run(
                        dir,
                        Map.of(),
                        "--json",
                        "inspect",
                        Fixtures.Fixture.MKRESCUE.iso().toString())
                    .out());
    assertThat(json.at("/result/volumeDateUuid").asText())
        .isEqualTo(Fixtures.Fixture.MKRESCUE.volumeDateUuid());
    assertThat(json.at("/result/bootMenu/entries/3/kind").asText()).isEqualTo("SERIAL");
    assertThat(json.at("/result/bootMenu/entries/3/arguments/5").asText())
        .isEqualTo("console=ttyS0,115200");
  }

  @Test
  void inspectOfAnIsoWithoutAProxmoxMenuSaysSo() {
    Path iso = OtherMenus.mkrescueWith(dir, "live.iso", OtherMenus.LIVE);
    CliRun run = CliRun.run(dir, Map.of(), "inspect", iso.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains(
            "boot menu      /boot/grub/grub.cfg: 1 entries\n"
                + "  other        Live system: /live/vmlinuz boot=live\n"
                + "grub config    /boot/grub/grub.cfg: menu, 1 entries, 0 load the installer"
                + " kernel\n");
    Path plain = BootFixtures.grubAmd64(dir);
    assertThat(CliRun.run(dir, Map.of(), "inspect", plain.toString()).out())
        .contains("boot menu      /boot/grub/grub.cfg: 0 entries\n");
  }
}
