package io.github.pveiso.cli;

import io.github.pveiso.events.EventListener;
import io.github.pveiso.inspect.IsoInspection;
import io.github.pveiso.inspect.IsoInspector;
import io.github.pveiso.proxmox.BaseSystemReader;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pveiso inspect ISO}: what an ISO holds and how it boots. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Show what an ISO holds and how it boots: volume, El Torito, MBR/GPT/APM, the GRUB UUID,"
          + " Proxmox product facts, packages and the base system's installed packages. Works on any ISO."
    })
final class InspectCommand extends BaseCommand {

  @Parameters(paramLabel = "ISO", description = "The ISO image to inspect.")
  Path iso = Path.of("");

  @Override
  CommandOutput run(CliContext context, GlobalOptions options, EventListener events) {
    Path path = context.workingDir().resolve(iso);
    events.debug("inspecting " + path);
    IsoInspection inspection =
        IsoInspector.inspect(
            path,
            new BaseSystemReader(
                context.processRunner(), Path.of(System.getProperty("java.io.tmpdir"))));
    return CommandOutput.ok(IsoText.inspection(inspection), inspection);
  }
}
