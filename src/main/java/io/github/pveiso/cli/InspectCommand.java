package io.github.pveiso.cli;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.grub.BootMenuReport;
import io.github.pveiso.inspect.IsoInspection;
import io.github.pveiso.inspect.IsoInspector;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.proxmox.BaseSystemReader;
import io.github.pveiso.proxmox.IsoPackageInfo;
import io.github.pveiso.proxmox.IsoPackageReader;
import io.github.pveiso.proxmox.answer.AutoInstallInfo;
import io.github.pveiso.proxmox.answer.AutoInstallInspector;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pveiso inspect ISO}: what an ISO holds and how it boots. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Show what an ISO holds and how it boots: volume, El Torito, MBR/GPT/APM, the GRUB UUID,"
          + " Proxmox product facts, each package of /proxmox/packages with its relations, the"
          + " base system's installed packages, and the automated installation (mode, answer"
          + " with its secrets redacted, first-boot executable). Works on any ISO."
    })
final class InspectCommand extends BaseCommand {

  @Parameters(paramLabel = "ISO", description = "The ISO image to inspect.")
  Path iso = Path.of("");

  @Option(
      names = "--show-secrets",
      description =
          "Show the root password, its hash, the subscription key and the tokens of the"
              + " automated installation instead of <redacted>.")
  boolean showSecrets;

  /** The result: the inspection's fields, the packages and the automated installation. */
  record Result(
      @JsonUnwrapped IsoInspection inspection,
      List<IsoPackageInfo> packages,
      AutoInstallInfo autoInstall,
      BootMenuReport bootMenu) {}

  @Override
  CommandOutput run(CliContext context, GlobalOptions options, EventListener events) {
    Path path = context.workingDir().resolve(iso);
    events.debug("inspecting " + path);
    try (IsoImage image = IsoImage.open(path)) {
      IsoInspection inspection =
          IsoInspector.inspect(
              image,
              new BaseSystemReader(
                  context.processRunner(), Path.of(System.getProperty("java.io.tmpdir"))));
      List<IsoPackageInfo> packages = IsoPackageReader.read(image, inspection.product());
      AutoInstallInfo auto = AutoInstallInspector.read(image, showSecrets);
      BootMenuReport menu = BootMenuReport.of(image);
      return CommandOutput.ok(
          IsoText.inspection(inspection, packages)
              + AutoInstallText.text(auto)
              + BootMenuText.report(menu),
          new Result(inspection, packages, auto, menu));
    }
  }
}
