package io.github.pveiso.cli;

import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.debian.AptSources;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.events.StageTimer;
import io.github.pveiso.pipeline.BuildPipeline;
import io.github.pveiso.pipeline.Planned;
import io.github.pveiso.pipeline.Staging;
import io.github.pveiso.pipeline.stage.Staged;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pveiso plan}: what a build would do, without writing an ISO. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Show what 'build' would do, without writing an ISO: each package with its resolved"
          + " version and origin, the action for each target (add, repack, skip, refuse) with"
          + " the reason, every file to be added, replaced or removed with its size, the size"
          + " change, and warnings. Downloads and verifies what it needs, like 'fetch', and"
          + " stages the files in a folder of its own under work_dir, removed when it ends (a"
          + " following build reuses the downloads)."
    })
final class PlanCommand extends BaseCommand {

  @Mixin ConfigOptions config = new ConfigOptions();

  @Mixin RehashOption rehash = new RehashOption();

  @Option(names = "--force", description = "Plan even when the source ISO is not a Proxmox ISO.")
  boolean force;

  @Override
  CommandOutput run(CliContext context, GlobalOptions options, EventListener events) {
    BuildSettings settings = config.load(spec, context, events);
    StageTimer timer = new StageTimer(context.clock(), events);
    BuildPipeline pipeline = pipeline(context, events).rehashing(rehash.rehash);
    Staging staging = pipeline.planAndStage(settings, force, timer);
    Planned planned = staging.planned();
    Staged staged = staging.staged();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("source", planned.iso().source().toString());
    data.put("verified", planned.iso().verified());
    data.put("baseSystem", planned.source().baseSystem().detail());
    data.put("plan", planned.plan());
    data.put("skippedOptional", planned.skippedOptional());
    data.put("files", staged.files());
    if (planned.installerFirmware().asked()) {
      data.put("installerFirmware", planned.installerFirmware());
    }
    if (planned.bootMenu().asked()) {
      data.put("bootMenu", planned.bootMenu());
    }
    StringBuilder text = new StringBuilder(PlanText.plan(planned) + PlanText.files(staged.files()));
    if (!staging.nodes().isEmpty()) {
      text.append(
          String.format(
              "%nthe files above go on every node's ISO; each node's ISO adds its own:%n"));
      List<Map<String, Object>> nodes = new ArrayList<>();
      for (Staging.Node node : staging.nodes()) {
        text.append(String.format("%nnode %s -> %s", node.name(), node.output()));
        text.append(PlanText.files(node.staged().files()));
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("node", node.name());
        one.put("output", node.output());
        one.put("files", node.staged().files());
        nodes.add(one);
      }
      data.put("nodes", nodes);
    }
    return CommandOutput.ok(text.toString(), data);
  }

  static BuildPipeline pipeline(CliContext context, EventListener events) {
    return new BuildPipeline(
        context.clock(),
        context.processRunner(),
        events,
        () -> Optional.of(new AptSources(Path.of("/")).debianMirror()));
  }
}
