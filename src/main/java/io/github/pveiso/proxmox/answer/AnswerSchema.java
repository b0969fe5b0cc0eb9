package io.github.pveiso.proxmox.answer;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The answer file's keys, table by table, as the installer defines them: type, required or not, the
 * allowed values of an enumeration, and the deprecated snake_case spelling the installer still
 * accepts.
 */
final class AnswerSchema {
  private AnswerSchema() {}

  /** The type of a key's value. */
  enum Type {
    STRING("a string"),
    BOOLEAN("a boolean (true or false)"),
    INTEGER("a whole number"),
    NUMBER("a number"),
    STRING_LIST("a list of strings"),
    TABLE("a table"),
    STRING_TABLE("a table of strings (key = \"value\")"),
    STRING_OR_TABLE("a string or a table");

    private final String description;

    Type(String description) {
      this.description = description;
    }

    String description() {
      return description;
    }
  }

  /**
   * One key of a table.
   *
   * @param name the kebab-case name
   * @param type its value's type
   * @param required the installer refuses the table without it
   * @param values the allowed values of an enumeration, empty when any value of the type goes
   * @param deprecated the snake_case spelling still accepted, or null
   * @param fields the keys of a table value ({@link Type#TABLE}, {@link Type#STRING_OR_TABLE})
   */
  record Field(
      String name,
      Type type,
      boolean required,
      List<String> values,
      @Nullable String deprecated,
      List<Field> fields) {

    Field values(String... allowed) {
      return new Field(name, type, required, List.of(allowed), deprecated, fields);
    }

    Field deprecated(String snake) {
      return new Field(name, type, required, values, snake, fields);
    }

    /** The key of this table named {@code name}. */
    Optional<Field> field(String key) {
      return fields.stream().filter(f -> f.name().equals(key)).findFirst();
    }
  }

  static Field required(String name, Type type) {
    return new Field(name, type, true, List.of(), null, List.of());
  }

  static Field optional(String name, Type type) {
    return new Field(name, type, false, List.of(), null, List.of());
  }

  static Field table(String name, boolean required, Field... fields) {
    return new Field(name, Type.TABLE, required, List.of(), null, Arrays.asList(fields));
  }

  /** The keyboard layouts of the installer. */
  static final List<String> KEYBOARDS =
      List.of(
          "de", "de-ch", "dk", "en-gb", "en-us", "es", "fi", "fr", "fr-be", "fr-ca", "fr-ch", "hu",
          "is", "it", "jp", "lt", "mk", "nl", "no", "pl", "pt", "pt-br", "se", "si", "tr");

  /** ZFS RAID levels in their canonical spelling; the all-lower-case forms are accepted too. */
  static final List<String> ZFS_RAID =
      List.of("RAID0", "RAID1", "RAID10", "RAIDZ-1", "RAIDZ-2", "RAIDZ-3");

  /** Btrfs RAID levels in their canonical spelling; the all-lower-case forms are accepted too. */
  static final List<String> BTRFS_RAID = List.of("RAID0", "RAID1", "RAID10");

  private static String[] withLowerCase(List<String> levels) {
    return java.util.stream.Stream.concat(
            levels.stream(), levels.stream().map(l -> l.toLowerCase(java.util.Locale.ROOT)))
        .toArray(String[]::new);
  }

  private static final Field GLOBAL =
      table(
          "global",
          true,
          required("country", Type.STRING),
          new Field(
              "fqdn",
              Type.STRING_OR_TABLE,
              true,
              List.of(),
              null,
              List.of(
                  optional("source", Type.STRING).values("from-dhcp"),
                  optional("domain", Type.STRING))),
          required("keyboard", Type.STRING),
          required("mailto", Type.STRING),
          required("timezone", Type.STRING),
          optional("root-password", Type.STRING).deprecated("root_password"),
          optional("root-password-hashed", Type.STRING).deprecated("root_password_hashed"),
          optional("reboot-on-error", Type.BOOLEAN).deprecated("reboot_on_error"),
          optional("reboot-mode", Type.STRING)
              .values("reboot", "power-off")
              .deprecated("reboot_mode"),
          optional("root-ssh-keys", Type.STRING_LIST).deprecated("root_ssh_keys"),
          optional("subscription-key", Type.STRING).deprecated("subscription_key"));

  private static final Field NETWORK =
      table(
          "network",
          true,
          required("source", Type.STRING).values("from-dhcp", "from-answer"),
          optional("cidr", Type.STRING),
          optional("dns", Type.STRING),
          optional("gateway", Type.STRING),
          optional("filter", Type.STRING_TABLE),
          table(
              "interface-name-pinning",
              false,
              required("enabled", Type.BOOLEAN),
              optional("mapping", Type.STRING_TABLE)));

  private static final Field DISK_SETUP =
      table(
          "disk-setup",
          true,
          required("filesystem", Type.STRING).values("ext4", "xfs", "zfs", "btrfs"),
          optional("disk-list", Type.STRING_LIST).deprecated("disk_list"),
          optional("filter", Type.STRING_TABLE),
          optional("filter-match", Type.STRING).values("any", "all").deprecated("filter_match"),
          table(
              "zfs",
              false,
              optional("raid", Type.STRING).values(withLowerCase(ZFS_RAID)),
              optional("ashift", Type.INTEGER),
              optional("arc-max", Type.INTEGER).deprecated("arc_max"),
              optional("checksum", Type.STRING).values("on", "fletcher4", "sha256"),
              optional("compress", Type.STRING)
                  .values("on", "off", "lzjb", "lz4", "zle", "gzip", "zstd"),
              optional("copies", Type.INTEGER),
              optional("hdsize", Type.NUMBER)),
          table(
              "lvm",
              false,
              optional("hdsize", Type.NUMBER),
              optional("swapsize", Type.NUMBER),
              optional("maxroot", Type.NUMBER),
              optional("maxvz", Type.NUMBER),
              optional("minfree", Type.NUMBER)),
          table(
              "btrfs",
              false,
              optional("raid", Type.STRING).values(withLowerCase(BTRFS_RAID)),
              optional("compress", Type.STRING).values("on", "off", "zlib", "lzo", "zstd"),
              optional("hdsize", Type.NUMBER)));

  private static final Field FIRST_BOOT =
      table(
          "first-boot",
          false,
          required("source", Type.STRING).values("from-iso", "from-url"),
          optional("ordering", Type.STRING).values("before-network", "network-online", "fully-up"),
          optional("url", Type.STRING),
          optional("cert-fingerprint", Type.STRING).deprecated("cert_fingerprint"));

  private static final Field WEBHOOK =
      table(
          "post-installation-webhook",
          false,
          required("url", Type.STRING),
          optional("cert-fingerprint", Type.STRING).deprecated("cert_fingerprint"),
          optional("auth-token", Type.STRING).deprecated("auth_token"));

  /** The whole file: a table of the five top-level tables. */
  static final Field ROOT = table("", true, GLOBAL, NETWORK, DISK_SETUP, FIRST_BOOT, WEBHOOK);

  /** Keys whose values are secrets: never shown in messages, redacted when shown. */
  static final List<List<String>> SECRETS =
      List.of(
          List.of("global", "root-password"),
          List.of("global", "root_password"),
          List.of("global", "root-password-hashed"),
          List.of("global", "root_password_hashed"),
          List.of("global", "subscription-key"),
          List.of("global", "subscription_key"),
          List.of("post-installation-webhook", "auth-token"),
          List.of("post-installation-webhook", "auth_token"));
}
