package io.github.pveiso.cli;

import io.github.pveiso.NotImplementedYetException;
import io.github.pveiso.events.EventListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pveiso plan}: what a build would do, without writing an ISO. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Show what 'build' would do, without writing an ISO: each package with its resolved"
          + " version, the action for each target (add, repack, skip, refuse) with the reason,"
          + " every file to be added or replaced, and the size change."
    })
final class PlanCommand extends BaseCommand {

  @Mixin ConfigOptions config = new ConfigOptions();

  @Override
  CommandOutput run(CliContext context, GlobalOptions options, EventListener events) {
    config.load(spec, context, events);
    throw new NotImplementedYetException(
        "'pveiso plan' is not built yet (it comes with the plan-and-build work)");
  }
}
