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
  FIRMWARE_PRECEDENCE(
      ValueType.STRING,
      "proxmox",
      "Whose copy the installed system loads when Debian's firmware and Proxmox's pve-firmware"
          + " both have a file: 'proxmox' adds only what pve-firmware lacks, and keeps it so when"
          + " pve-firmware is upgraded; 'debian' installs Debian's copies under"
          + " /lib/firmware/updates, where they shadow pve-firmware's (plan lists them)."),
  ANSWER_FILE(
      ValueType.PATH,
      null,
      "An answer.toml for unattended installation: checked when the configuration is read (before"
          + " anything is downloaded) and put on the ISO as /answer.toml (answer_fetch iso)."),
  ANSWER_DIR(
      ValueType.PATH,
      null,
      "A folder of answer files, one per node: build writes one ISO for each *.toml in it, with"
          + " that answer as /answer.toml (answer_fetch iso), named as output_name with '-NODE'"
          + " before .iso, NODE being the file's name without .toml (pve-1.toml:"
          + " proxmox-ve_9.1-1-pveiso-pve-1.iso). Every answer is checked before anything is"
          + " downloaded. Instead of answer_file."),
  ANSWER_FETCH(
      ValueType.STRING,
      null,
      "Where the installer gets its answer: 'iso' (answer_file or answer_dir on the ISO), 'http'"
          + " (from answer_url) or 'partition' (answer.toml on a file system labelled"
          + " answer_partition_label). Default: iso when answer_file or answer_dir is set, else no"
          + " automated installation."),
  ANSWER_URL(
      ValueType.URL,
      null,
      "The answer server's http or https URL (answer_fetch http); the installer POSTs a"
          + " description of the machine to it and installs with the answer it gets back."),
  ANSWER_CERT_FINGERPRINT(
      ValueType.STRING,
      null,
      "SHA-256 fingerprint of the answer server's certificate, 32 hex bytes separated by colons"
          + " (AB:CD:...); the installer trusts that certificate instead of checking its chain"
          + " (answer_fetch http)."),
  ANSWER_TOKEN(
      ValueType.STRING,
      null,
      "Bearer token the installer sends to the answer server (answer_fetch http). A secret: from"
          + " the environment or the config file, never a flag (or use answer_token_file); only"
          + " its SHA-256 goes into the manifest."),
  ANSWER_TOKEN_FILE(
      ValueType.PATH,
      null,
      "A file whose first line is the answer server's bearer token, instead of answer_token."),
  ANSWER_PARTITION_LABEL(
      ValueType.STRING,
      "proxmox-ais",
      "Label of the file system that holds answer.toml (answer_fetch partition); the installer"
          + " tries it as given, in upper case and in lower case."),
  FIRST_BOOT(
      ValueType.PATH,
      null,
      "An executable (a script starting with '#!' or an ELF binary, at most 1 MiB) run once on"
          + " the installed system at first boot; the answer asks for it with [first-boot] source"
          + " = \"from-iso\"."),
  KERNEL_ARGS(
      ValueType.ARGUMENTS,
      "",
      "Kernel arguments added to the linux line of every installer entry of the boot menu;"
          + " 'KIND:ARG' adds one only to entries of a kind (automated, graphical, tui, serial,"
          + " debug), e.g. serial:console=ttyS1,115200n8."),
  SERIAL_CONSOLE(
      ValueType.STRING,
      null,
      "Serial console of GRUB and of the installer's serial entries, as the kernel's console="
          + " takes it: ttyS0 to ttyS3, speed, optional parity and bits, e.g. ttyS1,115200n8. Also"
          + " makes the serial entry the default unless boot_default is set."),
  BOOT_DEFAULT(
      ValueType.STRING,
      null,
      "The boot menu entry GRUB starts by default: automated, graphical, tui, serial or debug."
          + " Default: the ISO's own (its first entry), serial when serial_console is set."),
  BOOT_TIMEOUT(
      ValueType.INTEGER,
      null,
      "Seconds the boot menu waits before it starts the default entry (0: at once). Default: the"
          + " ISO's own (Proxmox's waits for a key, 10 s on an ISO prepared for automated"
          + " installation)."),
  INSTALLER_FIRMWARE(
      ValueType.BOOLEAN,
      null,
      "Firmware the installer itself loads: /installer-firmware on the ISO holds the files of"
          + " /firmware that the ISO's pve-firmware lacks (sharing their bytes), and"
          + " firmware_class.path=/cdrom/installer-firmware goes on every installer entry. Needs"
          + " iso in targets; with nothing to fill, neither is added. Default: on when targets"
          + " has iso (a boot menu pveiso cannot edit is then left as it is, with a warning, and"
          + " the folder is not added); true set by the user makes such a menu an error."),
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

  /**
   * True for a secret (a token): it has no command-line flag, where it would show in the process
   * list and the shell's history, and {@code pveiso config} does not show its value.
   */
  public boolean secret() {
    return this == ANSWER_TOKEN;
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
