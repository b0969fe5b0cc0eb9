package io.github.pveiso.config;

import com.fasterxml.jackson.databind.node.TextNode;
import io.github.pveiso.events.EventListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Layers the configuration: built-in defaults &lt; config file &lt; environment &lt; flags. A lower
 * layer's value is used only when no higher layer gives the key; an absent flag changes nothing.
 * Every problem is collected and reported at once.
 */
public final class ConfigLoader {

  /**
   * The launchers' variables (not settings): the JVM options, the heap's bound and the room a
   * class-data archive needs. Never warned about.
   */
  static final java.util.Set<String> LAUNCHER_VARIABLES =
      java.util.Set.of("PVEISO_JAVA_OPTS", "PVEISO_HEAP", "PVEISO_CDS_MIN_FREE_KB");

  /** The standard variable for reproducible builds, read when PVEISO_SOURCE_DATE_EPOCH is unset. */
  public static final String SOURCE_DATE_EPOCH_ENV = "SOURCE_DATE_EPOCH";

  private final EventListener events;

  /** Creates a loader that reports warnings (e.g. unknown PVEISO_ variables) to {@code events}. */
  public ConfigLoader(EventListener events) {
    this.events = events;
  }

  /**
   * Loads and validates the configuration.
   *
   * @throws ConfigException listing every problem found
   */
  public BuildSettings load(ConfigRequest request) {
    List<ConfigProblem> problems = new ArrayList<>();
    Map<ConfigKey, RawValue> winners = new EnumMap<>(ConfigKey.class);
    defaults(request, winners);
    request.configFile().ifPresent(file -> new ConfigFileReader(file).read(winners, problems));
    environment(request.environment(), winners);
    request
        .flags()
        .forEach(
            (key, text) ->
                winners.put(
                    key,
                    new RawValue(
                        TextNode.valueOf(text), true, new Origin(Origin.Layer.FLAG, key.flag()))));

    Path configDir = request.configFile().map(f -> f.toAbsolutePath().getParent()).orElse(null);
    ValueParser parser = new ValueParser(request.workingDir(), home(request), configDir);
    Map<ConfigKey, Setting> settings = new EnumMap<>(ConfigKey.class);
    for (ConfigKey key : ConfigKey.values()) {
      RawValue raw = winners.get(key);
      if (raw == null) {
        settings.put(key, new Setting(key, null, Origin.DEFAULT));
        continue;
      }
      Optional<Object> value = parser.parse(key, raw, problems);
      value.ifPresent(v -> settings.put(key, new Setting(key, v, raw.origin())));
    }
    new SettingsValidator(settings, events).validate(problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new BuildSettings(settings);
  }

  private static void defaults(ConfigRequest request, Map<ConfigKey, RawValue> into) {
    for (ConfigKey key : ConfigKey.values()) {
      key.defaultText()
          .ifPresent(
              text -> {
                String value = text;
                if (key == ConfigKey.FIRMWARE_CACHE) {
                  String xdg = request.environment().get("XDG_CACHE_HOME");
                  value = xdg != null && !xdg.isBlank() ? xdg + "/pveiso" : text;
                }
                into.put(key, new RawValue(TextNode.valueOf(value), true, Origin.DEFAULT));
              });
    }
  }

  private void environment(Map<String, String> env, Map<ConfigKey, RawValue> into) {
    String epoch = env.get(SOURCE_DATE_EPOCH_ENV);
    if (epoch != null) {
      into.put(
          ConfigKey.SOURCE_DATE_EPOCH,
          new RawValue(
              TextNode.valueOf(epoch),
              true,
              new Origin(Origin.Layer.ENVIRONMENT, SOURCE_DATE_EPOCH_ENV)));
    }
    Map<String, ConfigKey> byEnv = new TreeMap<>();
    for (ConfigKey key : ConfigKey.values()) {
      byEnv.put(key.envName(), key);
    }
    for (Map.Entry<String, String> entry : new TreeMap<>(env).entrySet()) {
      String name = entry.getKey();
      if (!name.startsWith("PVEISO_") || LAUNCHER_VARIABLES.contains(name)) {
        continue;
      }
      ConfigKey key = byEnv.get(name);
      if (key == null) {
        events.warn(
            "ignoring environment variable "
                + name
                + ": not a pveiso setting"
                + DidYouMean.nearest(name, byEnv.keySet())
                    .map(s -> "; did you mean " + s + "?")
                    .orElse(""));
        continue;
      }
      into.put(
          key,
          new RawValue(
              TextNode.valueOf(entry.getValue()),
              true,
              new Origin(Origin.Layer.ENVIRONMENT, name)));
    }
  }

  private static Path home(ConfigRequest request) {
    String home = request.environment().get("HOME");
    return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"));
  }
}
