package io.github.pveiso.cli;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.BootLayout;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.boottest.BootReport;
import io.github.pveiso.iso.boottest.BootTester;
import io.github.pveiso.iso.boottest.QemuSetup;
import io.github.pveiso.iso.fat.EfiArchitecture;
import io.github.pveiso.iso.verify.IsoVerifier;
import io.github.pveiso.iso.verify.VerificationReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pveiso verify ISO}: checks an ISO's structure, against its original, and by booting. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check an ISO: its own structure; with --against, that it keeps the original's identity,"
          + " boot images and files; with --boot, that it boots in QEMU in every mode its layout"
          + " supports.",
      "Exits 3 when a check fails."
    })
final class VerifyCommand extends BaseCommand {

  @Parameters(paramLabel = "ISO", description = "The ISO image to check.")
  Path iso = Path.of("");

  @Option(names = "--against", paramLabel = "ORIGINAL", description = "The ISO it was made from.")
  @Nullable Path against;

  @Option(
      names = "--boot",
      description =
          "Boot it in QEMU (software emulation) in every mode its layout supports: BIOS and UEFI,"
              + " from CD, disk and USB. A GRUB or EFI shell fails at once.")
  boolean boot;

  @Option(
      names = "--boot-marker",
      paramLabel = "TEXT",
      description =
          "Serial-console text that counts as a successful boot (default: ${DEFAULT-VALUE},"
              + " GRUB's menu header).")
  String bootMarker = "GNU GRUB";

  @Override
  CommandOutput run(CliContext context, GlobalOptions options, EventListener events) {
    Path path = context.workingDir().resolve(iso);
    IsoVerifier verifier = new IsoVerifier(events);
    VerificationReport report =
        against == null
            ? verifier.standalone(path)
            : verifier.compareWithoutChangeList(context.workingDir().resolve(against), path);
    if (!boot) {
      return new CommandOutput(
          IsoText.report(report),
          report,
          report.passed() ? ExitCode.OK : ExitCode.VERIFICATION_FAILED);
    }
    List<BootReport> boots = boot(context, events, path);
    StringBuilder text = new StringBuilder(IsoText.report(report)).append(System.lineSeparator());
    boots.forEach(b -> text.append("boot ").append(b.summary()).append(System.lineSeparator()));
    boolean passed = report.passed() && boots.stream().allMatch(BootReport::passed);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("verification", report);
    data.put(
        "boots",
        boots.stream()
            .map(
                b ->
                    Map.of(
                        "mode",
                        b.mode().toString(),
                        "outcome",
                        b.outcome().toString(),
                        "seconds",
                        b.elapsed().toMillis() / 1000.0,
                        "detail",
                        b.detail()))
            .toList());
    return new CommandOutput(
        text.toString(), data, passed ? ExitCode.OK : ExitCode.VERIFICATION_FAILED);
  }

  private List<BootReport> boot(CliContext context, EventListener events, Path path) {
    BootLayout layout;
    EfiArchitecture arch;
    try (IsoImage image = IsoImage.open(path)) {
      layout = image.bootLayout();
      arch = image.architecture();
    }
    BootTester tester =
        new BootTester(context.processRunner(), QemuSetup.debian(), events, Duration.ofMinutes(5));
    if (!tester.isAvailable(arch)) {
      throw new InvalidInputException(
          "--boot needs QEMU and UEFI firmware: "
              + String.join("; ", tester.missing(arch))
              + " (see 'pveiso doctor')");
    }
    return tester.bootAll(path, layout, arch, bootMarker, bootMarker);
  }
}
