package io.github.pveiso.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.config.ConfigKey;
import io.github.pveiso.config.ConfigLoader;
import io.github.pveiso.config.ConfigRequest;
import io.github.pveiso.events.Event;
import io.github.pveiso.iso.IsoEntry;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.Xorriso;
import io.github.pveiso.pipeline.stage.StagedFile;
import io.github.pveiso.proxmox.answer.AutoInstallInfo;
import io.github.pveiso.proxmox.answer.AutoInstallInspector;
import io.github.pveiso.proxmox.answer.Content;
import io.github.pveiso.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the Proxmox-like fixture ISO with an answer and a first-boot script (no packages, so no
 * mirror) and reads the files back from the output: bytes, modes, the manifest's digests, and no
 * secret in any event or side file.
 */
class AutoInstallBuildTest {

  static final String PASSWORD = "pveiso-root-password";
  static final String TOKEN = "pveiso-answer-token";

  static final String ANSWER =
      """
      [global]
      keyboard = "de"
      country = "at"
      fqdn = "pve-1.example.com"
      mailto = "admin@example.com"
      timezone = "Europe/Vienna"
      root-password = "%s"

      [network]
      source = "from-dhcp"

      [disk-setup]
      filesystem = "ext4"
      disk-list = ["sda"]

      [first-boot]
      source = "from-iso"
      ordering = "fully-up"
      """
          .formatted(PASSWORD);

  static final String SCRIPT = "#!/bin/sh\necho 'first boot' > /root/first-boot.txt\n";

  @TempDir static Path dir;
  static final List<Event> events = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void files() throws IOException {
    Files.writeString(dir.resolve("answer.toml"), ANSWER);
    Files.writeString(dir.resolve("first-boot.sh"), SCRIPT);
  }

  /** Settings for one build: no packages (so no mirror), cache and home under {@code home}. */
  static BuildSettings settings(
      Path home, Path iso, Path out, Map<ConfigKey, String> more, Map<String, String> env) {
    Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
    flags.put(ConfigKey.ISO, iso.toString());
    flags.put(ConfigKey.INCLUDE_AMD, "false");
    flags.put(ConfigKey.INCLUDE_INTEL, "false");
    flags.put(ConfigKey.INCLUDE_NVIDIA, "false");
    flags.put(ConfigKey.FIRMWARE_SETS, "");
    flags.put(ConfigKey.OUTPUT_DIR, out.toString());
    flags.put(ConfigKey.WORK_DIR, out.resolve("work").toString());
    flags.put(ConfigKey.FIRMWARE_CACHE, home.resolve("cache").toString());
    flags.put(ConfigKey.SOURCE_DATE_EPOCH, "1700000000");
    flags.putAll(more);
    Map<String, String> environment = new HashMap<>(env);
    environment.put("HOME", home.toString());
    return new ConfigLoader(events::add)
        .load(new ConfigRequest(Optional.empty(), environment, flags, home));
  }

  static Built build(Path iso, Path out, Map<ConfigKey, String> more, Map<String, String> env) {
    return TestBuilds.build(settings(dir, iso, out, more, env), events::add);
  }

  static Map<ConfigKey, String> withAnswer(String writer) {
    return Map.of(
        ConfigKey.ANSWER_FILE, "answer.toml",
        ConfigKey.FIRST_BOOT, "first-boot.sh",
        ConfigKey.ISO_WRITER, writer);
  }

  static byte[] read(IsoImage image, String path) {
    return image.readAllBytes(image.find(path).orElseThrow());
  }

  static int mode(IsoImage image, String path) {
    IsoEntry entry = image.find(path).orElseThrow();
    return entry.mode() & 07777;
  }

