package io.github.pveiso.cli;

import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.config.ConfigKey;
import io.github.pveiso.config.ConfigLoader;
import io.github.pveiso.config.ConfigRequest;
import io.github.pveiso.config.ValueType;
import io.github.pveiso.events.EventListener;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The {@code --config FILE} option and one flag per configuration key, made from the {@link
 * ConfigKey} table. A command that takes configuration mixes this in; the flags are added to it
 * when the command line is built. An absent flag is absent: it never hides a file or environment
 * value. A command that reads only some keys (the cache commands read {@code firmware_cache}) gets
 * only their flags; the file and the environment are read and checked whole all the same.
 */
final class ConfigOptions {

  /** The keys whose flags the command gets. */
  private final Set<ConfigKey> keys;

  /** Every key's flag. */
  ConfigOptions() {
    this(EnumSet.allOf(ConfigKey.class));
  }

  private ConfigOptions(Set<ConfigKey> keys) {
    this.keys = keys;
  }

  /** Only the flags of {@code keys} (and {@code --config}). */
  static ConfigOptions only(ConfigKey first, ConfigKey... rest) {
    return new ConfigOptions(EnumSet.of(first, rest));
  }

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      order = -1,
      description = "Config file (YAML, or JSON by suffix).")
  @Nullable Path configFile;

  /** Adds the key flags to every subcommand (at any depth) that mixes in ConfigOptions. */
  static void addToCommands(CommandLine cli) {
    for (CommandLine sub : cli.getSubcommands().values()) {
      sub.getCommandSpec().mixins().values().stream()
          .map(CommandSpec::userObject)
          .filter(ConfigOptions.class::isInstance)
          .map(ConfigOptions.class::cast)
          .findFirst()
          .ifPresent(options -> addKeyOptions(sub.getCommandSpec(), options.keys));
      addToCommands(sub);
    }
  }

  private static void addKeyOptions(CommandSpec spec, Set<ConfigKey> keys) {
    for (ConfigKey key : keys) {
      if (key.secret()) {
        continue;
      }
      OptionSpec.Builder option = OptionSpec.builder(key.flag()).description(key.help());
      option.descriptionKey(key.fileKey());
      if (key.type() == ValueType.BOOLEAN) {
        option.type(Boolean.class).negatable(true).arity("0..1").paramLabel("BOOL");
      } else if (key.type() == ValueType.LIST || key.type() == ValueType.PATH_LIST) {
        option.type(List.class).auxiliaryTypes(String.class).paramLabel("ITEM[,ITEM...]");
      } else if (key.type() == ValueType.ARGUMENTS) {
        option.type(List.class).auxiliaryTypes(String.class).paramLabel("ARG[ ARG...]");
      } else {
        option.type(String.class).paramLabel(label(key.type()));
      }
      spec.addOption(option.build());
    }
  }

  private static String label(ValueType type) {
    return switch (type) {
      case PATH -> "PATH";
      case URL -> "URL";
      case PATH_OR_URL -> "PATH|URL";
      case INTEGER -> "N";
      default -> "TEXT";
    };
  }

  /** The flags given on this command line, as text. */
  static Map<ConfigKey, String> givenFlags(CommandSpec spec) {
    Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    for (ConfigKey key : ConfigKey.values()) {
      OptionSpec option = key.secret() ? null : parsed.matchedOption(key.flag());
      if (option == null) {
        continue;
      }
      Object value = option.getValue();
      if (value instanceof List<?> list) {
        String separator = key.type() == ValueType.ARGUMENTS ? " " : ",";
        flags.put(key, String.join(separator, list.stream().map(String::valueOf).toList()));
      } else if (value != null) {
        flags.put(key, String.valueOf(value));
      }
    }
    return flags;
  }

  /** Loads the effective configuration for a command. */
  BuildSettings load(CommandSpec spec, CliContext context, EventListener events) {
    Optional<Path> file =
        Optional.ofNullable(configFile).map(f -> context.workingDir().resolve(f).normalize());
    ConfigRequest request =
        new ConfigRequest(file, context.env(), givenFlags(spec), context.workingDir());
    return new ConfigLoader(events).load(request);
  }
}
