package io.github.pveiso.iso.boottest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.boottest.BootMode.Firmware;
import io.github.pveiso.iso.boottest.BootMode.Medium;
import io.github.pveiso.iso.fat.EfiArchitecture;
import io.github.pveiso.proc.SystemProcessRunner;
import io.github.pveiso.testing.Fixtures;
import io.github.pveiso.testing.Fixtures.Fixture;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outcomes other than success, each made to happen with the real QEMU. */
class BootOutcomesTest {

  @TempDir Path tmp;

  private static BootTester tester(Duration timeout) {
    return new BootTester(
        new SystemProcessRunner(), QemuSetup.debian(), EventListener.NONE, timeout);
  }

  @Test
  void theHostHasQemuAndFirmwareForBothArchitectures() {
    BootTester tester = tester(Duration.ofMinutes(1));
    assertThat(tester.missing(EfiArchitecture.AMD64)).isEmpty();
    assertThat(tester.missing(EfiArchitecture.ARM64)).isEmpty();
    assertThat(tester.isAvailable(EfiArchitecture.AMD64)).isTrue();
    assertThat(tester.isAvailable(EfiArchitecture.ARM64)).isTrue();
  }

  @Test
  void qemuThatCannotStartEndsWithoutTheMarkerAndSaysWhy() {
    Path missing = tmp.resolve("none.iso");
    BootReport report =
        tester(Duration.ofMinutes(1))
            .boot(
                missing,
                new BootMode(EfiArchitecture.AMD64, Firmware.BIOS, Medium.CD),
                "PVEISO-GRUB-OK",
                Fixtures.GRUB_DONE);
    assertThat(report.outcome()).isEqualTo(BootOutcome.EXITED_WITHOUT_MARKER);
    assertThat(report.passed()).isFalse();
    assertThat(report.detail())
        .isEqualTo(
            "qemu-system-x86_64: -drive if=ide,media=cdrom,file="
                + missing
                + ",format=raw,readonly=on: Could not open '"
                + missing
                + "': No such file or directory");
    assertThat(report.summary()).startsWith("amd64 BIOS CD: EXITED_WITHOUT_MARKER in ");
    assertThat(report.summary()).endsWith(" s (" + report.detail() + ")");
  }

  @Test
  @Tag("slow")
  void anIsoWithoutAnAmd64LoaderDropsUefiIntoItsShell() {
    BootReport report =
        tester(Duration.ofMinutes(3))
            .boot(
                Fixture.ARM64.iso(),
                new BootMode(EfiArchitecture.AMD64, Firmware.UEFI, Medium.CD),
                Fixture.ARM64.grubMarker(),
                Fixtures.GRUB_DONE);
    assertThat(report.outcome()).isEqualTo(BootOutcome.EFI_SHELL);
    // OVMF draws the banner with cursor moves; its version (even the "v2") does not always arrive
    // in the same line, so only the fixed part is compared
    assertThat(report.detail()).startsWith("UEFI Interactive Shell");
  }

  @Test
  @Tag("slow")
  void anIsoWithoutABiosEntryTimesOut() {
    BootReport report =
        tester(Duration.ofSeconds(5))
            .boot(
                Fixture.ARM64.iso(),
                new BootMode(EfiArchitecture.AMD64, Firmware.BIOS, Medium.CD),
                Fixture.ARM64.grubMarker(),
                Fixtures.GRUB_DONE);
    assertThat(report.outcome()).isEqualTo(BootOutcome.TIMED_OUT);
    // SeaBIOS reports "No bootable device." on the (absent) screen only; the console stays empty
    assertThat(report.console()).doesNotContain(Fixture.ARM64.grubMarker());
  }
}
