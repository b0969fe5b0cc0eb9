package io.github.pveiso.cli;

import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.events.StageTimer;
import io.github.pveiso.pipeline.Built;
import java.util.LinkedHashMap;
import java.util.Map;
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
          + " <name>.manifest.json beside it. Nothing appears at the output path unless it"
          + " verified."
    })
final class BuildCommand extends BaseCommand {

  @Mixin ConfigOptions config = new ConfigOptions();

  @Option(names = "--force", description = "Build even when the source ISO is not a Proxmox ISO.")
  boolean force;

  @Option(names = "--overwrite", description = "Replace an existing output ISO.")
  boolean overwrite;

  @Override
  CommandOutput run(CliContext context, GlobalOptions options, EventListener events) {
    BuildSettings settings = config.load(spec, context, events);
    StageTimer timer = new StageTimer(context.clock(), events);
    Built built = PlanCommand.pipeline(context, events).build(settings, force, overwrite, timer);
    String text =
        PlanText.plan(built.planned())
            + PlanText.files(built.staged().files())
            + String.format(
                "%nwrote %s%n  sha256 %s%n  manifest %s%n",
                built.output(), built.sha256(), built.manifest())
            + PlanText.timings(timer.times());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("output", built.output().toString());
    data.put("sha256", built.sha256());
    data.put("size", built.size());
    data.put("manifest", built.manifest().toString());
    data.put("plan", built.planned().plan());
    data.put("files", built.staged().files());
    data.put("stageTimings", PlanText.timingsData(timer.times()));
    return CommandOutput.ok(text, data);
  }
}
