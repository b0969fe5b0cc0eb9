package io.github.pveiso.cli;

import io.github.pveiso.acquire.AcquireRequest;
import io.github.pveiso.acquire.AcquireRequests;
import io.github.pveiso.acquire.AcquireSummary;
import io.github.pveiso.acquire.Acquirer;
import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.config.FirmwareCatalog;
import io.github.pveiso.debian.AptSources;
import io.github.pveiso.events.EventListener;
import java.nio.file.Path;
import java.util.Optional;
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
    BuildSettings settings = config.load(spec, context, events);
    AcquireRequest request =
        AcquireRequests.from(
            settings,
            FirmwareCatalog.load(settings.firmwareCatalog()),
            () -> Optional.of(new AptSources(Path.of("/")).debianMirror()));
    AcquireSummary result =
        AcquireSummary.of(
            Acquirer.create(
                    settings.firmwareCache(),
                    settings.workDir().resolve("fetch"),
                    context.clock(),
                    events)
                .acquire(request));
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
