package io.github.pveiso.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pveiso.proxmox.answer.AnswerValidator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswerCommandTest {

  @TempDir Path dir;

  static final String VALID =
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

  @BeforeEach
  void files() throws IOException {
    Files.writeString(dir.resolve("good.toml"), VALID);
    Files.writeString(
        dir.resolve("bad.toml"),
        VALID.replace("\"de\"", "\"de-at\"").replace("\"12345678\"", "\"short\""));
    Files.writeString(dir.resolve("old.toml"), VALID.replace("disk-list", "disk_list"));
  }

  CliRun run(String... args) {
    return CliRun.run(dir, Map.of(), args);
  }

  @Test
  void aValidFileExitsZeroAndSaysWhatItCouldNotCheck() {
    CliRun run = run("answer", "validate", "good.toml");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .isEqualTo(
            "good.toml: valid\n"
                + "good.toml: not checked without the target machine: that disk sda exists; the"
                + " network settings from DHCP\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void everyProblemOfEveryFileThenExit2() {
    CliRun run = run("answer", "validate", "bad.toml", "good.toml", "missing.toml");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out())
        .isEqualTo(
            "bad.toml:2: global.keyboard: keyboard layout 'de-at' is not valid; expected one of:"
                + " de, de-ch, dk, en-gb, en-us, es, fi, fr, fr-be, fr-ca, fr-ch, hu, is, it, jp,"
                + " lt, mk, nl, no, pl, pt, pt-br, se, si, tr\n"
                + "bad.toml:7: global.root-password: `global.root-password` must be at least 8"
                + " characters long (bytes of UTF-8)\n"
                + "bad.toml: invalid: 2 errors\n"
                + "bad.toml: not checked without the target machine: that disk sda exists; the"
                + " network settings from DHCP\n"
                + "good.toml: valid\n"
                + "good.toml: not checked without the target machine: that disk sda exists; the"
                + " network settings from DHCP\n"
                + "missing.toml: the file does not exist\n"
                + "missing.toml: invalid: 1 error\n");
  }

  @Test
  void deprecatedKeysWarnAndFailOnlyWithStrict() {
    CliRun lenient = run("answer", "validate", "old.toml");
    assertThat(lenient.exitCode()).isZero();
    assertThat(lenient.out())
        .startsWith(
            "old.toml:14: disk-setup.disk_list: warning: deprecated spelling: write 'disk-list'"
                + " (the snake_case spellings go away in a future major release)\n"
                + "old.toml: valid, 1 warning\n");
    CliRun strict = run("answer", "validate", "--strict", "old.toml");
    assertThat(strict.exitCode()).isEqualTo(2);
    assertThat(strict.out())
        .startsWith(
            "old.toml:14: disk-setup.disk_list: deprecated spelling: write 'disk-list' (the"
                + " snake_case spellings go away in a future major release)\n"
                + "old.toml: invalid: 1 error\n");
  }

  @Test
  void jsonGivesTheProblemsAsData() throws IOException {
    CliRun run = run("--json", "answer", "validate", "bad.toml", "good.toml");
    assertThat(run.exitCode()).isEqualTo(2);
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertThat(doc.get("command").asText()).isEqualTo("pveiso answer validate");
    assertThat(doc.get("ok").asBoolean()).isFalse();
    assertThat(doc.get("exitCode").asInt()).isEqualTo(2);
    JsonNode bad = doc.at("/result/files/0");
    assertThat(bad.get("file").asText()).isEqualTo("bad.toml");
    assertThat(bad.get("valid").asBoolean()).isFalse();
    assertThat(bad.get("errors").asInt()).isEqualTo(2);
    JsonNode keyboard = bad.at("/problems/0");
    assertThat(keyboard.get("severity").asText()).isEqualTo("error");
    assertThat(keyboard.get("line").asInt()).isEqualTo(2);
    assertThat(keyboard.get("key").asText()).isEqualTo("global.keyboard");
    assertThat(keyboard.get("check").asText()).isEqualTo("locale");
    assertThat(keyboard.get("allowed")).hasSize(25);
    assertThat(doc.at("/result/files/1/valid").asBoolean()).isTrue();
    assertThat(doc.at("/result/files/1/notChecked/0").asText()).isEqualTo("that disk sda exists");
    assertThat(doc.at("/result/valid").asBoolean()).isFalse();
    // the text still goes to stderr
    assertThat(run.err()).contains("bad.toml: invalid: 2 errors\n");
  }

  @Test
  void initPrintsAFileThatOnlyItsPlaceholdersKeepFromBeingValid() throws IOException {
    CliRun run = run("answer", "init");
    assertThat(run.exitCode()).isZero();
    Path file = Files.writeString(dir.resolve("answer.toml"), run.out());
    CliRun check = run("answer", "validate", "answer.toml");
    assertThat(check.exitCode()).isEqualTo(2);
    assertThat(check.out())
        .startsWith(
            "answer.toml:11: global.mailto: Invalid (default) email address"
                + " 'mail@example.invalid': it is the installer's placeholder; set the address"
                + " that should get root's mail\n"
                + "answer.toml:14: global.root-password-hashed: `global.root-password-hashed` is"
                + " not a crypt(3) hash; expected '$6$<salt>$<hash>' as 'pveiso answer"
                + " hash-password' or mkpasswd print it\n"
                + "answer.toml: invalid: 2 errors\n");
    String filled =
        run.out()
            .replace("mail@example.invalid", "admin@example.com")
            .replace(
                "replace with the output of: pveiso answer hash-password",
                CliRun.withInput(
                        dir,
                        "a good password\n".getBytes(StandardCharsets.UTF_8),
                        "answer",
                        "hash-password")
                    .out()
                    .strip());
    assertThat(
            AnswerValidator.validate("answer.toml", filled.getBytes(StandardCharsets.UTF_8), true)
                .problems())
        .isEmpty();
    assertThat(file).exists();
  }

  @Test
  void hashPasswordReadsStandardInputAndMatchesOpenssl() throws Exception {
    Path openssl = Path.of("/usr/bin/openssl");
    assumeTrue(
        Files.isExecutable(openssl),
        "openssl is not installed (Debian package openssl): nothing to compare SHA-512 crypt with");
    CliRun run =
        CliRun.withInput(
            dir,
            "pässwörd 123\n".getBytes(StandardCharsets.UTF_8),
            "answer",
            "hash-password",
            "--salt",
            "pveisoSalt");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(openssl("pässwörd 123", "pveisoSalt") + "\n");
  }

  @Test
  void hashPasswordMakesARandomSaltAndRefusesShortOrMissingPasswords() {
    CliRun one =
        CliRun.withInput(
            dir, "password1\r\n".getBytes(StandardCharsets.UTF_8), "answer", "hash-password");
    CliRun two =
        CliRun.withInput(
            dir, "password1".getBytes(StandardCharsets.UTF_8), "answer", "hash-password");
    assertThat(one.out()).matches("\\$6\\$[./0-9A-Za-z]{16}\\$[./0-9A-Za-z]{86}\n");
    assertThat(two.out()).isNotEqualTo(one.out());
    CliRun none = CliRun.withInput(dir, new byte[0], "answer", "hash-password");
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err())
        .isEqualTo(
            "pveiso: no password on standard input; pipe it in (printf '%s\\n' \"$PW\" | pveiso"
                + " answer hash-password) or run it in a terminal to be asked\n");
    CliRun shortOne =
        CliRun.withInput(
            dir, "1234567\n".getBytes(StandardCharsets.UTF_8), "answer", "hash-password");
    assertThat(shortOne.exitCode()).isEqualTo(2);
    assertThat(shortOne.err())
        .isEqualTo(
            "pveiso: the password has fewer than 8 bytes; the installer wants at least 8"
                + " characters (bytes of UTF-8) for root's password\n");
    assertThat(shortOne.out() + shortOne.err()).doesNotContain("1234567");
  }

  @Test
  void hashPasswordTakesNoPasswordArgument() {
    CliRun run = run("answer", "hash-password", "secret123");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("pveiso: Unmatched argument at index 2: 'secret123'\n");
  }

  static String openssl(String password, String salt) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("openssl", "passwd", "-6", "-salt", salt, "-stdin")
            .redirectErrorStream(true)
            .start();
    try (OutputStream in = p.getOutputStream()) {
      in.write((password + "\n").getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }
}
