package io.github.pveiso.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Every configuration key, with its file key, environment name, flag, type, default and help text.
 * This table is the one place these are defined: the flags, the environment names, the validation
 * and the README's configuration reference are all derived from it.
 */
public enum ConfigKey {
  PROXMOX_VERSION(
      ValueType.STRING,
      "9.1",
      "Proxmox VE release to customise, MAJOR.MINOR; resolved to the newest ISO release of it."),
  DEBIAN_RELEASE(
      ValueType.STRING,
      "trixie",
      "Debian suite that firmware and packages come from (the one the Proxmox release is based on)."),
  INCLUDE_NVIDIA(ValueType.BOOLEAN, "true", "Add the 'nvidia' firmware set."),
  INCLUDE_AMD(ValueType.BOOLEAN, "true", "Add the 'amd' firmware set."),
  INCLUDE_INTEL(ValueType.BOOLEAN, "true", "Add the 'intel' firmware set."),
  BUILD_ARCH(
      ValueType.LIST,
      "amd64",
      "Architectures to build for; the ISO's own architecture must be among them.",
      "amd64",
      "arm64"),
  OUTPUT_DIR(ValueType.PATH, "output", "Folder that receives the finished ISO and its side files."),
  WORK_DIR(
      ValueType.PATH,
      "work",
      "Staging folder: each run stages in a subfolder of its own (pveiso-<pid>-...), removed"
          + " when it ends; safe to delete while no build runs."),
  FIRMWARE_CACHE(
      ValueType.PATH,
      "~/.cache/pveiso",
      "Content-addressed download cache shared by builds ($XDG_CACHE_HOME/pveiso when set)."),
  ISO(
      ValueType.PATH_OR_URL,
      null,
      "Source ISO: a local path or a URL. Default: resolved from proxmox_version under"
          + " iso_base_url."),
  ISO_SHA256(
      ValueType.STRING,
      null,
      "Expected SHA-256 of the source ISO (64 hex digits). Without it a local ISO is marked"
          + " unverified."),
  ISO_BASE_URL(
      ValueType.URL,
      "https://enterprise.proxmox.com/iso/",
      "Folder with Proxmox ISOs and their SHA256SUMS."),
  DEBIAN_MIRROR(
      ValueType.URL,
      null,
      "Debian mirror base URL. Default: the first Debian archive in the host's apt sources."),
  DEBIAN_COMPONENTS(
      ValueType.LIST,
      "main,contrib,non-free,non-free-firmware",
      "Debian archive components searched for packages.",
      "main",
      "contrib",
      "non-free",
      "non-free-firmware"),
  KEYRINGS(
      ValueType.PATH_LIST,
      "",
      "Extra OpenPGP keyrings (binary or armored) trusted for the Debian mirror, besides Debian's"
          + " own keys."),
  FIRMWARE_CATALOG(
      ValueType.PATH,
      null,
      "A catalog file (YAML or JSON) whose sets are added to, or replace, the built-in ones."),
  FIRMWARE_SETS(
      ValueType.LIST,
      "freeware",
      "Firmware sets to add, by name (the include_* keys add 'nvidia', 'amd' and 'intel')."),
  EXTRA_PACKAGES(
      ValueType.LIST,
      "",
      "More Debian packages to add: 'name', 'name (>= version)', or 'name?' when optional."),
  TARGETS(
      ValueType.LIST,
      "iso,installer,system",
      "Where firmware and packages go: the ISO's /firmware folder, the live installer (CPU"
          + " microcode), the installed system.",
      "iso",
      "installer",
      "system"),
  ANSWER_FILE(
      ValueType.PATH,
      null,
      "An answer.toml for unattended installation, added to the ISO after validation."),
  FIRST_BOOT(
      ValueType.PATH,
      null,
      "An executable (at most 1 MiB) run once on the installed system at first boot."),
  OUTPUT_NAME(
      ValueType.STRING,
      null,
      "File name of the output ISO. Default: the source's name with '-pveiso' added."),
  ISO_WRITER(
      ValueType.STRING,
      "auto",
      "How the ISO is written: 'auto' grows it in pure Java where growing is safe (the EFI image"
          + " inside the ISO, as on Proxmox's own) and uses xorriso's replay otherwise; 'xorriso'"
          + " uses xorriso for every layout."),
  SOURCE_DATE_EPOCH(
      ValueType.INTEGER,
      null,
      "Timestamp (seconds since 1970) for every date written. Default: $SOURCE_DATE_EPOCH, else"
          + " the source ISO's volume date.");

  private final ValueType type;
  private final @Nullable String defaultText;
  private final String help;
  private final List<String> allowed;

  ConfigKey(ValueType type, @Nullable String defaultText, String help, String... allowed) {
    this.type = type;
    this.defaultText = defaultText;
    this.help = help;
    this.allowed = List.of(allowed);
  }

  /** The key as written in a config file, e.g. {@code build_arch}. */
  public String fileKey() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The environment variable, e.g. {@code PVEISO_BUILD_ARCH}. */
  public String envName() {
    return "PVEISO_" + name();
  }

  /** The command-line flag, e.g. {@code --build-arch}. */
  public String flag() {
    return "--" + fileKey().replace('_', '-');
  }

  /** The value's type. */
  public ValueType type() {
    return type;
  }

  /** The built-in default as text, empty when there is none. */
  public Optional<String> defaultText() {
    return Optional.ofNullable(defaultText);
  }

  /** One line of help. */
  public String help() {
    return help;
  }

  /** The allowed values of a list item, empty when any value goes. */
  public List<String> allowed() {
    return allowed;
  }

  /** Finds a key by its file key. */
  public static Optional<ConfigKey> byFileKey(String fileKey) {
    for (ConfigKey key : values()) {
      if (key.fileKey().equals(fileKey)) {
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }
}
