package io.github.pveiso.config;

import io.github.pveiso.proxmox.answer.FetchMode;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The effective configuration of one run: every key's typed value with its origin. Immutable; made
 * by {@link ConfigLoader}.
 *
 * @param settings every key, in table order
 */
public record BuildSettings(Map<ConfigKey, Setting> settings) {

  /** Copies the map so the record stays immutable. */
  public BuildSettings {
    settings = Collections.unmodifiableMap(new EnumMap<>(settings));
  }

  /** The setting of one key. */
  public Setting get(ConfigKey key) {
    Setting setting = settings.get(key);
    if (setting == null) {
      throw new IllegalStateException("no setting for " + key);
    }
    return setting;
  }

  private @Nullable Object value(ConfigKey key) {
    return get(key).value();
  }

  private <T> T required(ConfigKey key, Class<T> type) {
    Object value = value(key);
    if (value == null) {
      throw new IllegalStateException("no value for " + key);
    }
    return type.cast(value);
  }

  private <T> Optional<T> optional(ConfigKey key, Class<T> type) {
    return Optional.ofNullable(value(key)).map(type::cast);
  }

  @SuppressWarnings("unchecked") // list values are made as List<String> / List<Path> by the parser
  private <T> List<T> list(ConfigKey key) {
    Object value = value(key);
    return value == null ? List.of() : (List<T>) value;
  }

  public String proxmoxVersion() {
    return required(ConfigKey.PROXMOX_VERSION, String.class);
  }

  public String debianRelease() {
    return required(ConfigKey.DEBIAN_RELEASE, String.class);
  }

  public boolean includeNvidia() {
    return required(ConfigKey.INCLUDE_NVIDIA, Boolean.class);
  }

  public boolean includeAmd() {
    return required(ConfigKey.INCLUDE_AMD, Boolean.class);
  }

  public boolean includeIntel() {
    return required(ConfigKey.INCLUDE_INTEL, Boolean.class);
  }

  public List<String> buildArch() {
    return list(ConfigKey.BUILD_ARCH);
  }

  public Path outputDir() {
    return required(ConfigKey.OUTPUT_DIR, Path.class);
  }

  public Path workDir() {
    return required(ConfigKey.WORK_DIR, Path.class);
  }

  public Path firmwareCache() {
    return required(ConfigKey.FIRMWARE_CACHE, Path.class);
  }

  /** The source ISO: a {@link Path} or a {@link URI}; empty means "resolve the version". */
  public Optional<Object> iso() {
    return optional(ConfigKey.ISO, Object.class);
  }

  public Optional<String> isoSha256() {
    return optional(ConfigKey.ISO_SHA256, String.class);
  }

  public URI isoBaseUrl() {
    return required(ConfigKey.ISO_BASE_URL, URI.class);
  }

  /** The Debian mirror; empty means "discover it from the host's apt sources". */
  public Optional<URI> debianMirror() {
    return optional(ConfigKey.DEBIAN_MIRROR, URI.class);
  }

  public List<String> debianComponents() {
    return list(ConfigKey.DEBIAN_COMPONENTS);
  }

  public List<Path> keyrings() {
    return list(ConfigKey.KEYRINGS);
  }

  public Optional<Path> firmwareCatalog() {
    return optional(ConfigKey.FIRMWARE_CATALOG, Path.class);
  }

  public List<String> firmwareSets() {
    return list(ConfigKey.FIRMWARE_SETS);
  }

  /**
   * The firmware sets to use: {@code firmware_sets}, then 'nvidia', 'amd' and 'intel' where the
   * include_* keys are true, each once, in that order.
   */
  public List<String> effectiveFirmwareSets() {
    Set<String> sets = new LinkedHashSet<>(firmwareSets());
    if (includeNvidia()) {
      sets.add("nvidia");
    }
    if (includeAmd()) {
      sets.add("amd");
    }
    if (includeIntel()) {
      sets.add("intel");
    }
    return new ArrayList<>(sets);
  }

  public List<String> extraPackages() {
    return list(ConfigKey.EXTRA_PACKAGES);
  }

