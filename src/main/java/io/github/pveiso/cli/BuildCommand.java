package io.github.pveiso.cli;

import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.events.StageTimer;
import io.github.pveiso.pipeline.Built;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
          + " the ISO, verify it against the source, and write <name>.iso.sha256,"
          + " <name>.manifest.json and the SBOM <name>.cdx.json beside it. Nothing appears at"
          + " the output path unless it"
          + " verified. With --answer-dir, one ISO per answer file, named"
          + " <name>-<answer file without .toml>.iso."
    })
final class BuildCommand extends BaseCommand {

  @Mixin ConfigOptions config = new ConfigOptions();

  @Mixin RehashOption rehash = new RehashOption();

  @Option(names = "--force", description = "Build even when the source ISO is not a Proxmox ISO.")
  boolean force;

  @Option(names = "--overwrite", description = "Replace an existing output ISO.")
  boolean overwrite;

  @Override
  CommandOutput run(CliContext context, GlobalOptions options, EventListener events) {
    BuildSettings settings = config.load(spec, context, events);
    StageTimer timer = new StageTimer(context.clock(), events);
    List<Built> all =
        PlanCommand.pipeline(context, events)
            .rehashing(rehash.rehash)
            .buildAll(settings, force, overwrite, timer);
    Built built = all.get(0);
    StringBuilder text = new StringBuilder(PlanText.plan(built.planned()));
    Map<String, Object> data = new LinkedHashMap<>();
    if (built.node().isEmpty()) {
      text.append(PlanText.files(built.staged().files()));
      text.append(wrote(built));
      data.putAll(output(built));
      data.put("plan", built.planned().plan());
      data.put("files", built.staged().files());
    } else {
      // every node's ISO adds the same paths; only the automated installation's bytes differ
      text.append(PlanText.files(built.staged().files()));
      data.put("plan", built.planned().plan());
      List<Map<String, Object>> nodes = new ArrayList<>();
      for (Built node : all) {
        text.append(String.format("%nnode %s:", node.node().orElseThrow()));
        text.append(wrote(node));
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("node", node.node().orElseThrow());
        one.putAll(output(node));
        one.put("files", node.staged().files());
        nodes.add(one);
      }
      data.put("nodes", nodes);
    }
    text.append(PlanText.timings(timer.times()));
    if (built.planned().bootMenu().asked()) {
      data.put("bootMenu", built.planned().bootMenu());
    }
    data.put("stageTimings", PlanText.timingsData(timer.times()));
    return CommandOutput.ok(text.toString(), data);
  }

  private static String wrote(Built built) {
    return String.format(
        "%nwrote %s%n  sha256 %s%n  manifest %s%n",
        built.output(), built.sha256(), built.manifest());
  }

  private static Map<String, Object> output(Built built) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("output", built.output().toString());
    data.put("sha256", built.sha256());
    data.put("size", built.size());
    data.put("manifest", built.manifest().toString());
    return data;
  }
}
