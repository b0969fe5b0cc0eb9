package io.github.pveiso.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.events.Event;
import io.github.pveiso.events.EventListener;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {

  @TempDir Path dir;
  Path configFile;
  final List<Event> events = new ArrayList<>();
  final EventListener listener = events::add;

  /** Three distinct valid values per key: for the file, the environment and the flag. */
  Map<ConfigKey, List<String>> samples = new EnumMap<>(ConfigKey.class);

  @BeforeEach
  void samples() throws IOException {
    configFile = dir.resolve("pveiso.yaml");
    for (String name : List.of("k1.gpg", "k2.gpg", "k3.gpg", "x1.iso", "x2.iso", "x3.iso")) {
      Files.writeString(dir.resolve(name), "x");
    }
    for (String name : List.of("a.toml", "b.toml", "c.toml")) {
      Files.writeString(dir.resolve(name), AutoInstallConfigTest.ANSWER);
    }
    for (String name : List.of("ad1", "ad2", "ad3")) {
      Files.writeString(
          Files.createDirectories(dir.resolve(name)).resolve("pve.toml"),
          AutoInstallConfigTest.ANSWER);
    }
    for (String name : List.of("fb1", "fb2", "fb3")) {
      Files.writeString(dir.resolve(name), "#!/bin/sh\necho " + name + "\n");
    }
    for (String name : List.of("tok1", "tok2", "tok3")) {
      Files.writeString(dir.resolve(name), name + "-secret\n");
    }
    for (String name : List.of("cat1.yaml", "cat2.yaml", "cat3.yaml")) {
      Files.writeString(dir.resolve(name), "sets: {}\n");
    }
    samples.put(ConfigKey.PROXMOX_VERSION, List.of("8.1", "8.2", "8.3"));
    samples.put(ConfigKey.DEBIAN_RELEASE, List.of("bookworm", "trixie", "forky"));
    samples.put(ConfigKey.INCLUDE_NVIDIA, List.of("false", "true", "false"));
    samples.put(ConfigKey.INCLUDE_AMD, List.of("false", "true", "false"));
    samples.put(ConfigKey.INCLUDE_INTEL, List.of("false", "true", "false"));
    samples.put(ConfigKey.BUILD_ARCH, List.of("arm64", "amd64,arm64", "amd64"));
    samples.put(ConfigKey.OUTPUT_DIR, List.of("o1", "o2", "o3"));
    samples.put(ConfigKey.WORK_DIR, List.of("w1", "w2", "w3"));
    samples.put(ConfigKey.FIRMWARE_CACHE, List.of("c1", "c2", "c3"));
    samples.put(ConfigKey.ISO, List.of("x1.iso", "x2.iso", "http://127.0.0.1/x3.iso"));
    samples.put(ConfigKey.ISO_SHA256, List.of("a".repeat(64), "b".repeat(64), "c".repeat(64)));
    samples.put(
        ConfigKey.ISO_BASE_URL,
        List.of("http://127.0.0.1/1/", "http://127.0.0.1/2/", "http://127.0.0.1/3/"));
    samples.put(
        ConfigKey.DEBIAN_MIRROR,
        List.of("http://127.0.0.1/d1", "http://127.0.0.1/d2", "http://127.0.0.1/d3"));
    samples.put(ConfigKey.DEBIAN_COMPONENTS, List.of("main", "main,contrib", "non-free-firmware"));
    samples.put(ConfigKey.KEYRINGS, List.of("k1.gpg", "k2.gpg", "k3.gpg"));
    samples.put(ConfigKey.FIRMWARE_CATALOG, List.of("cat1.yaml", "cat2.yaml", "cat3.yaml"));
    samples.put(ConfigKey.FIRMWARE_SETS, List.of("amd", "intel,amd", "nvidia"));
    samples.put(ConfigKey.EXTRA_PACKAGES, List.of("foo", "bar (>= 1.0)", "baz?"));
    samples.put(ConfigKey.TARGETS, List.of("iso", "installer,system", "system"));
    samples.put(ConfigKey.FIRMWARE_PRECEDENCE, List.of("debian", "proxmox", "debian"));
    samples.put(ConfigKey.ANSWER_FILE, List.of("a.toml", "b.toml", "c.toml"));
    samples.put(ConfigKey.ANSWER_DIR, List.of("ad1", "ad2", "ad3"));
    samples.put(ConfigKey.ANSWER_FETCH, List.of("partition", "http", "iso"));
    samples.put(
        ConfigKey.ANSWER_URL,
        List.of("http://127.0.0.1/a1", "http://127.0.0.1/a2", "https://127.0.0.1/a3"));
    samples.put(
        ConfigKey.ANSWER_CERT_FINGERPRINT,
        List.of("ab".repeat(32), "CD:".repeat(31) + "CD", "0123456789abcdef".repeat(4)));
    samples.put(ConfigKey.ANSWER_TOKEN, List.of("t1", "t2", "t3"));
    samples.put(ConfigKey.ANSWER_TOKEN_FILE, List.of("tok1", "tok2", "tok3"));
    samples.put(ConfigKey.ANSWER_PARTITION_LABEL, List.of("l1", "L-2", "l_3"));
    samples.put(ConfigKey.FIRST_BOOT, List.of("fb1", "fb2", "fb3"));
    samples.put(ConfigKey.KERNEL_ARGS, List.of("nomodeset", "serial:foo=1,2 quiet", "debug:x"));
    samples.put(ConfigKey.SERIAL_CONSOLE, List.of("ttyS0,115200", "ttyS1,115200n8", "ttyS3,9600"));
    samples.put(ConfigKey.BOOT_DEFAULT, List.of("serial", "tui", "automated"));
    samples.put(ConfigKey.BOOT_TIMEOUT, List.of("0", "5", "30"));
    samples.put(ConfigKey.INSTALLER_FIRMWARE, List.of("false", "true", "false"));
    samples.put(ConfigKey.OUTPUT_NAME, List.of("one.iso", "two.iso", "three.iso"));
    samples.put(ConfigKey.ISO_WRITER, List.of("xorriso", "auto", "xorriso"));
    samples.put(ConfigKey.SOURCE_DATE_EPOCH, List.of("1", "2", "3"));
  }

  /**
   * The automated-installation keys go only with a matching answer_fetch: the other keys a sample
   * needs to be valid, as flags (none for the other keys).
   */
  static Map<ConfigKey, String> companions(ConfigKey key, String value) {
    Map<ConfigKey, String> http =
        Map.of(ConfigKey.ANSWER_FETCH, "http", ConfigKey.ANSWER_URL, "http://127.0.0.1/answer");
    return switch (key) {
      case ANSWER_FETCH ->
          switch (value) {
            case "http" -> Map.of(ConfigKey.ANSWER_URL, "http://127.0.0.1/answer");
            case "iso" -> Map.of(ConfigKey.ANSWER_FILE, "a.toml");
            default -> Map.of();
          };
      case ANSWER_URL -> Map.of(ConfigKey.ANSWER_FETCH, "http");
      case ANSWER_CERT_FINGERPRINT, ANSWER_TOKEN, ANSWER_TOKEN_FILE, FIRST_BOOT -> http;
      case ANSWER_PARTITION_LABEL -> Map.of(ConfigKey.ANSWER_FETCH, "partition");
      // installer_firmware: true takes its files from /firmware, which the iso target makes
      case INSTALLER_FIRMWARE -> Map.of(ConfigKey.TARGETS, "iso,system");
      default -> Map.of();
    };
  }

  /** The keys that only make sense together (see {@link #companions}). */
  static boolean autoInstall(ConfigKey key) {
    return key.fileKey().startsWith("answer_") || key == ConfigKey.FIRST_BOOT;
  }

  static Map<ConfigKey, String> with(Map<ConfigKey, String> a, Map<ConfigKey, String> b) {
    Map<ConfigKey, String> all = new HashMap<>(a);
    all.putAll(b);
    return all;
  }

  @Test
  void everyKeyHasSamples() {
    assertThat(samples.keySet()).containsExactlyInAnyOrder(ConfigKey.values());
  }

  BuildSettings load(Map<String, String> env, Map<ConfigKey, String> flags, boolean withFile) {
    return new ConfigLoader(listener)
        .load(
            new ConfigRequest(
                withFile ? Optional.of(configFile) : Optional.empty(), env, flags, dir));
  }

  /** A YAML line for the sample: lists as flow lists, booleans and numbers as they are. */
  String yaml(ConfigKey key, String text) {
    return switch (key.type()) {
      case LIST, PATH_LIST ->
          key.fileKey()
              + ": ["
              + String.join(", ", Stream.of(text.split(",")).map(s -> "\"" + s + "\"").toList())
              + "]";
      case ARGUMENTS ->
          key.fileKey()
              + ": ["
              + String.join(", ", Stream.of(text.split(" ")).map(s -> "\"" + s + "\"").toList())
              + "]";
      case BOOLEAN, INTEGER -> key.fileKey() + ": " + text;
      default -> key.fileKey() + ": \"" + text + "\"";
    };
  }

  Object expected(ConfigKey key, String text, Path base) {
    return switch (key.type()) {
      case BOOLEAN -> Boolean.valueOf(text);
      case INTEGER -> Long.valueOf(text);
      case PATH -> base.resolve(text).normalize();
      case URL -> URI.create(text);
      case PATH_OR_URL ->
          text.startsWith("http") ? URI.create(text) : base.resolve(text).normalize();
      case LIST -> List.of(text.split(","));
      case PATH_LIST -> Stream.of(text.split(",")).map(s -> base.resolve(s).normalize()).toList();
      case ARGUMENTS -> List.of(text.split(" "));
      case STRING -> text;
    };
  }

  @ParameterizedTest
  @EnumSource(ConfigKey.class)
  void eachLayerWinsOverTheOnesBelow(ConfigKey key) throws IOException {
    List<String> s = samples.get(key);
    Files.writeString(configFile, yaml(key, s.get(0)) + "\n");
    Map<String, String> env = Map.of(key.envName(), s.get(1));
    Map<ConfigKey, String> flags = with(Map.of(key, s.get(2)), companions(key, s.get(2)));

    Setting fromFile = load(Map.of(), companions(key, s.get(0)), true).get(key);
    assertThat(fromFile.value()).isEqualTo(expected(key, s.get(0), dir));
    assertThat(fromFile.origin()).isEqualTo(new Origin(Origin.Layer.FILE, "pveiso.yaml:1"));

    Setting fromEnv = load(env, companions(key, s.get(1)), true).get(key);
    assertThat(fromEnv.value()).isEqualTo(expected(key, s.get(1), dir));
    assertThat(fromEnv.origin()).isEqualTo(new Origin(Origin.Layer.ENVIRONMENT, key.envName()));

    Setting fromFlag = load(env, flags, true).get(key);
    assertThat(fromFlag.value()).isEqualTo(expected(key, s.get(2), dir));
    assertThat(fromFlag.origin()).isEqualTo(new Origin(Origin.Layer.FLAG, key.flag()));

    Setting fromDefault = load(Map.of(), Map.of(), false).get(key);
    assertThat(fromDefault.origin()).isEqualTo(Origin.DEFAULT);
  }

  @ParameterizedTest
  @EnumSource(ConfigKey.class)
  void anAbsentFlagChangesNothing(ConfigKey key) throws IOException {
    List<String> s = samples.get(key);
    Files.writeString(configFile, yaml(key, s.get(0)) + "\n");
    // every other key is given as a flag: none of them may touch this key
    Map<ConfigKey, String> otherFlags = new HashMap<>();
    for (ConfigKey other : ConfigKey.values()) {
      if (other != key && !autoInstall(other)) {
        otherFlags.put(other, samples.get(other).get(2));
      }
    }
    assertThat(load(Map.of(), with(otherFlags, companions(key, s.get(0))), true).get(key).value())
        .isEqualTo(expected(key, s.get(0), dir));
    assertThat(
            load(Map.of(key.envName(), s.get(1)), with(otherFlags, companions(key, s.get(1))), true)
                .get(key)
                .value())
        .isEqualTo(expected(key, s.get(1), dir));
  }

  @Test
  void defaultsAreTheSeeds() {
    BuildSettings settings = load(Map.of("HOME", "/home/u"), Map.of(), false);
    assertThat(settings.proxmoxVersion()).isEqualTo("9.1");
    assertThat(settings.debianRelease()).isEqualTo("trixie");
    assertThat(settings.includeNvidia()).isTrue();
    assertThat(settings.includeAmd()).isTrue();
    assertThat(settings.includeIntel()).isTrue();
    assertThat(settings.buildArch()).containsExactly("amd64");
    assertThat(settings.outputDir()).isEqualTo(dir.resolve("output"));
    assertThat(settings.workDir()).isEqualTo(dir.resolve("work"));
    assertThat(settings.firmwareCache()).isEqualTo(Path.of("/home/u/.cache/pveiso"));
    assertThat(settings.targets()).containsExactly("iso", "installer", "system");
    assertThat(settings.effectiveFirmwareSets())
        .containsExactly("freeware", "nvidia", "amd", "intel");
    assertThat(settings.iso()).isEmpty();
    assertThat(settings.debianMirror()).isEmpty();
  }

  @Test
  void cacheFollowsXdgCacheHome() {
    BuildSettings settings =
        load(Map.of("HOME", "/home/u", "XDG_CACHE_HOME", "/var/c"), Map.of(), false);
    assertThat(settings.firmwareCache()).isEqualTo(Path.of("/var/c/pveiso"));
  }

  @Test
  void relativePathsInTheFileResolveAgainstItsFolder() throws IOException {
    Path sub = Files.createDirectories(dir.resolve("sub"));
    Path file = sub.resolve("p.yaml");
    Files.writeString(file, "output_dir: out\n");
    BuildSettings fromFile =
        new ConfigLoader(listener)
            .load(new ConfigRequest(Optional.of(file), Map.of(), Map.of(), dir));
    assertThat(fromFile.outputDir()).isEqualTo(sub.resolve("out"));
    BuildSettings fromFlag =
        new ConfigLoader(listener)
            .load(
                new ConfigRequest(
                    Optional.of(file), Map.of(), Map.of(ConfigKey.OUTPUT_DIR, "out"), dir));
    assertThat(fromFlag.outputDir()).isEqualTo(dir.resolve("out"));
  }

  static Stream<Arguments> environmentBooleans() {
    return Stream.of(
        Arguments.of("true", true),
        Arguments.of("1", true),
        Arguments.of("yes", true),
        Arguments.of("YES", true),
        Arguments.of("false", false),
        Arguments.of("0", false),
        Arguments.of("no", false),
        Arguments.of(" No ", false));
  }

  @ParameterizedTest
  @MethodSource("environmentBooleans")
  void environmentBooleans(String text, boolean value) {
    assertThat(load(Map.of("PVEISO_INCLUDE_AMD", text), Map.of(), false).includeAmd())
        .isEqualTo(value);
  }

  @Test
  void environmentBooleanRejectsOtherWords() {
    assertThatThrownBy(() -> load(Map.of("PVEISO_INCLUDE_AMD", "on"), Map.of(), false))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "PVEISO_INCLUDE_AMD: include_amd: 'on' is not a boolean; use true/false, 1/0 or yes/no");
  }

  @Test
  void environmentListsAreCommaSeparatedAndTrimmed() {
    BuildSettings settings =
        load(
            Map.of("PVEISO_EXTRA_PACKAGES", " foo , bar (>= 1.0),baz? ", "PVEISO_KEYRINGS", ""),
            Map.of(),
            false);
    assertThat(settings.extraPackages()).containsExactly("foo", "bar (>= 1.0)", "baz?");
    assertThat(settings.keyrings()).isEmpty();
  }

  @Test
  void emptyListItemIsAnError() {
    assertThatThrownBy(() -> load(Map.of("PVEISO_BUILD_ARCH", "amd64,,arm64"), Map.of(), false))
        .hasMessage("PVEISO_BUILD_ARCH: build_arch: empty item in list");
  }

  @Test
  void standardSourceDateEpochIsRead() {
    assertThat(load(Map.of("SOURCE_DATE_EPOCH", "1700000000"), Map.of(), false).sourceDateEpoch())
        .contains(1_700_000_000L);
    Setting both =
        load(Map.of("SOURCE_DATE_EPOCH", "1", "PVEISO_SOURCE_DATE_EPOCH", "2"), Map.of(), false)
            .get(ConfigKey.SOURCE_DATE_EPOCH);
    assertThat(both.value()).isEqualTo(2L);
    assertThat(both.origin().where()).isEqualTo("PVEISO_SOURCE_DATE_EPOCH");
  }

  @Test
  void unknownEnvironmentVariableIsAWarningWithDidYouMean() {
    load(Map.of("PVEISO_BUILD_ARHC", "amd64"), Map.of(), false);
    assertThat(events)
        .containsExactly(
            new Event.Log(
                Event.Level.WARN,
                "ignoring environment variable PVEISO_BUILD_ARHC: not a pveiso setting; did you mean PVEISO_BUILD_ARCH?"));
  }

  @Test
  void theLaunchersJavaOptionsAreNotASettingAndNotWarnedAbout() {
    load(
        Map.of(
            "PVEISO_JAVA_OPTS", "-XX:+UseParallelGC",
            "PVEISO_HEAP", "512m",
            "PVEISO_CDS_MIN_FREE_KB", "1024"),
        Map.of(),
        false);
    assertThat(events).isEmpty();
  }

  @Test
  void everyProblemIsReportedAtOnceWithItsOrigin() throws IOException {
    Files.writeString(
        configFile,
        String.join(
            "\n",
            "proxmox_version: \"9\"",
            "buid_arch: [amd64]",
            "include_amd: maybe",
            "targets: [iso, kernel]",
            "firmware_sets: [freewar]",
            "iso_sha256: abc",
            "output_dir: [a]",
            "source_date_epoch: -5",
            "output_name: out/x.iso",
            "answer_file: missing.toml",
            "build_arch: amd64",
            ""));
    assertThatThrownBy(
            () ->
                load(
                    Map.of("PVEISO_INCLUDE_INTEL", "maybe"),
                    Map.of(ConfigKey.ISO_BASE_URL, "ftp://x/"),
                    true))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            String.join(
                "\n",
                "pveiso.yaml:2: unknown key 'buid_arch'; did you mean 'build_arch'?",
                "pveiso.yaml:3: include_amd: expected true or false, got 'maybe'",
                "PVEISO_INCLUDE_INTEL: include_intel: 'maybe' is not a boolean; use true/false, 1/0 or yes/no",
                "pveiso.yaml:11: build_arch: expected a list, got 'amd64'",
                "pveiso.yaml:7: output_dir: expected text, got a list",
                "--iso-base-url: iso_base_url: 'ftp://x/' is not an http, https or file URL",
                "pveiso.yaml:4: targets: 'kernel' is not allowed; use one of iso, installer, system",
                "pveiso.yaml:1: proxmox_version: '9' is not valid; expected MAJOR.MINOR, e.g. 9.1",
                "pveiso.yaml:6: iso_sha256: 'abc' is not valid; expected 64 hexadecimal digits",
                "pveiso.yaml:8: source_date_epoch: '-5' is out of range; expected seconds from 0 to 253402300799",
                "pveiso.yaml:9: output_name: 'out/x.iso' is not valid; expected a plain file name ending in .iso",
                "pveiso.yaml:10: answer_file: file "
                    + dir.resolve("missing.toml")
                    + " does not exist",
                "pveiso.yaml:5: firmware_sets: 'freewar' is not a known firmware set (did you mean 'freeware'?); known sets: amd, freeware, intel, nvidia"));
  }

  @Test
  void theBootMenuKeysAreCheckedTogetherAndEveryProblemIsReported() throws IOException {
    Files.writeString(
        configFile,
        String.join(
            "\n",
            "kernel_args: [nomodeset, quiet, nomodeset, 'foo=\"a b\"', 'a$b', 'seral:x',",
            "  'console=ttyS0,115200', 'serial:console=ttyS1,115200n8', '#c', 'x;y', 'a b']",
            "serial_console: ttyS1,115200n8",
            "boot_default: usb",
            "boot_timeout: -1",
            ""));
    assertThatThrownBy(() -> load(Map.of(), Map.of(), true))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            String.join(
                "\n",
                "pveiso.yaml:1: kernel_args: 'nomodeset' is given twice",
                "pveiso.yaml:1: kernel_args: 'foo=\"a b\"' has a quote: GRUB removes quotes and the"
                    + " kernel would not see them; give the argument unquoted (values with spaces are"
                    + " not supported)",
                "pveiso.yaml:1: kernel_args: 'a$b' has '$', which GRUB reads as a variable; leave it"
                    + " out",
                "pveiso.yaml:1: kernel_args: 'seral:x': 'seral' is not a kind of menu entry; limit an"
                    + " argument with one of automated, graphical, tui, serial, debug, e.g."
                    + " serial:console=ttyS1,115200n8",
                "pveiso.yaml:1: kernel_args: 'console=ttyS0,115200' contradicts serial_console"
                    + " 'ttyS1,115200n8' (pveiso.yaml:3); drop it, or give the same port and speed",
                "pveiso.yaml:1: kernel_args: '#c' starts with '#', which GRUB reads as a comment",
                "pveiso.yaml:1: kernel_args: 'x;y' has ';', which GRUB reads as script syntax; leave"
                    + " it out",
                "pveiso.yaml:1: kernel_args: 'a b' has a blank: give each argument as an item of its"
                    + " own",
                "pveiso.yaml:4: boot_default: 'usb' is not valid; expected one of automated,"
                    + " graphical, tui, serial, debug",
                "pveiso.yaml:5: boot_timeout: '-1' is out of range; expected seconds from 0 (start at"
                    + " once) to 86400"));
  }

  @Test
  void installerFirmwareFollowsTheIsoTargetAndOwnsFirmwareClassPath() throws IOException {
    // on by default with the iso target, but not asked for: a menu it cannot reach is a warning
    BuildSettings defaults = load(Map.of(), Map.of(), false);
    assertThat(defaults.targets()).contains("iso");
    assertThat(defaults.installerFirmware()).isTrue();
    assertThat(defaults.installerFirmwareAsked()).isFalse();
    // on by default, it owns firmware_class.path too
    assertThatThrownBy(
            () ->
                load(Map.of(), Map.of(ConfigKey.KERNEL_ARGS, "firmware_class.path=/opt/fw"), false))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "--kernel-args: kernel_args: 'firmware_class.path=/opt/fw' contradicts"
                + " installer_firmware, which sets firmware_class.path=/cdrom/installer-firmware;"
                + " drop it, or set installer_firmware: false");
    // without the iso target it is off, and firmware_class.path is the user's to set
    BuildSettings noIso =
        load(
            Map.of(),
            Map.of(
                ConfigKey.TARGETS, "system", ConfigKey.KERNEL_ARGS, "firmware_class.path=/opt/fw"),
            false);
    assertThat(noIso.installerFirmware()).isFalse();
    assertThat(noIso.installerFirmwareAsked()).isFalse();
    assertThat(noIso.kernelArgs()).containsExactly("firmware_class.path=/opt/fw");
    BuildSettings asked =
        load(Map.of("PVEISO_INSTALLER_FIRMWARE", "yes"), Map.of(ConfigKey.TARGETS, "iso"), false);
    assertThat(asked.installerFirmware()).isTrue();
    assertThat(asked.installerFirmwareAsked()).isTrue();
    BuildSettings off = load(Map.of(), Map.of(ConfigKey.INSTALLER_FIRMWARE, "false"), false);
    assertThat(off.installerFirmware()).isFalse();
    assertThat(off.installerFirmwareAsked()).isFalse();
    // with installer_firmware off, firmware_class.path is the user's to set
    assertThat(
            load(
                    Map.of(),
                    Map.of(
                        ConfigKey.INSTALLER_FIRMWARE,
                        "false",
                        ConfigKey.KERNEL_ARGS,
                        "firmware_class.path=/opt/fw"),
                    false)
                .kernelArgs())
        .containsExactly("firmware_class.path=/opt/fw");

    Files.writeString(
        configFile,
        String.join(
            "\n",
            "targets: [installer, system]",
            "installer_firmware: true",
            "kernel_args: [nomodeset, 'tui:firmware_class.path=/opt/fw']",
            ""));
    assertThatThrownBy(() -> load(Map.of(), Map.of(), true))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            String.join(
                "\n",
                "pveiso.yaml:2: installer_firmware: is true but targets has no 'iso':"
                    + " /installer-firmware takes its files from /firmware; add iso to targets or"
                    + " set installer_firmware: false",
                "pveiso.yaml:3: kernel_args: 'tui:firmware_class.path=/opt/fw' contradicts"
                    + " installer_firmware, which sets firmware_class.path=/cdrom/installer-firmware;"
                    + " drop it, or set installer_firmware: false"));
  }

  @Test
  void aSerialConsoleGrubCannotReachIsRefused() {
    for (String[] bad :
        List.of(
            new String[] {
              "COM1",
              "'COM1' is not valid; expected port and speed as the kernel's console= takes them,"
                  + " e.g. ttyS1,115200n8"
            },
            new String[] {
              "ttyS4,115200",
              "'ttyS4,115200': GRUB finds only ttyS0 to ttyS3 (COM1 to COM4) by unit; use one of"
                  + " those"
            },
            new String[] {
              "ttyS0,12345",
              "'ttyS0,12345': GRUB's serial driver does not set 12345 bit/s; use one of 2400, 4800,"
                  + " 9600, 19200, 38400, 57600, 115200"
            })) {
      assertThatThrownBy(() -> load(Map.of(), Map.of(ConfigKey.SERIAL_CONSOLE, bad[0]), false))
          .hasMessage("--serial-console: serial_console: " + bad[1]);
    }
  }

  @Test
  void kernelArgumentsFromTextAreSplitAtBlanksNotCommas() {
    BuildSettings settings =
        load(
            Map.of("PVEISO_KERNEL_ARGS", " nomodeset  serial:console=ttyS1,115200n8 "),
            Map.of(ConfigKey.SERIAL_CONSOLE, "ttyS1,115200n8"),
            false);
    assertThat(settings.kernelArgs()).containsExactly("nomodeset", "serial:console=ttyS1,115200n8");
    assertThat(settings.serialConsole()).contains("ttyS1,115200n8");
    assertThat(settings.bootDefault()).isEmpty();
    assertThat(settings.bootTimeout()).isEmpty();
  }

  @Test
  void wrongTypesInTheFile() throws IOException {
    Files.writeString(
        configFile, "include_nvidia: \"true\"\nsource_date_epoch: 1.5\nextra_packages: [1]\n");
    assertThatThrownBy(() -> load(Map.of(), Map.of(), true))
        .hasMessage(
            String.join(
                "\n",
                "pveiso.yaml:1: include_nvidia: expected true or false, got 'true'",
                "pveiso.yaml:3: extra_packages: expected a list of text items, found a number (1)",
                "pveiso.yaml:2: source_date_epoch: expected a whole number, got a number (1.5)"));
  }

  @Test
  void firstBootLargerThanOneMebibyteIsRefused() throws IOException {
    Path big = dir.resolve("big");
    Files.write(big, new byte[1024 * 1024 + 1]);
    assertThatThrownBy(() -> load(Map.of(), Map.of(ConfigKey.FIRST_BOOT, "big"), false))
        .hasMessage(
            "--first-boot: first_boot: file "
                + big
                + " is 1048577 bytes; the installer takes at most 1 MiB (1048576)\n"
                + "--first-boot: first_boot: is run by the automated installer only, but no"
                + " answer_fetch or answer_file is set");
  }

  @Test
  void jsonConfigFilesWork() throws IOException {
    Path json = dir.resolve("p.json");
    Files.writeString(json, "{\n  \"include_amd\": false,\n  \"targets\": [\"iso\"]\n}\n");
    BuildSettings settings =
        new ConfigLoader(listener)
            .load(new ConfigRequest(Optional.of(json), Map.of(), Map.of(), dir));
    assertThat(settings.includeAmd()).isFalse();
    assertThat(settings.get(ConfigKey.TARGETS).origin().where()).isEqualTo("p.json:3");
  }

  @Test
  void brokenYamlIsOneLine() throws IOException {
    Files.writeString(configFile, "targets: [iso\nfoo: : :\n");
    assertThatThrownBy(() -> load(Map.of(), Map.of(), true))
        .isInstanceOf(io.github.pveiso.InvalidInputException.class)
        .hasMessageStartingWith("pveiso.yaml:")
        .hasMessageContaining("not valid YAML")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void missingConfigFile() {
    assertThatThrownBy(() -> load(Map.of(), Map.of(), true))
        .hasMessage("config file " + configFile + " does not exist");
  }

  @Test
  void otherSuffixIsRefused() throws IOException {
    Path toml = Files.writeString(dir.resolve("p.toml"), "x = 1\n");
    assertThatThrownBy(
            () ->
                new ConfigLoader(listener)
                    .load(new ConfigRequest(Optional.of(toml), Map.of(), Map.of(), dir)))
        .hasMessage("config file " + toml + ": unknown format; name it *.yaml, *.yml or *.json");
  }

  @Test
  void aConfigFileOverOneMebibyteIsRefusedBeforeItIsParsed() throws IOException {
    Files.writeString(configFile, "# " + "x".repeat(10 << 20) + "\ntargets: [iso]\n");
    long size = Files.size(configFile);

    assertThatThrownBy(() -> load(Map.of(), Map.of(), true))
        .isInstanceOf(io.github.pveiso.InvalidInputException.class)
        .hasMessage(
            "config file "
                + configFile
                + " is "
                + size
                + " bytes; a config file may have at most 1048576 bytes (1 MiB)");
  }

  @Test
  void aConfigFileOfExactlyOneMebibyteIsRead() throws IOException {
    String head = "targets: [iso]\n";
    String comment = "# " + "x".repeat(61) + "\n"; // 64 bytes
    String tail = "#".repeat((1 << 20) - head.length() - 16000 * 64 - 1) + "\n";
    Files.writeString(configFile, head + comment.repeat(16000) + tail);

    assertThat(Files.size(configFile)).isEqualTo(1 << 20);
    assertThat(load(Map.of(), Map.of(), true).get(ConfigKey.TARGETS).value())
        .isEqualTo(List.of("iso"));
  }

  @Test
  void aFolderAsConfigFileIsTheUsersMistake() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("conf.yaml"));

    assertThatThrownBy(
            () ->
                new ConfigLoader(listener)
                    .load(new ConfigRequest(Optional.of(folder), Map.of(), Map.of(), dir)))
        .isInstanceOf(io.github.pveiso.InvalidInputException.class)
        .hasMessage("config file " + folder + " is a folder; give a file");
  }

  @Test
  void aConfigFileThatIsNotUtf8IsTheUsersMistake() throws IOException {
    Files.write(configFile, new byte[] {'t', ':', ' ', (byte) 0xff, '\n'});

    assertThatThrownBy(() -> load(Map.of(), Map.of(), true))
        .isInstanceOf(io.github.pveiso.InvalidInputException.class)
        .hasMessage("config file " + configFile + " is not UTF-8 text");
  }

  @Test
  void anOutputNameWithANewlineIsRefusedAndShownEscaped() throws IOException {
    Files.writeString(configFile, "output_name: \"a\\nb.iso\"\n");

    assertThatThrownBy(() -> load(Map.of(), Map.of(), true))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "pveiso.yaml:1: output_name: 'a\\nb.iso' contains the control character \\n;"
                + " expected a plain file name ending in .iso");
  }

  @Test
  void anOutputNameWithANulIsRefused() throws IOException {
    Files.writeString(configFile, "output_name: \"a\\0b.iso\"\n");

    assertThatThrownBy(() -> load(Map.of(), Map.of(), true))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "pveiso.yaml:1: output_name: 'a\\u0000b.iso' contains the control character \\u0000;"
                + " expected a plain file name ending in .iso");
  }

  @Test
  void anOutputNameFromTheEnvironmentWithATabIsRefused() {
    assertThatThrownBy(() -> load(Map.of("PVEISO_OUTPUT_NAME", "a\tb.iso"), Map.of(), false))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "PVEISO_OUTPUT_NAME: output_name: 'a\\tb.iso' contains the control character \\t;"
                + " expected a plain file name ending in .iso");
  }

  @Test
  void anOutputNameTooLongForTheSideFilesIsRefused() {
    String name = "x".repeat(197) + ".iso";

    assertThatThrownBy(() -> load(Map.of(), Map.of(ConfigKey.OUTPUT_NAME, name), false))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "--output-name: output_name: '"
                + name
                + "' is 201 bytes long; a file name may have at most 200 (the temporary and side"
                + " files add to it)");
    assertThat(
            load(Map.of(), Map.of(ConfigKey.OUTPUT_NAME, "x".repeat(196) + ".iso"), false)
                .outputName())
        .contains("x".repeat(196) + ".iso");
  }

  @Test
  void aKeyGivenTwiceInTheFileNamesBothLines() throws IOException {
    Files.writeString(
        configFile, "targets: [iso]\ninclude_amd: false\ntargets: [system]\nbuild_arch: [amd64]\n");

    assertThatThrownBy(() -> load(Map.of(), Map.of(), true))
        .isInstanceOf(ConfigException.class)
        .hasMessage("pveiso.yaml:3: 'targets' is given twice, at lines 1 and 3; keep one");
  }

  @Test
  void aKeyGivenTwiceInAJsonFileNamesBothLines() throws IOException {
    Path json = dir.resolve("p.json");
    Files.writeString(json, "{\n  \"include_amd\": false,\n  \"include_amd\": true\n}\n");

    assertThatThrownBy(
            () ->
                new ConfigLoader(listener)
                    .load(new ConfigRequest(Optional.of(json), Map.of(), Map.of(), dir)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("p.json:3: 'include_amd' is given twice, at lines 2 and 3; keep one");
  }

  @Test
  void foldersThatAreFilesOrLieBelowAFileAreRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("plain"), "x");
    Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
    Files.createDirectories(dir.resolve("real"));
    Files.createSymbolicLink(dir.resolve("linked"), dir.resolve("real"));
    Map<ConfigKey, String> flags =
        Map.of(
            ConfigKey.OUTPUT_DIR, "plain",
            ConfigKey.WORK_DIR, "plain/work",
            ConfigKey.FIRMWARE_CACHE, "dangling/cache");

    assertThatThrownBy(() -> load(Map.of(), flags, false))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            String.join(
                "\n",
                "--output-dir: output_dir: "
                    + file
                    + " is not a folder; give a folder (it is made when missing)",
                "--work-dir: work_dir: "
                    + file.resolve("work")
                    + " cannot be made: "
                    + file
                    + " is not a folder",
                "--firmware-cache: firmware_cache: "
                    + dir.resolve("dangling/cache")
                    + " cannot be made: "
                    + dir.resolve("dangling")
                    + " is not a folder"));
    assertThat(load(Map.of(), Map.of(ConfigKey.OUTPUT_DIR, "linked/new/out"), false).outputDir())
        .isEqualTo(dir.resolve("linked/new/out"));
  }

  @Test
  void emptyFileSetsNothing() throws IOException {
    Files.writeString(configFile, "");
    assertThat(load(Map.of(), Map.of(), true).proxmoxVersion()).isEqualTo("9.1");
  }

  @Test
  void firmwarePrecedenceIsProxmoxUnlessDebianIsAskedFor() {
    assertThat(load(Map.of(), Map.of(), false).firmwarePrecedence()).isEqualTo("proxmox");
    assertThat(
            load(Map.of(), Map.of(ConfigKey.FIRMWARE_PRECEDENCE, "debian"), false)
                .firmwarePrecedence())
        .isEqualTo("debian");
    assertThatThrownBy(() -> load(Map.of("PVEISO_FIRMWARE_PRECEDENCE", "ubuntu"), Map.of(), false))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "PVEISO_FIRMWARE_PRECEDENCE: firmware_precedence: 'ubuntu' is not valid; expected"
                + " proxmox or debian");
  }
}