  public List<String> targets() {
    return list(ConfigKey.TARGETS);
  }

  /** {@code proxmox} (pve-firmware's copies win) or {@code debian} (Debian's shadow them). */
  public String firmwarePrecedence() {
    return required(ConfigKey.FIRMWARE_PRECEDENCE, String.class);
  }

  public Optional<Path> answerFile() {
    return optional(ConfigKey.ANSWER_FILE, Path.class);
  }

  /** A folder of answer files, one ISO per {@code *.toml} in it. */
  public Optional<Path> answerDir() {
    return optional(ConfigKey.ANSWER_DIR, Path.class);
  }

  /**
   * Where the installer gets its answer: {@code answer_fetch}, else iso when {@code answer_file} or
   * {@code answer_dir} is set; empty means no automated installation.
   */
  public Optional<FetchMode> answerFetch() {
    Optional<String> fetch = optional(ConfigKey.ANSWER_FETCH, String.class);
    if (fetch.isPresent()) {
      return FetchMode.of(fetch.get());
    }
    return answerFile().or(this::answerDir).map(f -> FetchMode.ISO);
  }

  public Optional<URI> answerUrl() {
    return optional(ConfigKey.ANSWER_URL, URI.class);
  }

  public Optional<String> answerCertFingerprint() {
    return optional(ConfigKey.ANSWER_CERT_FINGERPRINT, String.class);
  }

  /** The bearer token when given directly; a secret (see {@link #answerTokenFile()}). */
  public Optional<String> answerToken() {
    return optional(ConfigKey.ANSWER_TOKEN, String.class);
  }

  /** A file whose first line is the bearer token. */
  public Optional<Path> answerTokenFile() {
    return optional(ConfigKey.ANSWER_TOKEN_FILE, Path.class);
  }

  public String answerPartitionLabel() {
    return required(ConfigKey.ANSWER_PARTITION_LABEL, String.class);
  }

  public Optional<Path> firstBoot() {
    return optional(ConfigKey.FIRST_BOOT, Path.class);
  }

  /** Kernel arguments for the installer's entries, each {@code ARG} or {@code KIND:ARG}. */
  public List<String> kernelArgs() {
    return list(ConfigKey.KERNEL_ARGS);
  }

  /** The serial console, e.g. {@code ttyS1,115200n8}. */
  public Optional<String> serialConsole() {
    return optional(ConfigKey.SERIAL_CONSOLE, String.class);
  }

  /** The kind of boot menu entry to start by default, e.g. {@code serial}. */
  public Optional<String> bootDefault() {
    return optional(ConfigKey.BOOT_DEFAULT, String.class);
  }

  /** Seconds the boot menu waits. */
  public Optional<Long> bootTimeout() {
    return optional(ConfigKey.BOOT_TIMEOUT, Long.class);
  }

  /**
   * {@code installer_firmware}: its value when the user set it, else on when {@code targets} has
   * {@code iso}.
   */
  public boolean installerFirmware() {
    return optional(ConfigKey.INSTALLER_FIRMWARE, Boolean.class).orElse(targets().contains("iso"));
  }

  /**
   * True when the user turned {@code installer_firmware} on (a file, the environment or a flag):
   * then a boot menu it cannot reach stops the build instead of being left with a warning.
   */
  public boolean installerFirmwareAsked() {
    return optional(ConfigKey.INSTALLER_FIRMWARE, Boolean.class).orElse(false)
        && get(ConfigKey.INSTALLER_FIRMWARE).origin().layer() != Origin.Layer.DEFAULT;
  }

  public Optional<String> outputName() {
    return optional(ConfigKey.OUTPUT_NAME, String.class);
  }

  /** {@code auto} (Java growing where safe, else xorriso) or {@code xorriso}. */
  public String isoWriter() {
    return required(ConfigKey.ISO_WRITER, String.class);
  }

  public Optional<Long> sourceDateEpoch() {
    return optional(ConfigKey.SOURCE_DATE_EPOCH, Long.class);
  }
}
