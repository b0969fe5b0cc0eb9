package io.github.pveiso.cli;

import io.github.pveiso.events.StageTimer;
import io.github.pveiso.pipeline.Planned;
import io.github.pveiso.pipeline.plan.Decision;
import io.github.pveiso.pipeline.plan.InstallerFirmwarePlan;
import io.github.pveiso.pipeline.plan.PackagePlan;
import io.github.pveiso.pipeline.plan.Plan;
import io.github.pveiso.pipeline.stage.StagedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Shows plans, staged files and stage timings for people. */
final class PlanText {
  private static final Map<String, String> PAST =
      Map.of("add", "added", "replace", "replaced", "remove", "removed");

  private PlanText() {}

  static String plan(Planned planned) {
    Plan plan = planned.plan();
    StringBuilder text = new StringBuilder();
    text.append("source: ")
        .append(planned.iso().source())
        .append(planned.iso().verified() ? " (sha256 verified)" : " (unverified: no checksum)")
        .append(System.lineSeparator());
    text.append("architecture: ").append(plan.isoArchitecture()).append(System.lineSeparator());
    text.append("base system: ")
        .append(planned.source().baseSystem().detail())
        .append(System.lineSeparator());
    for (PackagePlan p : plan.packages()) {
      text.append(
          String.format("%n%s %s (%s) from %s%n", p.name(), p.version(), p.requestedBy(), p.url()));
      for (Decision d : p.decisions()) {
        text.append(
            String.format("  %-9s %-6s %s%n", d.target().word(), d.action().word(), d.reason()));
      }
      for (String met : p.metByBaseSystem()) {
        text.append(String.format("  %-16s %s%n", "depends", met));
      }
    }
    for (String skipped : planned.skippedOptional()) {
      text.append("skipped optional package: ").append(skipped).append(System.lineSeparator());
    }
    for (String warning : plan.warnings()) {
      text.append("warning: ").append(warning).append(System.lineSeparator());
    }
    if (planned.installerFirmware().asked()) {
      text.append(installerFirmware(planned.installerFirmware()));
    }
    text.append(BootMenuText.plan(planned.bootMenu()));
    return text.toString();
  }

  /** What goes to {@code /installer-firmware}, per package; one line when it is off. */
  static String installerFirmware(InstallerFirmwarePlan plan) {
    StringBuilder t = new StringBuilder(System.lineSeparator());
    t.append("installer firmware: ")
        .append(plan.on() ? "" : "none (")
        .append(plan.reason())
        .append(plan.on() ? "" : ")")
        .append(System.lineSeparator());
    for (InstallerFirmwarePlan.Share s : plan.packages()) {
      t.append(
          String.format(
              "  %s %s: %d added, %d left to %s%n",
              s.name(), s.version(), s.added(), s.leftToProxmox(), plan.proxmoxFirmware()));
    }
    return t.toString();
  }

  static String files(List<StagedFile> files) {
    StringBuilder text = new StringBuilder(System.lineSeparator());
    Map<String, long[]> byOperation = new TreeMap<>();
    for (StagedFile f : files) {
      text.append(
          String.format("  %-7s %10s  %s%n", f.operation(), Sizes.human(f.size()), f.isoPath()));
      long[] countAndBytes = byOperation.computeIfAbsent(f.operation(), k -> new long[2]);
      countAndBytes[0]++;
      countAndBytes[1] += f.size();
    }
    List<String> parts = new ArrayList<>();
    for (String operation : List.of("add", "replace", "remove")) {
      long[] c = byOperation.getOrDefault(operation, new long[2]);
      parts.add(c[0] + " " + PAST.get(operation) + " (" + Sizes.human(c[1]) + ")");
    }
    long written = files.stream().mapToLong(StagedFile::storedSize).sum();
    text.append(String.format("  %d files: %s%n", files.size(), String.join(", ", parts)));
    text.append(String.format("  size change: %s of new file data%n", Sizes.human(written)));
    return text.toString();
  }

  /** Stage timings as data: {@code [{"stage": "acquire", "seconds": 0.31}, ...]}. */
  static List<Map<String, Object>> timingsData(List<StageTimer.StageTime> times) {
    List<Map<String, Object>> data = new ArrayList<>();
    for (StageTimer.StageTime t : times) {
      Map<String, Object> one = new java.util.LinkedHashMap<>();
      one.put("stage", t.stage());
      one.put("seconds", t.elapsed().toMillis() / 1000.0);
      if (t.alongside()) {
        one.put("alongside", true);
      }
      data.add(one);
    }
    return data;
  }

  static String timings(List<StageTimer.StageTime> times) {
    StringBuilder text = new StringBuilder(String.format("%nstage timings:%n"));
    double total = 0;
    for (StageTimer.StageTime t : times) {
      double s = t.elapsed().toMillis() / 1000.0;
      if (t.alongside()) {
        text.append(
            String.format(Locale.ROOT, "  %-18s %8.2f s  (alongside the others)%n", t.stage(), s));
      } else {
        total += s;
        text.append(String.format(Locale.ROOT, "  %-18s %8.2f s%n", t.stage(), s));
      }
    }
    text.append(String.format(Locale.ROOT, "  %-18s %8.2f s%n", "total", total));
    return text.toString();
  }
}
