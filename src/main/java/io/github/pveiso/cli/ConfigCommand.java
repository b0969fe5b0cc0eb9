package io.github.pveiso.cli;

import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.config.ConfigKey;
import io.github.pveiso.config.Setting;
import io.github.pveiso.events.EventListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pveiso config}: the effective configuration with the origin of every value. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Print the effective configuration and where each value came from.",
      "Layers, lowest first: built-in defaults, the config file, PVEISO_* environment"
          + " variables, command-line flags. Every problem is reported at once (exit 2)."
    })
final class ConfigCommand extends BaseCommand {

  @Mixin ConfigOptions config = new ConfigOptions();

  /** One row of the listing. */
  record Row(String key, Object value, String origin) {}

  /** The value to show: a secret's only as set or not. */
  private static @org.jspecify.annotations.Nullable Object shown(Setting setting) {
    return setting.key().secret() && setting.value() != null ? "(set, not shown)" : setting.value();
  }

  @Override
  CommandOutput run(CliContext context, GlobalOptions options, EventListener events) {
    BuildSettings settings = config.load(spec, context, events);
    List<Row> rows = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int keyWidth =
        java.util.Arrays.stream(ConfigKey.values())
            .mapToInt(k -> k.fileKey().length())
            .max()
            .orElse(0);
    int valueWidth =
        java.util.Arrays.stream(ConfigKey.values())
            .mapToInt(k -> SettingText.text(shown(settings.get(k)), k.fileKey()).length())
            .max()
            .orElse(0);
    for (ConfigKey key : ConfigKey.values()) {
      Setting setting = settings.get(key);
      Object value = shown(setting);
      rows.add(
          new Row(
              key.fileKey(),
              value == null ? "" : SettingText.json(value),
              setting.origin().where()));
      text.append(
          String.format(
              "%-" + keyWidth + "s  %-" + valueWidth + "s  %s%n",
              key.fileKey(),
              SettingText.text(value, key.fileKey()),
              setting.origin().where()));
    }
    text.append(System.lineSeparator())
        .append("firmware sets in effect: ")
        .append(String.join(", ", settings.effectiveFirmwareSets()))
        .append(System.lineSeparator());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("settings", rows);
    data.put("effectiveFirmwareSets", settings.effectiveFirmwareSets());
    return CommandOutput.ok(text.toString(), data);
  }
}
