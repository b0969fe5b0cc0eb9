package io.github.pveiso.cli;

import io.github.pveiso.NotImplementedYetException;
import io.github.pveiso.events.EventListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pveiso build}: plan, apply, verify, and write the custom ISO with its manifest. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Build the custom ISO: acquire and verify the inputs, plan where every piece goes, write"
          + " the ISO, verify it against the source, and write <name>.iso.sha256 and"
          + " <name>.manifest.json beside it."
    })
final class BuildCommand extends BaseCommand {

  @Mixin ConfigOptions config = new ConfigOptions();

  @Option(names = "--force", description = "Build even when the source ISO is not a Proxmox ISO.")
  boolean force;

  @Option(names = "--overwrite", description = "Replace an existing output ISO.")
  boolean overwrite;

  @Override
  CommandOutput run(CliContext context, GlobalOptions options, EventListener events) {
    config.load(spec, context, events);
    throw new NotImplementedYetException(
        "'pveiso build' is not built yet (it comes with the plan-and-build work);"
            + " nothing was written");
  }
}
