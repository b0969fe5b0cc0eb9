package io.github.pveiso.proxmox.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The answer files of the test resources (see their README) against their expectations. */
class AnswerValidatorTest {

  @TempDir Path dir;

  static Path resources() throws URISyntaxException {
    return Path.of(
            Objects.requireNonNull(AnswerValidatorTest.class.getResource("README.md")).toURI())
        .getParent();
  }

  static Stream<Path> files(String folder) throws IOException, URISyntaxException {
    try (Stream<Path> list = Files.list(resources().resolve(folder))) {
      return list.filter(p -> p.toString().endsWith(".toml")).sorted().toList().stream();
    }
  }

  static Stream<Path> valid() throws IOException, URISyntaxException {
    return files("valid");
  }

  static Stream<Path> invalid() throws IOException, URISyntaxException {
    return files("invalid");
  }

  /** The {@code # expect:} lines of a file. */
  static List<String> expected(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .filter(l -> l.startsWith("# expect: "))
        .map(l -> l.substring("# expect: ".length()))
        .toList();
  }

  /** A problem as the expectations write it: LINE: KEY: [warning: ]MESSAGE. */
  static String found(AnswerProblem p) {
    return p.line()
        + ": "
        + (p.key().isEmpty() ? "" : p.key() + ": ")
        + (p.isError() ? "" : "warning: ")
        + p.message();
  }

  static AnswerReport check(Path file) {
    return AnswerValidator.validate(file, file.getFileName().toString(), false);
  }

  @Test
  void thereAreAtLeast20ValidAnd25InvalidFiles() throws Exception {
    assertThat(valid().count()).isGreaterThanOrEqualTo(20);
    assertThat(invalid().count()).isGreaterThanOrEqualTo(25);
  }

  @ParameterizedTest
  @MethodSource("valid")
  void aValidFileHasNoErrorAndExactlyItsWarnings(Path file) throws IOException {
    AnswerReport report = check(file);
    assertThat(report.errors()).isEmpty();
    assertThat(report.valid()).isTrue();
    assertThat(report.problems())
        .extracting(AnswerValidatorTest::found)
        .containsExactlyElementsOf(expected(file));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void anInvalidFileHasExactlyItsProblems(Path file) throws IOException {
    AnswerReport report = check(file);
    assertThat(report.valid()).isFalse();
    assertThat(expected(file)).isNotEmpty();
    assertThat(report.problems())
        .extracting(AnswerValidatorTest::found)
        .containsExactlyElementsOf(expected(file));
  }

  @Test
  void everyGroupOfTheInstallersChecksFailsInSomeFile() throws Exception {
    Set<String> checks = new TreeSet<>();
    for (Path file : invalid().toList()) {
      check(file).errors().forEach(p -> checks.add(p.check()));
    }
    assertThat(checks)
        .contains(
            "locale",
            "fs-options",
            "disk-selection",
            "swap",
            "email",
            "password",
            "first-boot",
            "pinning",
            "fqdn",
            "cidr",
            "unknown-key",
            "required",
            "type",
            "value",
            "syntax");
  }

  @Test
  void strictMakesDeprecatedSpellingsErrors() throws Exception {
    Path file = resources().resolve("valid/deprecated-snake-case.toml");
    AnswerReport strict = AnswerValidator.validate(file, "a.toml", true);
    assertThat(strict.valid()).isFalse();
    assertThat(strict.errors()).hasSize(8);
    assertThat(strict.errors().get(0).text())
        .isEqualTo(
            "a.toml:7: global.root_password: deprecated spelling: write 'root-password' (the"
                + " snake_case spellings go away in a future major release)");
    assertThat(check(file).warnings()).hasSize(8);
  }

  @Test
  void saysWhatItCannotCheckWithoutTheTargetMachine() throws Exception {
    assertThat(check(resources().resolve("valid/minimal.toml")).notCheckedLine())
        .isEqualTo(
            "minimal.toml: not checked without the target machine: that disk sda exists; the"
                + " network settings from DHCP");
    assertThat(check(resources().resolve("valid/static-ipv4.toml")).notChecked())
        .containsExactly("that disk sda exists", "which NIC matches network.filter");
    assertThat(check(resources().resolve("valid/fqdn-from-dhcp.toml")).notChecked())
        .contains("the host name and domain from DHCP");
    assertThat(check(resources().resolve("valid/zfs-filter-all.toml")).notChecked())
        .containsExactly("which disks match disk-setup.filter", "the network settings from DHCP");
    assertThat(check(resources().resolve("valid/btrfs-raid10.toml")).notChecked())
        .containsExactly(
            "that disks sda, sdb, sdc, sdd exist",
            "whether the product's installer offers Btrfs",
            "the network settings from DHCP");
  }

  @Test
  void aMissingOrNonUtf8FileIsOneProblem() throws IOException {
    AnswerReport missing = AnswerValidator.validate(dir.resolve("nope.toml"), "nope.toml", false);
    assertThat(missing.problems())
        .extracting(AnswerProblem::text)
        .containsExactly("nope.toml: the file does not exist");
    Path latin1 =
        Files.write(dir.resolve("l.toml"), new byte[] {'a', ' ', '=', ' ', '"', (byte) 0xe9, '"'});
    assertThat(check(latin1).problems())
        .extracting(AnswerProblem::text)
        .containsExactly("l.toml: not UTF-8 text; the installer reads the answer as UTF-8 TOML");
  }

  @Test
  void noMessageShowsASecret() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("s.toml"),
            Files.readString(resources().resolve("valid/webhook.toml"))
                    .replace("root-password = \"12345678\"", "root-password = \"short!\"")
                    .replace("s3cr3t-T0ken_123", "s3cr3t T0ken")
                + "\n");
    AnswerReport report = check(file);
    assertThat(report.errors()).hasSize(2);
    assertThat(report.problems())
        .allSatisfy(p -> assertThat(p.text()).doesNotContain("short!").doesNotContain("T0ken"));
  }

  @Test
  void theFirstBootSourceIsReported() throws Exception {
    assertThat(check(resources().resolve("valid/first-boot-from-iso.toml")).wantsFirstBootFromIso())
        .isTrue();
    assertThat(check(resources().resolve("valid/first-boot-from-url.toml")).wantsFirstBootFromIso())
        .isFalse();
    assertThat(check(resources().resolve("valid/minimal.toml")).firstBootSource()).isEmpty();
  }
}