  @Test
  void theAnswerAndTheFirstBootScriptAreOnTheOutputWithTheirModes() throws IOException {
    Path out = dir.resolve("out-iso");
    Built built = build(Fixtures.Fixture.MKRESCUE.iso(), out, withAnswer("auto"), Map.of());
    try (IsoImage image = IsoImage.open(built.output())) {
      assertThat(new String(read(image, "/auto-installer-mode.toml"), StandardCharsets.UTF_8))
          .isEqualTo("mode = \"iso\"\npartition_label = \"proxmox-ais\"\n");
      assertThat(read(image, "/answer.toml")).isEqualTo(ANSWER.getBytes(StandardCharsets.UTF_8));
      assertThat(read(image, "/proxmox-first-boot"))
          .isEqualTo(SCRIPT.getBytes(StandardCharsets.UTF_8));
      assertThat(mode(image, "/proxmox-first-boot")).isEqualTo(0755);
      assertThat(mode(image, "/answer.toml")).isEqualTo(0644);
      assertThat(mode(image, "/auto-installer-mode.toml")).isEqualTo(0644);
      assertThat(image.volumeDateUuid()).isEqualTo(Fixtures.Fixture.MKRESCUE.volumeDateUuid());
      AutoInstallInfo info = AutoInstallInspector.read(image, false);
      assertThat(info.mode()).contains("iso");
      assertThat(info.answer().orElseThrow())
          .contains("root-password = \"<redacted>\"")
          .doesNotContain(PASSWORD);
      assertThat(info.answerProblems()).isEmpty();
      assertThat(info.firstBootSize()).contains((long) SCRIPT.length());
    }
    assertThat(built.staged().files())
        .extracting(StagedFile::isoPath, StagedFile::operation, StagedFile::origin)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("/answer.toml", "add", "answer file answer.toml"),
            org.assertj.core.groups.Tuple.tuple(
                "/auto-installer-mode.toml", "add", "pveiso: answer from iso"),
            org.assertj.core.groups.Tuple.tuple(
                "/proxmox-first-boot", "add", "first-boot executable first-boot.sh"));
    String manifest = Files.readString(built.manifest());
    assertThat(manifest)
        .contains("\"autoInstall\" : {")
        .contains(
            "\"answerSha256\" : \""
                + Content.sha256(ANSWER.getBytes(StandardCharsets.UTF_8))
                + "\"")
        .contains(
            "\"firstBootSha256\" : \""
                + Content.sha256(SCRIPT.getBytes(StandardCharsets.UTF_8))
                + "\"")
        .contains("\"mode\" : \"iso\"")
        .doesNotContain(PASSWORD);
    assertNoSecretIn(events);

