package io.github.pveiso.cli;

import io.github.pveiso.NotImplementedYetException;
import io.github.pveiso.events.EventListener;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pveiso inspect ISO}: what an ISO holds and how it boots. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Show what an ISO holds and how it boots: volume, El Torito, MBR/GPT/APM, the GRUB UUID,"
          + " Proxmox product facts and packages. Works on any ISO."
    })
final class InspectCommand extends BaseCommand {

  @Parameters(paramLabel = "ISO", description = "The ISO image to inspect.")
  Path iso = Path.of("");

  @Override
  CommandOutput run(CliContext context, GlobalOptions options, EventListener events) {
    throw new NotImplementedYetException(
        "'pveiso inspect' is not built yet (it comes with the ISO engine work)");
  }
}
