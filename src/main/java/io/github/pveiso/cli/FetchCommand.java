package io.github.pveiso.cli;

import io.github.pveiso.NotImplementedYetException;
import io.github.pveiso.events.EventListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pveiso fetch}: download and verify everything a configuration needs. */
@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Download and verify everything the configuration needs (the Proxmox ISO and the Debian"
          + " packages) into the cache, without building."
    })
final class FetchCommand extends BaseCommand {

  @Mixin ConfigOptions config = new ConfigOptions();

  @Override
  CommandOutput run(CliContext context, GlobalOptions options, EventListener events) {
    config.load(spec, context, events);
    throw new NotImplementedYetException(
        "'pveiso fetch' is not built yet (it comes with the verified-acquisition work)");
  }
}
