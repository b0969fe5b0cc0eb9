package io.github.pveiso.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.events.Event;
import io.github.pveiso.proxmox.answer.FetchMode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The automated-installation keys: each with the fetch mode that uses it, all problems at once. */
class AutoInstallConfigTest {

  /** A valid minimal answer. */
  static final String ANSWER =
      """
      [global]
      keyboard = "de"
      country = "at"
      fqdn = "pve-1.example.com"
      mailto = "admin@example.com"
      timezone = "Europe/Vienna"
      root-password = "12345678"

      [network]
      source = "from-dhcp"

      [disk-setup]
      filesystem = "ext4"
      disk-list = ["sda"]
      """;

  static final String FINGERPRINT = "AB:".repeat(31) + "AB";

  @TempDir Path dir;
  final List<Event> events = new ArrayList<>();

  @BeforeEach
  void files() throws IOException {
    Files.writeString(dir.resolve("answer.toml"), ANSWER);
    Files.writeString(
        dir.resolve("wants-first-boot.toml"), ANSWER + "\n[first-boot]\nsource = \"from-iso\"\n");
    Files.writeString(dir.resolve("first-boot.sh"), "#!/bin/sh\necho hello\n");
    Files.writeString(dir.resolve("token"), "s3cret-token\n");
  }

  BuildSettings load(Map<String, String> env, Map<ConfigKey, String> flags) {
    return new ConfigLoader(events::add).load(new ConfigRequest(Optional.empty(), env, flags, dir));
  }

  BuildSettings load(Map<ConfigKey, String> flags) {
    return load(Map.of(), flags);
  }

  static Map<ConfigKey, String> flags(Object... pairs) {
    Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
    for (int i = 0; i < pairs.length; i += 2) {
      flags.put((ConfigKey) pairs[i], (String) pairs[i + 1]);
    }
    return flags;
  }

  @Test
  void nothingSetMeansNoAutomatedInstallation() {
    BuildSettings settings = load(Map.of());
    assertThat(settings.answerFetch()).isEmpty();
    assertThat(settings.answerPartitionLabel()).isEqualTo("proxmox-ais");
  }

  @Test
  void anAnswerFileAloneMeansIsoAndIsCheckedWhenTheConfigurationIsRead() {
    BuildSettings settings = load(flags(ConfigKey.ANSWER_FILE, "answer.toml"));
    assertThat(settings.answerFetch()).contains(FetchMode.ISO);
    assertThat(settings.answerFile()).contains(dir.resolve("answer.toml"));
  }

  @Test
  void httpTakesUrlFingerprintAndTokenFromTheEnvironment() {
    BuildSettings settings =
        load(
            Map.of("PVEISO_ANSWER_TOKEN", "s3cret-token"),
            flags(
                ConfigKey.ANSWER_FETCH, "http",
                ConfigKey.ANSWER_URL, "https://answers.example.com/pve",
                ConfigKey.ANSWER_CERT_FINGERPRINT, FINGERPRINT));
    assertThat(settings.answerFetch()).contains(FetchMode.HTTP);
    assertThat(settings.answerUrl()).contains(URI.create("https://answers.example.com/pve"));
    assertThat(settings.answerCertFingerprint()).contains(FINGERPRINT);
    assertThat(settings.answerToken()).contains("s3cret-token");
    assertThat(settings.get(ConfigKey.ANSWER_TOKEN).toString())
        .isEqualTo("Setting[key=ANSWER_TOKEN, value=(secret), origin=PVEISO_ANSWER_TOKEN]")
        .doesNotContain("s3cret");
    assertThat(settings.toString()).doesNotContain("s3cret");
  }

  @Test
  void partitionTakesALabel() {
    BuildSettings settings =
        load(flags(ConfigKey.ANSWER_FETCH, "partition", ConfigKey.ANSWER_PARTITION_LABEL, "AIS"));
    assertThat(settings.answerFetch()).contains(FetchMode.PARTITION);
    assertThat(settings.answerPartitionLabel()).isEqualTo("AIS");
  }

