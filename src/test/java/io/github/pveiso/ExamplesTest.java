package io.github.pveiso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.config.ConfigException;
import io.github.pveiso.config.ConfigKey;
import io.github.pveiso.config.ConfigLoader;
import io.github.pveiso.config.ConfigRequest;
import io.github.pveiso.events.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The configuration files the README and the release archive ship: {@code pveiso.yaml} (the
 * README's main command reads it) names every key, and it and every file in {@code examples/} load
 * without a problem or a warning.
 */
class ExamplesTest {

  private static final Path ROOT_CONFIG = Path.of("pveiso.yaml").toAbsolutePath();
  private static final Path EXAMPLES = Path.of("examples").toAbsolutePath();

  @TempDir Path dir;

  private final List<Event> events = new ArrayList<>();

  @Test
  void theRootConfigNamesEveryKeySetOrCommentedOut() throws IOException {
    String text = Files.readString(ROOT_CONFIG);
    List<String> missing =
        Stream.of(ConfigKey.values())
            .map(ConfigKey::fileKey)
            .filter(
                key ->
                    !Pattern.compile("^(# )?" + key + ":", Pattern.MULTILINE).matcher(text).find())
            .toList();
    assertThat(missing).as("keys missing from pveiso.yaml").isEmpty();
  }

  @Test
  void theRootConfigLoadsAndSetsEveryKeyToItsDefault() {
    // run from the repository root, as the README's command is: the file's relative paths then
    // resolve to the same folders as the defaults' do
    Path here = ROOT_CONFIG.getParent();
    BuildSettings fromFile = load(Optional.of(ROOT_CONFIG), here);
    BuildSettings defaults = load(Optional.empty(), here);
    for (ConfigKey key : ConfigKey.values()) {
      assertThat(fromFile.get(key).value()).as(key.fileKey()).isEqualTo(defaults.get(key).value());
    }
    assertThat(events).isEmpty();
  }

  static List<String> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .sorted()
          .toList();
    }
  }

  @Test
  void theExamplesCoverEachUse() throws IOException {
    assertThat(examples())
        .contains(
            "seed-defaults.yaml",
            "system-firmware.yaml",
            "microcode-only.yaml",
            "arm64.yaml",
            "automated-install.yaml");
  }

  /**
   * Each example loads without a problem or a warning. An example that names a local ISO (one the
   * user brings, as for arm64) gets an empty file of that name beside its copy.
   */
  @ParameterizedTest
  @MethodSource("examples")
  void anExampleLoadsWithoutProblems(String name) throws IOException {
    String text = Files.readString(EXAMPLES.resolve(name));
    Path copy = Files.writeString(dir.resolve(name), text);
    copyFilledAnswerFile(text);
    Matcher iso = Pattern.compile("^iso: (\\S+)$", Pattern.MULTILINE).matcher(text);
    if (iso.find()) {
      Files.createFile(dir.resolve(iso.group(1)));
    }
    BuildSettings settings = load(Optional.of(copy), dir);
    assertThat(settings.outputDir()).isEqualTo(dir.resolve("output"));
    assertThat(events).isEmpty();
    assertThat(text).as("the example says how to run it").contains("--config examples/" + name);
  }

  @Test
  void theArm64ExampleBuildsForArm64WithoutX86Microcode() throws IOException {
    Path copy = Files.copy(EXAMPLES.resolve("arm64.yaml"), dir.resolve("arm64.yaml"));
    Files.createFile(dir.resolve("proxmox-ve_9.1-arm64.iso"));
    BuildSettings settings = load(Optional.of(copy), dir);
    assertThat(settings.buildArch()).containsExactly("arm64");
    assertThat(settings.iso()).contains(dir.resolve("proxmox-ve_9.1-arm64.iso"));
    assertThat(settings.effectiveFirmwareSets()).containsExactly("freeware", "amd");
  }

  @Test
  void theMicrocodeExampleAddsOnlyTheTwoMicrocodePackages() throws IOException {
    Path copy = Files.copy(EXAMPLES.resolve("microcode-only.yaml"), dir.resolve("m.yaml"));
    BuildSettings settings = load(Optional.of(copy), dir);
    assertThat(settings.effectiveFirmwareSets()).isEmpty();
    assertThat(settings.extraPackages()).containsExactly("intel-microcode", "amd64-microcode");
    assertThat(settings.targets()).containsExactly("installer", "system");
  }

  @Test
  void theSystemFirmwareExampleTargetsOnlyTheInstalledSystem() throws IOException {
    Path copy = Files.copy(EXAMPLES.resolve("system-firmware.yaml"), dir.resolve("s.yaml"));
    assertThat(load(Optional.of(copy), dir).targets()).containsExactly("system");
  }

  @Test
  void theAutomatedInstallExampleIsRefusedUntilItsTwoPlaceholdersAreReplaced() throws IOException {
    String text = Files.readString(EXAMPLES.resolve("automated-install.yaml"));
    Path copy = Files.writeString(dir.resolve("a.yaml"), text);
    Files.copy(
        EXAMPLES.resolve("automated-install.answer.toml"),
        dir.resolve("automated-install.answer.toml"));
    assertThatThrownBy(() -> load(Optional.of(copy), dir))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "automated-install.answer.toml:11: global.mailto: Invalid (default) email address")
        .hasMessageContaining(
            "automated-install.answer.toml:14: global.root-password-hashed: `global.root-password-hashed`"
                + " is not a crypt(3) hash");
    copyFilledAnswerFile(text);
    BuildSettings settings = load(Optional.of(copy), dir);
    assertThat(settings.answerFile()).contains(dir.resolve("automated-install.answer.toml"));
  }

  /**
   * Copies the answer file an example names beside its copy, its two placeholders replaced as the
   * example tells the user to.
   */
  private void copyFilledAnswerFile(String exampleText) throws IOException {
    Matcher answer =
        Pattern.compile("^answer_file: (\\S+)$", Pattern.MULTILINE).matcher(exampleText);
    if (!answer.find()) {
      return;
    }
    String toml = Files.readString(EXAMPLES.resolve(answer.group(1)));
    toml =
        toml.replace("mail@example.invalid", "root@example.com")
            .replace(
                "replace with the output of: pveiso answer hash-password",
                "$6$abcdefgh$qxJiXjK0tf4ZjYWJYh.tUf04hCXekze8vUwYRMOJlaFEUS6uMo/UPhWaJVamt3Q/2ZmFqg0pEvm7pAhaqWjFP/");
    Files.writeString(dir.resolve(answer.group(1)), toml);
  }

  private BuildSettings load(Optional<Path> file, Path workingDir) {
    return new ConfigLoader(events::add)
        .load(new ConfigRequest(file, Map.of("HOME", "/home/someone"), Map.of(), workingDir));
  }
}
