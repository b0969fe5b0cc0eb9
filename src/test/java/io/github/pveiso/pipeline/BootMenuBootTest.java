package io.github.pveiso.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.config.ConfigKey;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.initrd.TestKernel;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.boottest.BootMode;
import io.github.pveiso.iso.boottest.BootOutcome;
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
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edited boot menu under QEMU: the real kernel of {@code kernel.iso}, booted through GRUB from
 * the output ISO without a key press, reports the command line it got and the console it runs on;
 * and the small fixture, edited, still boots in every mode its layout supports.
 */
@Tag("slow")
class BootMenuBootTest {

  static final String BASE = "BOOT_IMAGE=/boot/linux26 ro ramdisk_size=16777216 rw";
  static final Pattern CMDLINE = Pattern.compile("PVEISO-CMDLINE ([^\r\n]*)");
  static final Pattern CONSOLE = Pattern.compile("PVEISO-CONSOLE ([^\r\n]*)");

  @TempDir Path dir;

  private final BootTester tester =
      new BootTester(
          new SystemProcessRunner(), QemuSetup.debian(), EventListener.NONE, Duration.ofMinutes(5));

  private static String only(Pattern pattern, String console) {
    List<String> found = pattern.matcher(console).results().map(r -> r.group(1)).toList();
    assertThat(found).as(pattern + " in%n%s", console).hasSize(1);
    return found.get(0);
  }

  /** Boots {@code iso} from CD under BIOS and UEFI; returns each boot's console. */
  private List<String> bootFromCd(Path iso, BootTester tester) throws IOException {
    List<String> consoles = new java.util.ArrayList<>();
    for (BootMode.Firmware firmware : BootMode.Firmware.values()) {
      BootMode mode = new BootMode(EfiArchitecture.AMD64, firmware, BootMode.Medium.CD);
      BootReport boot = tester.boot(iso, mode, Fixtures.INIT_OK, Fixtures.INIT_DONE);
      Files.writeString(dir.resolve(iso.getFileName() + "." + firmware + ".log"), boot.console());
      assertThat(boot.passed()).as("%s; console:%n%s", boot.summary(), boot.console()).isTrue();
      assertThat(boot.console()).as(mode.toString()).contains(Fixtures.INIT_DONE);
      consoles.add(boot.console());
    }
    return consoles;
  }

  @Test
  void theSerialInstallerStartsOnTtyS1WithoutTheGraphicalModeAndWithoutAKeyPress()
      throws IOException {
    Built built =
        BootMenuBuildTest.build(
            BootMenuBuildTest.settings(
                dir,
                Fixtures.kernelIso(TestKernel.dir()),
                Map.of(
                    ConfigKey.SERIAL_CONSOLE, "ttyS1,115200n8",
                    ConfigKey.KERNEL_ARGS, "nomodeset",
                    ConfigKey.BOOT_TIMEOUT, "0")));
    // ttyS0 is connected to nothing: every line the test reads came through ttyS1
    for (String console : bootFromCd(built.output(), tester.watchingSerialPort(1))) {
      assertThat(only(CMDLINE, console))
          .isEqualTo(
              BASE
                  + " splash=verbose proxtui console=ttyS1,115200n8 panic=-1 loglevel=3 nomodeset");
      assertThat(only(CONSOLE, console)).isEqualTo("ttyS1");
    }
  }

  @Test
  void theAutomatedDefaultInTheSubmenuStartsAfterItsTimeoutWithItsOwnArgument() throws IOException {
    Built built =
        BootMenuBuildTest.build(
            BootMenuBuildTest.settings(
                dir,
                Fixtures.kernelIso(TestKernel.dir()),
                Map.of(
                    ConfigKey.BOOT_DEFAULT, "automated",
                    ConfigKey.BOOT_TIMEOUT, "1",
                    ConfigKey.KERNEL_ARGS, "automated:console=ttyS0,115200")));
    for (String console : bootFromCd(built.output(), tester)) {
      assertThat(only(CMDLINE, console))
          .isEqualTo(
              BASE
                  + " splash=verbose proxmox-start-auto-installer panic=-1 loglevel=3"
                  + " console=ttyS0,115200");
      assertThat(only(CONSOLE, console)).isEqualTo("ttyS0");
    }
  }

  @Test
  void theEditedFixtureBootsInEveryModeWithGrubOnTheNewSerialPort() {
    Built built =
        BootMenuBuildTest.build(
            BootMenuBuildTest.settings(
                dir,
                Fixtures.Fixture.MKRESCUE.iso(),
                Map.of(
                    ConfigKey.SERIAL_CONSOLE, "ttyS1,115200n8",
                    ConfigKey.KERNEL_ARGS, "nomodeset",
                    ConfigKey.BOOT_TIMEOUT, "5")));
    io.github.pveiso.iso.BootLayout layout;
    try (IsoImage image = IsoImage.open(built.output())) {
      layout = image.bootLayout();
    }
    // the menu's serial command moves GRUB's output to ttyS1 before the fixture's listing
    List<BootReport> reports =
        tester
            .watchingSerialPort(1)
            .bootAll(
                built.output(),
                layout,
                EfiArchitecture.AMD64,
                Fixtures.Fixture.MKRESCUE.grubMarker(),
                Fixtures.GRUB_DONE);
    assertThat(reports).hasSize(6);
    for (BootReport report : reports) {
      assertThat(report.outcome()).as(report.summary()).isEqualTo(BootOutcome.PASSED);
      assertThat(report.console()).as(report.mode().toString()).contains(Fixtures.GRUB_DONE);
    }
  }
}
