package io.github.pveiso.iso.boottest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.iso.BootLayout;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.boottest.BootMode.Firmware;
import io.github.pveiso.iso.boottest.BootMode.Medium;
import io.github.pveiso.iso.fat.EfiArchitecture;
import io.github.pveiso.testing.Fixtures.Fixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BootTesterTest {

  private static BootLayout layout(Fixture fixture) {
    try (IsoImage iso = IsoImage.open(fixture.iso())) {
      return iso.bootLayout();
    }
  }

  private static BootMode mode(EfiArchitecture arch, Firmware firmware, Medium medium) {
    return new BootMode(arch, firmware, medium);
  }

  @Test
  void amd64HybridLayoutsBootInAllSixModes() {
    List<BootMode> all =
        List.of(
            mode(EfiArchitecture.AMD64, Firmware.BIOS, Medium.CD),
            mode(EfiArchitecture.AMD64, Firmware.BIOS, Medium.DISK),
            mode(EfiArchitecture.AMD64, Firmware.BIOS, Medium.USB),
            mode(EfiArchitecture.AMD64, Firmware.UEFI, Medium.CD),
            mode(EfiArchitecture.AMD64, Firmware.UEFI, Medium.DISK),
            mode(EfiArchitecture.AMD64, Firmware.UEFI, Medium.USB));
    assertThat(BootTester.modes(layout(Fixture.APPENDED), EfiArchitecture.AMD64)).isEqualTo(all);
    assertThat(BootTester.modes(layout(Fixture.MKRESCUE), EfiArchitecture.AMD64)).isEqualTo(all);
  }

  @Test
  void arm64BootsOnlyUnderUefi() {
    assertThat(BootTester.modes(layout(Fixture.ARM64), EfiArchitecture.ARM64))
        .containsExactly(
            mode(EfiArchitecture.ARM64, Firmware.UEFI, Medium.CD),
            mode(EfiArchitecture.ARM64, Firmware.UEFI, Medium.DISK),
            mode(EfiArchitecture.ARM64, Firmware.UEFI, Medium.USB));
  }

  @Test
  void aPlainIsoWithOnlyABiosEntryBootsOnlyFromCd() {
    BootLayout plain =
        new BootLayout(
            "X", "2025-01-01-00-00-00-00", true, false, false, false, false, false, false, false);
    assertThat(BootTester.modes(plain, EfiArchitecture.AMD64))
        .containsExactly(mode(EfiArchitecture.AMD64, Firmware.BIOS, Medium.CD));
  }

  @Test
  void mbrBootCodeWithoutABiosEntryAndUefiWithoutAPartitionTable() {
    BootLayout odd =
        new BootLayout(
            "X", "2025-01-01-00-00-00-00", false, true, true, false, false, false, false, false);
    assertThat(BootTester.modes(odd, EfiArchitecture.AMD64))
        .containsExactly(
            mode(EfiArchitecture.AMD64, Firmware.BIOS, Medium.DISK),
            mode(EfiArchitecture.AMD64, Firmware.BIOS, Medium.USB),
            mode(EfiArchitecture.AMD64, Firmware.UEFI, Medium.CD));
    BootLayout mbrOnly =
        new BootLayout(
            "X", "2025-01-01-00-00-00-00", false, true, false, true, false, false, false, false);
    assertThat(BootTester.modes(mbrOnly, EfiArchitecture.ARM64))
        .containsExactly(
            mode(EfiArchitecture.ARM64, Firmware.UEFI, Medium.CD),
            mode(EfiArchitecture.ARM64, Firmware.UEFI, Medium.DISK),
            mode(EfiArchitecture.ARM64, Firmware.UEFI, Medium.USB));
  }

  @Test
  void programsAreFoundByPathToo() {
    QemuSetup debian = QemuSetup.debian();
    QemuSetup byPath =
        new QemuSetup(
            QemuSetup.findProgram(debian.qemuAmd64()).orElseThrow().toString(),
            debian.qemuArm64(),
            debian.ovmfCode(),
            debian.ovmfVars(),
            debian.aavmfCode(),
            debian.aavmfVars());
    assertThat(byPath.missing(EfiArchitecture.AMD64)).isEmpty();
    assertThat(QemuSetup.findProgram("/nonexistent/qemu")).isEmpty();
  }

  @Test
  void aPassedReportSaysSo() {
    BootReport report =
        new BootReport(
            mode(EfiArchitecture.AMD64, Firmware.UEFI, Medium.USB),
            BootOutcome.PASSED,
            java.time.Duration.ofMillis(9100),
            "PVEISO-GRUB-OK mkrescue",
            "");
    assertThat(report.passed()).isTrue();
    assertThat(report.summary()).isEqualTo("amd64 UEFI USB: PASSED in 9.1 s");
  }

  @Test
  void consoleLinesDecideTheOutcome() {
    ConsoleWatch watch = new ConsoleWatch("PVEISO-GRUB-OK mkrescue");
    assertThat(watch.classify("\u001b[0m\u001b[37m\u001b[40mPVEISO-GRUB-OK mkrescue"))
        .contains(BootOutcome.PASSED);
    assertThat(
            watch.classify("   Minimal BASH-like line editing is supported. For the first word,"))
        .contains(BootOutcome.GRUB_SHELL);
    assertThat(watch.classify("error: no such device: 2025-02-03-04-05-06-00."))
        .contains(BootOutcome.GRUB_SHELL);
    assertThat(watch.classify("UEFI Interactive Shell v2.2")).contains(BootOutcome.EFI_SHELL);
    assertThat(watch.classify("Shell> ")).contains(BootOutcome.EFI_SHELL);
    assertThat(watch.classify("BdsDxe: loading Boot0001")).isEmpty();
    assertThat(watch.failed("grub> ")).isTrue();
    assertThat(watch.failed("PVEISO-GRUB-OK mkrescue")).isFalse();
    assertThat(
            watch.decide(
                "SeaBIOS\nerror: no such device: 2025-02-03-04-05-06-00.\nPVEISO-GRUB-OK mkrescue\n"))
        .contains(
            new ConsoleWatch.Decision(
                BootOutcome.GRUB_SHELL, "error: no such device: 2025-02-03-04-05-06-00."));
    assertThat(ConsoleWatch.clean("\u001b[0m\u001b[30m\u001b[47mWelcome to GRUB!\r"))
        .isEqualTo("Welcome to GRUB!");
  }

  @Test
  void qemuCommandForUefiFromUsbOnAmd64() {
    QemuSetup setup = QemuSetup.debian();
    assertThat(
            QemuCommand.argv(
                setup,
                mode(EfiArchitecture.AMD64, Firmware.UEFI, Medium.USB),
                Path.of("/isos/a,b.iso"),
                Optional.of(Path.of("/tmp/vars.fd"))))
        .containsExactly(
            "qemu-system-x86_64",
            "-nodefaults",
            "-no-user-config",
            "-display",
            "none",
            "-serial",
            "stdio",
            "-monitor",
            "none",
            "-no-reboot",
            "-machine",
            "q35,accel=tcg",
            "-m",
            "512",
            "-drive",
            "if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd",
            "-drive",
            "if=pflash,format=raw,unit=1,file=/tmp/vars.fd",
            "-device",
            "qemu-xhci,id=xhci",
            "-drive",
            "if=none,id=stick,file=/isos/a,,b.iso,format=raw,readonly=on",
            "-device",
            "usb-storage,bus=xhci.0,drive=stick,removable=on");
  }

  @Test
  void qemuCommandForBiosFromCd() {
    assertThat(
            QemuCommand.argv(
                QemuSetup.debian(),
                mode(EfiArchitecture.AMD64, Firmware.BIOS, Medium.CD),
                Path.of("/isos/x.iso"),
                Optional.empty()))
        .containsExactly(
            "qemu-system-x86_64",
            "-nodefaults",
            "-no-user-config",
            "-display",
            "none",
            "-serial",
            "stdio",
            "-monitor",
            "none",
            "-no-reboot",
            "-machine",
            "pc,accel=tcg",
            "-m",
            "512",
            "-drive",
            "if=ide,media=cdrom,file=/isos/x.iso,format=raw,readonly=on");
  }

  @Test
  void missingToolsAreNamedWithTheirPackage() {
    QemuSetup absent =
        new QemuSetup(
            "no-such-qemu-x86",
            "/nonexistent/qemu-system-aarch64",
            Path.of("/nonexistent/OVMF_CODE.fd"),
            Path.of("/nonexistent/OVMF_VARS.fd"),
            Path.of("/nonexistent/AAVMF_CODE.fd"),
            Path.of("/nonexistent/AAVMF_VARS.fd"));
    assertThat(absent.missing(EfiArchitecture.ARM64))
        .containsExactly(
            "/nonexistent/qemu-system-aarch64 not found on PATH (Debian package qemu-system-arm)",
            "/nonexistent/AAVMF_CODE.fd not found (Debian package qemu-efi-aarch64)",
            "/nonexistent/AAVMF_VARS.fd not found (Debian package qemu-efi-aarch64)");
    assertThat(absent.missing(EfiArchitecture.AMD64))
        .containsExactly(
            "no-such-qemu-x86 not found on PATH (Debian package qemu-system-x86)",
            "/nonexistent/OVMF_CODE.fd not found (Debian package ovmf)",
            "/nonexistent/OVMF_VARS.fd not found (Debian package ovmf)");
  }
}