    Built again =
        build(
            Fixtures.Fixture.MKRESCUE.iso(),
            dir.resolve("out-iso-again"),
            withAnswer("auto"),
            Map.of());
    assertThat(again.sha256()).isEqualTo(built.sha256());
  }

  @Test
  void withABootMenuChangeTheManifestStillRecordsTheAutomatedInstallation() throws IOException {
    Map<ConfigKey, String> more = new EnumMap<>(ConfigKey.class);
    more.putAll(withAnswer("auto"));
    more.put(ConfigKey.BOOT_TIMEOUT, "5");
    Built built = build(Fixtures.Fixture.MKRESCUE.iso(), dir.resolve("out-menu"), more, Map.of());
    assertThat(built.staged().autoInstall()).isPresent();
    assertThat(Files.readString(built.manifest()))
        .contains("\"autoInstall\" : {")
        .contains("\"bootMenu\" : {");
  }

  @Test
  void xorrisoWritesTheModesToo() throws IOException {
    Built built =
        build(
            Fixtures.Fixture.MKRESCUE.iso(),
            dir.resolve("out-xorriso"),
            withAnswer("xorriso"),
            Map.of());
    try (IsoImage image = IsoImage.open(built.output())) {
      assertThat(mode(image, "/proxmox-first-boot")).isEqualTo(0755);
      assertThat(mode(image, "/answer.toml")).isEqualTo(0644);
      assertThat(read(image, "/proxmox-first-boot"))
          .isEqualTo(SCRIPT.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void aRebuildForHttpReplacesTheModeFileAndRemovesTheAnswer() throws IOException {
    Built first =
        build(
            Fixtures.Fixture.MKRESCUE.iso(),
            dir.resolve("out-first"),
            withAnswer("auto"),
            Map.of());
    String fingerprint = "AB:".repeat(31) + "AB";
    Built http =
        build(
            first.output(),
            dir.resolve("out-http"),
            Map.of(
                ConfigKey.ANSWER_FETCH, "http",
                ConfigKey.ANSWER_URL, "https://answers.example.com/pve",
                ConfigKey.ANSWER_CERT_FINGERPRINT, fingerprint),
            Map.of("PVEISO_ANSWER_TOKEN", TOKEN));
    try (IsoImage image = IsoImage.open(http.output())) {
      assertThat(new String(read(image, "/auto-installer-mode.toml"), StandardCharsets.UTF_8))
          .isEqualTo(
              "mode = \"http\"\npartition_label = \"proxmox-ais\"\n\n[http]\n"
                  + "url = \"https://answers.example.com/pve\"\n"
                  + "cert_fingerprint = \""
                  + fingerprint
                  + "\"\ntoken = \""
                  + TOKEN
                  + "\"\n");
      assertThat(image.find("/answer.toml")).isEmpty();
      assertThat(image.find("/proxmox-first-boot")).isEmpty();
      AutoInstallInfo info = AutoInstallInspector.read(image, false);
      assertThat(info.token()).contains("<redacted>");
      assertThat(AutoInstallInspector.read(image, true).token()).contains(TOKEN);
    }
    assertThat(http.staged().files())
        .extracting(StagedFile::isoPath, StagedFile::operation)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("/answer.toml", "remove"),
            org.assertj.core.groups.Tuple.tuple("/auto-installer-mode.toml", "replace"),
            org.assertj.core.groups.Tuple.tuple("/proxmox-first-boot", "remove"));
    String manifest = Files.readString(http.manifest());
    assertThat(manifest)
        .contains(
            "\"tokenSha256\" : \"" + Content.sha256(TOKEN.getBytes(StandardCharsets.UTF_8)) + "\"")
        .contains("\"url\" : \"https://answers.example.com/pve\"")
        .doesNotContain(TOKEN);
    assertNoSecretIn(events);
  }

  @Test
  void partitionModeWritesTheLabel() throws IOException {
    Built built =
        build(
            Fixtures.Fixture.MKRESCUE.iso(),
            dir.resolve("out-partition"),
            Map.of(ConfigKey.ANSWER_FETCH, "partition", ConfigKey.ANSWER_PARTITION_LABEL, "AIS"),
            Map.of());
    try (IsoImage image = IsoImage.open(built.output())) {
      assertThat(new String(read(image, "/auto-installer-mode.toml"), StandardCharsets.UTF_8))
          .isEqualTo("mode = \"partition\"\npartition_label = \"AIS\"\n");
      assertThat(image.find("/answer.toml")).isEmpty();
    }
  }

  static final String NOT_CAPABLE =
      "the source ISO file is not able to be installed automatically: it has no"
          + " /auto-installer-capable (automated installation came with Proxmox VE 8.2);"
          + " use a Proxmox VE 8.2 or newer ISO, or drop answer_file and answer_fetch";

  /** The fixture in a new session without the marker, like an ISO from before Proxmox VE 8.2. */
  static Path notCapable(String name) throws IOException {
    Path notCapable = dir.resolve(name);
    Files.copy(Fixtures.Fixture.MKRESCUE.iso(), notCapable);
    Xorriso.run(
        "-boot_image",
        "any",
        "keep",
        "-dev",
        notCapable.toString(),
        "-rm",
        "/auto-installer-capable",
        "--");
    return notCapable;
  }

  @Test
  void anIsoThatCannotInstallAutomaticallyIsRefused() throws IOException {
    Path notCapable = notCapable("not-capable.iso");
    assertThatThrownBy(
            () -> build(notCapable, dir.resolve("out-refused"), withAnswer("auto"), Map.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(NOT_CAPABLE);
    assertThat(dir.resolve("out-refused").resolve("not-capable-pveiso.iso")).doesNotExist();
  }

  @Test
  void theRefusalComesBeforeAnyPackageIsDownloaded() throws IOException {
    Path notCapable = notCapable("not-capable-packages.iso");
    Map<ConfigKey, String> more = new EnumMap<>(ConfigKey.class);
    more.putAll(withAnswer("auto"));
    more.put(ConfigKey.EXTRA_PACKAGES, "firmware-misc-nonfree");
    // nothing listens there: asking it for anything fails with an I/O error, not this refusal
    more.put(ConfigKey.DEBIAN_MIRROR, "http://127.0.0.1:9/debian");
    assertThatThrownBy(() -> build(notCapable, dir.resolve("out-refused-early"), more, Map.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(NOT_CAPABLE);
  }

  static void assertNoSecretIn(List<Event> events) {
    assertThat(events).isNotEmpty();
    assertThat(events)
        .allSatisfy(e -> assertThat(e.toString()).doesNotContain(PASSWORD).doesNotContain(TOKEN));
  }
}
