package io.github.pveiso.config;

/** Writes the configuration reference (the README's table) from the {@link ConfigKey} table. */
public final class ConfigReference {
  private ConfigReference() {}

  /** The reference as a Markdown table, one row per key, in table order. */
  public static String markdown() {
    StringBuilder text = new StringBuilder();
    text.append("| file key | environment | flag | type | default | meaning |\n");
    text.append("|---|---|---|---|---|---|\n");
    for (ConfigKey key : ConfigKey.values()) {
      String flag =
          key.secret()
              ? "(none: a secret)"
              : key.type() == ValueType.BOOLEAN
                  ? "`--[no-]" + key.flag().substring(2) + "`"
                  : "`" + key.flag() + "`";
      String type =
          key.allowed().isEmpty()
              ? key.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
              : "list of " + String.join(", ", key.allowed());
      String def = key.defaultText().filter(d -> !d.isEmpty()).map(d -> "`" + d + "`").orElse("");
      text.append("| `")
          .append(key.fileKey())
          .append("` | `")
          .append(key.envName())
          .append("` | ")
          .append(flag)
          .append(" | ")
          .append(type)
          .append(" | ")
          .append(def)
          .append(" | ")
          .append(key.help().replace("|", "\\|"))
          .append(" |\n");
    }
    return text.toString();
  }
}
