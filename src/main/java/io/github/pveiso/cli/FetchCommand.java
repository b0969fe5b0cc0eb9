package io.github.pveiso.cli;

import io.github.pveiso.acquire.AcquireSummary;
import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.events.StageTimer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pveiso fetch}: download and verify everything a configuration needs. */
@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Download and verify everything the configuration needs (the Proxmox ISO and the Debian"
          + " packages) into the cache, without building. Runs the build's own steps up to"
          + " acquiring packages, so it fetches exactly what 'build' would: the ISO is inspected"
          + " first, and what its /proxmox/packages and base system already have is not"
          + " downloaded."
    })
final class FetchCommand extends BaseCommand {

  @Mixin ConfigOptions config = new ConfigOptions();

  @Mixin RehashOption rehash = new RehashOption();

  @Option(names = "--force", description = "Fetch even when the source ISO is not a Proxmox ISO.")
  boolean force;

  @Override
  CommandOutput run(CliContext context, GlobalOptions options, EventListener events) {
    BuildSettings settings = config.load(spec, context, events);
    StageTimer timer = new StageTimer(context.clock(), events);
    AcquireSummary result =
        AcquireSummary.of(
            PlanCommand.pipeline(context, events)
                .rehashing(rehash.rehash)
                .fetch(settings, force, timer)
                .acquired());
    StringBuilder text = new StringBuilder();
    result
        .iso()
        .ifPresent(
            iso ->
                text.append(
                    String.format(
                        "ISO %s%s%n    %s sha256 %s%n",
                        iso.source(),
                        iso.verified() ? "" : " (unverified)",
                        iso.path(),
                        iso.sha256())));
    for (AcquireSummary.Package p : result.packages()) {
      text.append(String.format("%-44s %-18s %s%n", p.id(), p.component(), p.sha256()));
    }
    result.skipped().forEach(name -> text.append("skipped (optional, not found): " + name + "\n"));
    text.append(result.packages().size() + " packages verified in " + settings.firmwareCache());
    return CommandOutput.ok(text.append('\n').toString(), result);
  }
}
