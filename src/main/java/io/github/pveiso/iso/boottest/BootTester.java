package io.github.pveiso.iso.boottest;

import io.github.pveiso.TempFiles;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.BootLayout;
import io.github.pveiso.iso.fat.EfiArchitecture;
import io.github.pveiso.proc.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Boots an ISO under QEMU (software emulation, no KVM needed) in every mode its {@link BootLayout}
 * supports and watches the serial console: the expected marker passes, a GRUB or UEFI shell fails
 * at once, anything else times out.
 */
public final class BootTester {

  private final ProcessRunner runner;
  private final QemuSetup setup;
  private final EventListener listener;
  private final Duration timeout;
  private final int consolePort;

  /**
   * A tester.
   *
   * @param timeout the longest one boot may take before it counts as {@link BootOutcome#TIMED_OUT}
   */
  public BootTester(
      ProcessRunner runner, QemuSetup setup, EventListener listener, Duration timeout) {
    this(runner, setup, listener, timeout, 0);
  }

  private BootTester(
      ProcessRunner runner,
      QemuSetup setup,
      EventListener listener,
      Duration timeout,
      int consolePort) {
    this.runner = runner;
    this.setup = setup;
    this.listener = listener;
    this.timeout = timeout;
    this.consolePort = consolePort;
  }

  /**
   * This tester, watching serial port {@code port} (1 for ttyS1) instead of the first; the ports
   * before it are connected to nothing.
   */
  public BootTester watchingSerialPort(int port) {
    return new BootTester(runner, setup, listener, timeout, port);
  }

  /** True when QEMU and the UEFI firmware for {@code arch} are installed. */
  public boolean isAvailable(EfiArchitecture arch) {
    return setup.missing(arch).isEmpty();
  }

  /** What is missing for {@code arch}, one line each (for {@code pveiso doctor}). */
  public List<String> missing(EfiArchitecture arch) {
    return setup.missing(arch);
  }

  /**
   * The modes {@code layout} supports on {@code arch}: BIOS from CD with a BIOS El Torito entry,
   * BIOS from disk and USB with MBR boot code (amd64 only); UEFI from CD with an EFI El Torito
   * entry, UEFI from disk and USB when a partition table can point at the EFI system partition.
   */
  public static List<BootMode> modes(BootLayout layout, EfiArchitecture arch) {
    List<BootMode> out = new ArrayList<>();
    if (arch != EfiArchitecture.ARM64) {
      if (layout.biosElTorito()) {
        out.add(new BootMode(arch, BootMode.Firmware.BIOS, BootMode.Medium.CD));
      }
      if (layout.mbrBootCode()) {
        out.add(new BootMode(arch, BootMode.Firmware.BIOS, BootMode.Medium.DISK));
        out.add(new BootMode(arch, BootMode.Firmware.BIOS, BootMode.Medium.USB));
      }
    }
    if (layout.uefiElTorito()) {
      out.add(new BootMode(arch, BootMode.Firmware.UEFI, BootMode.Medium.CD));
      if (layout.gpt() || layout.mbrPartitions()) {
        out.add(new BootMode(arch, BootMode.Firmware.UEFI, BootMode.Medium.DISK));
        out.add(new BootMode(arch, BootMode.Firmware.UEFI, BootMode.Medium.USB));
      }
    }
    return List.copyOf(out);
  }

  /**
   * Boots {@code iso} in every mode of {@link #modes}, one after the other, saying how each went.
   *
   * @param marker the console text that means success
   * @param stopAt the console text after which QEMU is stopped (the marker, or a later line)
   */
  public List<BootReport> bootAll(
      Path iso, BootLayout layout, EfiArchitecture arch, String marker, String stopAt) {
    List<BootReport> reports = new ArrayList<>();
    for (BootMode mode : modes(layout, arch)) {
      BootReport report = boot(iso, mode, marker, stopAt);
      listener.info("boot " + report.summary());
      reports.add(report);
    }
    return List.copyOf(reports);
  }

  /**
   * Boots {@code iso} in one mode.
   *
   * @param marker the console text that means success
   * @param stopAt the console text after which QEMU is stopped (the marker, or a later line)
   */
  public BootReport boot(Path iso, BootMode mode, String marker, String stopAt) {
    ConsoleWatch watch = new ConsoleWatch(marker);
    Optional<Path> vars =
        mode.firmware() == BootMode.Firmware.UEFI
            ? Optional.of(copyVars(mode.arch()))
            : Optional.empty();
    try {
      ProcessRunner.Command command =
          ProcessRunner.Command.of(QemuCommand.argv(setup, mode, iso, vars, consolePort))
              .withTimeout(timeout)
              .withStopWhen(line -> watch.failed(line) || line.contains(stopAt));
      listener.debug("booting " + iso.getFileName() + " as " + mode);
      ProcessRunner.Result result = runner.run(command);
      BootReport report = report(mode, watch, result);
      listener.info("boot " + iso.getFileName() + " " + report.summary());
      return report;
    } finally {
      vars.ifPresent(BootTester::deleteQuietly);
    }
  }

  private static BootReport report(BootMode mode, ConsoleWatch watch, ProcessRunner.Result result) {
    String console = result.stdout().replace("\r", "");
    Optional<ConsoleWatch.Decision> decision = watch.decide(console);
    if (decision.isPresent()) {
      return new BootReport(
          mode, decision.get().outcome(), result.elapsed(), decision.get().line(), console);
    }
    BootOutcome outcome =
        result.timedOut() ? BootOutcome.TIMED_OUT : BootOutcome.EXITED_WITHOUT_MARKER;
    String detail = result.stderr().isBlank() ? "" : result.lastErrorLine();
    return new BootReport(mode, outcome, result.elapsed(), detail, console);
  }

  private Path copyVars(EfiArchitecture arch) {
    try {
      Path copy = TempFiles.track(Files.createTempFile("pveiso-uefi-vars-", ".fd"));
      Files.copy(setup.uefiVars(arch), copy, StandardCopyOption.REPLACE_EXISTING);
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot copy UEFI variables " + setup.uefiVars(arch) + ": " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
      TempFiles.untrack(file);
    } catch (IOException e) {
      // a leftover copy of the variable template in the temp folder is harmless
    }
  }
}