  @Test
  void httpWithoutUrlAnAnswerFileWithHttpAndALabelWithoutPartitionAtOnce() {
    assertThatThrownBy(
            () ->
                load(
                    flags(
                        ConfigKey.ANSWER_FETCH, "http",
                        ConfigKey.ANSWER_FILE, "answer.toml",
                        ConfigKey.ANSWER_PARTITION_LABEL, "AIS")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            String.join(
                "\n",
                "--answer-partition-label: answer_partition_label: is only used with answer_fetch"
                    + " partition, but answer_fetch is http",
                "--answer-fetch: answer_fetch: is http but answer_url is not set; set answer_url to"
                    + " the answer server (pveiso does not build ISOs that look the server up"
                    + " through DHCP or DNS)",
                "--answer-file: answer_file: goes on the ISO only with answer_fetch iso; with http"
                    + " the installer takes its answer from the server, so drop answer_file or set"
                    + " answer_fetch: iso"));
  }

  @Test
  void urlFingerprintAndTokenWithoutHttpAndABadFingerprintAtOnce() {
    assertThatThrownBy(
            () ->
                load(
                    Map.of("PVEISO_ANSWER_TOKEN", "s3cret-token"),
                    flags(
                        ConfigKey.ANSWER_FILE, "answer.toml",
                        ConfigKey.ANSWER_URL, "https://answers.example.com/",
                        ConfigKey.ANSWER_CERT_FINGERPRINT, "AB:CD",
                        ConfigKey.ANSWER_TOKEN_FILE, "token")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            String.join(
                "\n",
                "--answer-url: answer_url: is only used with answer_fetch http, but answer_fetch is"
                    + " iso",
                "--answer-cert-fingerprint: answer_cert_fingerprint: is only used with answer_fetch"
                    + " http, but answer_fetch is iso",
                "PVEISO_ANSWER_TOKEN: answer_token: is only used with answer_fetch http, but"
                    + " answer_fetch is iso",
                "--answer-token-file: answer_token_file: is only used with answer_fetch http, but"
                    + " answer_fetch is iso",
                "--answer-token-file: answer_token_file: and answer_token are both set; keep one",
                "--answer-cert-fingerprint: answer_cert_fingerprint: 'AB:CD' is not a SHA-256"
                    + " certificate fingerprint; expected 32 hex bytes, colon-separated like"
                    + " 'AB:CD:...:EF' (openssl x509 -noout -fingerprint -sha256 -in CERT prints"
                    + " it)"));
  }

  @Test
  void aFingerprintIs32HexBytesWithOrWithoutColons() {
    for (String ok : List.of(FINGERPRINT, "ab".repeat(32), "0a:".repeat(31) + "ff")) {
      load(
          flags(
              ConfigKey.ANSWER_FETCH, "http",
              ConfigKey.ANSWER_URL, "http://10.0.0.1/",
              ConfigKey.ANSWER_CERT_FINGERPRINT, ok));
    }
    for (String bad :
        List.of(
            "AB".repeat(31), "AB:".repeat(32) + "AB", "AB:CD" + "EF".repeat(30), "zz".repeat(32))) {
      assertThatThrownBy(
              () ->
                  load(
                      flags(
                          ConfigKey.ANSWER_FETCH, "http",
                          ConfigKey.ANSWER_URL, "http://10.0.0.1/",
                          ConfigKey.ANSWER_CERT_FINGERPRINT, bad)))
          .hasMessageContaining("is not a SHA-256 certificate fingerprint");
    }
  }

  @Test
  void firstBootAndTheAnswerMustAgree() {
    assertThatThrownBy(() -> load(flags(ConfigKey.ANSWER_FILE, "wants-first-boot.toml")))
        .hasMessage(
            "--answer-file: answer_file: "
                + dir.resolve("wants-first-boot.toml")
                + " asks for /proxmox-first-boot ([first-boot] source = \"from-iso\") but"
                + " first_boot is not set; set first_boot to the executable");
    assertThatThrownBy(
            () ->
                load(
                    flags(
                        ConfigKey.ANSWER_FILE, "answer.toml",
                        ConfigKey.FIRST_BOOT, "first-boot.sh")))
        .hasMessage(
            "--first-boot: first_boot: "
                + dir.resolve("answer.toml")
                + " does not ask for the first_boot executable; add [first-boot] with source ="
                + " \"from-iso\" to it, or drop first_boot");
    BuildSettings ok =
        load(
            flags(
                ConfigKey.ANSWER_FILE, "wants-first-boot.toml",
                ConfigKey.FIRST_BOOT, "first-boot.sh"));
    assertThat(ok.firstBoot()).contains(dir.resolve("first-boot.sh"));
  }

  @Test
  void theAnswersOwnProblemsAreConfigurationErrorsAndItsWarningsAreWarnings() throws IOException {
    Files.writeString(dir.resolve("bad.toml"), ANSWER.replace("\"de\"", "\"xx\""));
    assertThatThrownBy(() -> load(flags(ConfigKey.ANSWER_FILE, "bad.toml")))
        .hasMessage(
            "--answer-file: answer_file: "
                + dir.resolve("bad.toml")
                + ":2: global.keyboard: keyboard layout 'xx' is not valid; expected one of: de,"
                + " de-ch, dk, en-gb, en-us, es, fi, fr, fr-be, fr-ca, fr-ch, hu, is, it, jp, lt,"
                + " mk, nl, no, pl, pt, pt-br, se, si, tr");
    Files.writeString(dir.resolve("old.toml"), ANSWER.replace("disk-list", "disk_list"));
    load(flags(ConfigKey.ANSWER_FILE, "old.toml"));
    assertThat(events)
        .containsExactly(
            new Event.Log(
                Event.Level.WARN,
                dir.resolve("old.toml")
                    + ":14: disk-setup.disk_list: warning: deprecated spelling: write"
                    + " 'disk-list' (the snake_case spellings go away in a future major"
                    + " release)"));
  }

  @Test
  void valuesOfTheirOwn() throws IOException {
    Files.writeString(dir.resolve("not-executable"), "echo no shebang\n");
    Files.writeString(dir.resolve("empty-token"), "\nsecond line\n");
    assertThatThrownBy(
            () ->
                load(
                    Map.of("PVEISO_ANSWER_TOKEN", "two words"),
                    flags(
                        ConfigKey.ANSWER_FETCH, "ftp",
                        ConfigKey.FIRST_BOOT, "not-executable")))
        .hasMessage(
            String.join(
                "\n",
                "--first-boot: first_boot: file "
                    + dir.resolve("not-executable")
                    + " cannot be run by the installed system: it starts with neither '#!' (a"
                    + " script) nor an ELF header (a program)",
                "--answer-fetch: answer_fetch: 'ftp' is not valid; expected iso, http or"
                    + " partition"));
    assertThatThrownBy(
            () ->
                load(
                    Map.of("PVEISO_ANSWER_TOKEN", "two words"),
                    flags(
                        ConfigKey.ANSWER_FETCH, "http",
                        ConfigKey.ANSWER_URL, "file:///srv/answer.toml")))
        .hasMessage(
            String.join(
                "\n",
                "--answer-url: answer_url: 'file:///srv/answer.toml' is not an http or https URL",
                "PVEISO_ANSWER_TOKEN: answer_token: not usable as a bearer token: it must not be"
                    + " empty or hold spaces, control characters or characters outside ASCII"));
    assertThatThrownBy(
            () ->
                load(
                    flags(
                        ConfigKey.ANSWER_FETCH, "http",
                        ConfigKey.ANSWER_URL, "http://10.0.0.1/",
                        ConfigKey.ANSWER_TOKEN_FILE, "empty-token")))
        .hasMessage(
            "--answer-token-file: answer_token_file: the first line of "
                + dir.resolve("empty-token")
                + " is not usable as a bearer token: it must not be empty or hold spaces, control"
                + " characters or characters outside ASCII");
    assertThatThrownBy(
            () ->
                load(
                    flags(
                        ConfigKey.ANSWER_FETCH, "partition",
                        ConfigKey.ANSWER_PARTITION_LABEL, "my answers")))
        .hasMessage(
            "--answer-partition-label: answer_partition_label: 'my answers' is not valid;"
                + " expected a file system label of 1 to 16 letters, digits, '.', '_' or '-'");
    assertThatThrownBy(() -> load(flags(ConfigKey.ANSWER_FETCH, "iso")))
        .hasMessage(
            "--answer-fetch: answer_fetch: is iso but neither answer_file nor answer_dir is set;"
                + " name the answer to put on the ISO");
  }

  @Test
  void noProblemShowsTheToken() {
    assertThatThrownBy(
            () ->
                load(
                    Map.of("PVEISO_ANSWER_TOKEN", "s3cret token"),
                    flags(ConfigKey.ANSWER_FETCH, "partition")))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
  }

  @Test
  void theTokenHasNoFlag() {
    assertThat(ConfigKey.ANSWER_TOKEN.secret()).isTrue();
    assertThat(ConfigReference.markdown())
        .contains("| `answer_token` | `PVEISO_ANSWER_TOKEN` | (none: a secret) | string |");
    assertThat(java.util.Arrays.stream(ConfigKey.values()).filter(ConfigKey::secret).toList())
        .containsExactly(ConfigKey.ANSWER_TOKEN);
  }

  @Test
  void theTokenFileIsRead() {
    BuildSettings settings =
        load(
            flags(
                ConfigKey.ANSWER_FETCH, "http",
                ConfigKey.ANSWER_URL, "http://10.0.0.1/",
                ConfigKey.ANSWER_TOKEN_FILE, "token"));
    assertThat(settings.answerTokenFile()).contains(dir.resolve("token"));
    assertThat(events).isEmpty();
  }

  /** A folder {@code name} under the test's folder with {@code files} (name to content). */
  Path answers(String name, Map<String, String> files) throws IOException {
    Path folder = Files.createDirectories(dir.resolve(name));
    for (Map.Entry<String, String> f : files.entrySet()) {
      Files.writeString(folder.resolve(f.getKey()), f.getValue());
    }
    return folder;
  }

  @Test
  void anAnswerDirAloneMeansIso() throws IOException {
    answers("nodes", Map.of("pve-1.toml", ANSWER, "pve-2.toml", ANSWER, "README", "notes\n"));
    BuildSettings settings = load(flags(ConfigKey.ANSWER_DIR, "nodes"));
    assertThat(settings.answerFetch()).contains(FetchMode.ISO);
    assertThat(settings.answerDir()).contains(dir.resolve("nodes"));
    assertThat(settings.answerFile()).isEmpty();
  }

  @Test
  void anAnswerDirWithAnAnswerFileOrAnotherModeIsAnError() throws IOException {
    answers("nodes", Map.of("pve-1.toml", ANSWER));
    assertThatThrownBy(
            () -> load(flags(ConfigKey.ANSWER_DIR, "nodes", ConfigKey.ANSWER_FILE, "answer.toml")))
        .hasMessage(
            "--answer-dir: answer_dir: and answer_file are both set; keep one (answer_file makes"
                + " one ISO, answer_dir one per answer file in it)");
    assertThatThrownBy(
            () ->
                load(
                    flags(
                        ConfigKey.ANSWER_DIR, "nodes",
                        ConfigKey.ANSWER_FETCH, "http",
                        ConfigKey.ANSWER_URL, "https://answers.example.com/pve")))
        .hasMessage(
            "--answer-dir: answer_dir: puts its answers on the ISOs, which needs answer_fetch"
                + " iso, not http; drop answer_dir or set answer_fetch: iso");
  }

  @Test
  void anAnswerDirMustBeAFolderWithAnswers() throws IOException {
    assertThatThrownBy(() -> load(flags(ConfigKey.ANSWER_DIR, "missing")))
        .hasMessage(
            "--answer-dir: answer_dir: folder " + dir.resolve("missing") + " does not exist");
    assertThatThrownBy(() -> load(flags(ConfigKey.ANSWER_DIR, "answer.toml")))
        .hasMessage(
            "--answer-dir: answer_dir: "
                + dir.resolve("answer.toml")
                + " is not a folder; give the folder that holds one answer file per node");
    answers("empty", Map.of("notes.txt", "no answers\n", ".hidden.toml", ANSWER));
    Files.createDirectories(dir.resolve("empty/sub.toml"));
    assertThatThrownBy(() -> load(flags(ConfigKey.ANSWER_DIR, "empty")))
        .hasMessage(
            "--answer-dir: answer_dir: folder "
                + dir.resolve("empty")
                + " holds no answer file (*.toml); put one per node in it");
  }

  @Test
  void everyAnswerInTheDirIsCheckedWithAllItsProblemsNamingTheFile() throws IOException {
    Path nodes =
        answers(
            "nodes",
            Map.of(
                "a-good.toml",
                ANSWER,
                "b-bad.toml",
                ANSWER.replace("\"de\"", "\"xx\"").replace("\"12345678\"", "\"short\""),
                "c bad name.toml",
                ANSWER,
                "d-wants-first-boot.toml",
                ANSWER + "\n[first-boot]\nsource = \"from-iso\"\n"));
    assertThatThrownBy(() -> load(flags(ConfigKey.ANSWER_DIR, "nodes")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            String.join(
                "\n",
                "--answer-dir: answer_dir: "
                    + nodes.resolve("b-bad.toml")
                    + ":2: global.keyboard: keyboard layout 'xx' is not valid; expected one of: de,"
                    + " de-ch, dk, en-gb, en-us, es, fi, fr, fr-be, fr-ca, fr-ch, hu, is, it, jp,"
                    + " lt, mk, nl, no, pl, pt, pt-br, se, si, tr",
                "--answer-dir: answer_dir: "
                    + nodes.resolve("b-bad.toml")
                    + ":7: global.root-password: `global.root-password` must be at least 8"
                    + " characters long (bytes of UTF-8)",
                "--answer-dir: answer_dir: "
                    + nodes.resolve("c bad name.toml")
                    + ": the name 'c bad name' goes into the output's file name; name the file"
                    + " with 1 to 64 letters, digits, '.', '_', '+' or '-' (starting with a letter"
                    + " or digit) before .toml",
                "--answer-dir: answer_dir: "
                    + nodes.resolve("d-wants-first-boot.toml")
                    + " asks for /proxmox-first-boot ([first-boot] source = \"from-iso\") but"
                    + " first_boot is not set; set first_boot to the executable"));
  }

  @Test
  void withFirstBootEveryAnswerMustAskForIt() throws IOException {
    Path nodes =
        answers(
            "nodes",
            Map.of("a.toml", ANSWER + "\n[first-boot]\nsource = \"from-iso\"\n", "b.toml", ANSWER));
    assertThatThrownBy(
            () -> load(flags(ConfigKey.ANSWER_DIR, "nodes", ConfigKey.FIRST_BOOT, "first-boot.sh")))
        .hasMessage(
            "--first-boot: first_boot: "
                + nodes.resolve("b.toml")
                + " does not ask for the first_boot executable; add [first-boot] with source ="
                + " \"from-iso\" to it, or drop first_boot");
  }
}
