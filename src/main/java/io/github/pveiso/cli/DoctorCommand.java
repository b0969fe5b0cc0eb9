package io.github.pveiso.cli;

import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.doctor.HostCheck;
import io.github.pveiso.doctor.HostChecks;
import io.github.pveiso.events.EventListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pveiso doctor}: checks the host's tools and disk space and says what to install. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Check what pveiso needs on this host: Java, xorriso and its version, QEMU with OVMF/AAVMF"
          + " (optional, for 'verify --boot'), and free disk at the work and output folders.",
      "Exits 1 when something required is missing, and says what to install."
    })
final class DoctorCommand extends BaseCommand {

  @Mixin ConfigOptions config = new ConfigOptions();

  @Override
  CommandOutput run(CliContext context, GlobalOptions options, EventListener events) {
    BuildSettings settings = config.load(spec, context, events);
    List<HostCheck> checks = new HostChecks(context.processRunner(), context.env()).run(settings);
    StringBuilder text = new StringBuilder();
    for (HostCheck check : checks) {
      text.append(
          String.format("%-7s %-22s %s%n", check.status().label(), check.name(), check.detail()));
      check.hint().ifPresent(h -> text.append(String.format("        %-22s %s%n", "", h)));
    }
    boolean failed = checks.stream().anyMatch(c -> c.status() == HostCheck.Status.MISSING);
    text.append(
        failed ? "Something required is missing (see above).\n" : "All required tools are here.\n");
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("checks", checks);
    data.put("ready", !failed);
    return new CommandOutput(text.toString(), data, failed ? ExitCode.FAILURE : ExitCode.OK);
  }
}
