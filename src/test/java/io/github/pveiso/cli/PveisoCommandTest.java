package io.github.pveiso.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pveiso.config.ConfigKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class PveisoCommandTest {

  @TempDir Path dir;
  final Map<String, String> env = Map.of("HOME", "/home/u", "PATH", "/usr/bin:/bin");

  CliRun run(String... args) {
    return CliRun.run(dir, env, args);
  }

  static Stream<List<String>> commands() {
    return Stream.of(
        List.of(),
        List.of("build"),
        List.of("plan"),
        List.of("fetch"),
        List.of("inspect"),
        List.of("verify"),
        List.of("answer"),
        List.of("answer", "validate"),
        List.of("answer", "init"),
        List.of("answer", "hash-password"),
        List.of("cache"),
        List.of("cache", "list"),
        List.of("cache", "verify"),
        List.of("cache", "prune"),
        List.of("config"),
        List.of("doctor"),
        List.of("completion"));
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyCommandHasHelp(List<String> command) {
    String[] args = Stream.concat(command.stream(), Stream.of("--help")).toArray(String[]::new);
    CliRun run = run(args);
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("Usage: pveiso" + (command.isEmpty() ? "" : " " + String.join(" ", command)))
        // picocli reads ${...} in descriptions as a variable; an unknown one prints "null"
        .doesNotContainPattern("\\bnull\\b");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void cacheCommandsTakeOnlyTheCachesFlag() {
    for (String command : List.of("list", "verify", "prune")) {
      String help = run("cache", command, "--help").out();
      assertThat(help).as(command).contains("--config=FILE").contains("--firmware-cache=PATH");
      for (ConfigKey key : ConfigKey.values()) {
        if (key != ConfigKey.FIRMWARE_CACHE) {
          assertThat(help).as(command + " " + key.flag()).doesNotContain(key.flag());
        }
      }
    }
  }

  @Test
  void completionsHelpShowsZshsFunctionPathAsTyped() {
    assertThat(run("completion", "--help").out())
        .contains("zsh:  pveiso completion zsh > \"${fpath[1]}/_pveiso\"  (uses bashcompinit)");
  }

  @Test
  void configCommandsHaveAFlagForEveryKey() {
    for (String command : List.of("build", "plan", "fetch", "config", "doctor")) {
      String help = run(command, "--help").out();
      for (ConfigKey key : ConfigKey.values()) {
        if (key.secret()) {
          assertThat(help).as(command + " " + key.flag()).doesNotContain(key.flag() + "=");
          continue;
        }
        String shown =
            key.type() == io.github.pveiso.config.ValueType.BOOLEAN
                ? "--[no-]" + key.flag().substring(2)
                : key.flag() + "=";
        assertThat(help).as(command + " " + key.flag()).contains(shown);
      }
    }
  }

  @Test
  void versionIsPrinted() {
    CliRun run = run("--version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).matches("pveiso \\S+\\R");
  }

  @Test
  void noCommandIsAUsageError() {
    CliRun run = run();
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "pveiso: a command is missing; choose one of the commands below\n"
                + "Run 'pveiso --help' for usage.\n");
  }

  @Test
  void unknownOptionIsAUsageErrorWithAHint() {
    CliRun run = run("config", "--outptu-dir", "x");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "pveiso: Unknown options: '--outptu-dir', 'x'\n"
                + "Possible solutions: --output-dir, --output-name\n"
                + "Run 'pveiso config --help' for usage.\n");
  }

  @Test
  void threeMistakesInAConfigFileAreAllPrintedWithTheirOrigins() throws IOException {
    Files.writeString(
        dir.resolve("bad.yaml"),
        "buid_arch: [amd64]\ninclude_amd: maybe\ntargets: [iso, kernel]\n");
    CliRun run = run("config", "--config", "bad.yaml");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            String.join(
                "\n",
                "pveiso: bad.yaml:1: unknown key 'buid_arch'; did you mean 'build_arch'?",
                "pveiso: bad.yaml:2: include_amd: expected true or false, got 'maybe'",
                "pveiso: bad.yaml:3: targets: 'kernel' is not allowed; use one of iso, installer, system",
                ""));
  }

  @Test
  void anOutputDirThatIsAFileStopsABuildBeforeItStarts() throws IOException {
    Path file = Files.writeString(dir.resolve("out"), "a file\n");
    CliRun run = run("build", "--no-progress", "--output-dir", "out");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "pveiso: --output-dir: output_dir: "
                + file
                + " is not a folder; give a folder (it is made when missing)\n");
  }

  @Test
  void configShowsEveryValueWithItsOrigin() throws IOException {
    Files.writeString(dir.resolve("p.yaml"), "include_amd: false\n");
    CliRun run =
        CliRun.run(
            dir,
            Map.of("HOME", "/home/u", "PVEISO_BUILD_ARCH", "arm64"),
            "config",
            "-c",
            "p.yaml",
            "--output-dir",
            "out",
            "--no-include-intel");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).containsPattern("(?m)^include_amd +false +p\\.yaml:1$");
    assertThat(run.out()).containsPattern("(?m)^include_intel +false +--include-intel$");
    assertThat(run.out()).containsPattern("(?m)^build_arch +arm64 +PVEISO_BUILD_ARCH$");
    assertThat(run.out())
        .containsPattern("(?m)^output_dir +" + dir.resolve("out") + " +--output-dir$");
    assertThat(run.out()).containsPattern("(?m)^proxmox_version +9\\.1 +default$");
    assertThat(run.out()).endsWith("firmware sets in effect: freeware, nvidia\n");
  }

  @Test
  void configNeverShowsTheAnswerToken() throws IOException {
    Map<String, String> secret =
        Map.of("HOME", "/home/u", "PVEISO_ANSWER_TOKEN", "s3cret-token-value");
    CliRun run =
        CliRun.run(
            dir,
            secret,
            "config",
            "--answer-fetch",
            "http",
            "--answer-url",
            "https://answers.example.com/");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .containsPattern("(?m)^answer_token +\\(set, not shown\\) +PVEISO_ANSWER_TOKEN$")
        .doesNotContain("s3cret");
    CliRun json = CliRun.run(dir, secret, "--json", "config", "--answer-fetch", "partition");
    assertThat(json.exitCode()).isEqualTo(2);
    assertThat(json.out() + json.err()).doesNotContain("s3cret");
  }

  @Test
  void jsonResultGoesToStdout() throws IOException {
    CliRun run = run("--json", "config", "--include-nvidia=false");
    assertThat(run.exitCode()).isZero();
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertThat(doc.get("command").asText()).isEqualTo("pveiso config");
    assertThat(doc.get("ok").asBoolean()).isTrue();
    assertThat(doc.get("exitCode").asInt()).isZero();
    JsonNode first = doc.get("result").get("settings").get(0);
    assertThat(first.get("key").asText()).isEqualTo("proxmox_version");
    assertThat(first.get("value").asText()).isEqualTo("9.1");
    assertThat(first.get("origin").asText()).isEqualTo("default");
    assertThat(doc.get("result").get("settings").get(2).get("value").asBoolean()).isFalse();
    assertThat(run.err()).contains("proxmox_version");
  }

  @Test
  void jsonErrorDocumentListsProblems() throws IOException {
    CliRun run = CliRun.run(dir, Map.of("PVEISO_INCLUDE_AMD", "2"), "config", "--json");
    assertThat(run.exitCode()).isEqualTo(2);
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertThat(doc.get("ok").asBoolean()).isFalse();
    assertThat(doc.get("exitCode").asInt()).isEqualTo(2);
    assertThat(doc.get("problems").get(0).get("origin").asText()).isEqualTo("PVEISO_INCLUDE_AMD");
    assertThat(doc.get("problems").get(0).get("key").asText()).isEqualTo("include_amd");
  }

  @Test
  void answerWithoutASubcommandNamesThem() {
    CliRun run = run("answer");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("pveiso: a subcommand is missing: validate, init or hash-password\n");
  }

  @Test
  void completionScriptNamesTheCommands() {
    CliRun run = run("completion", "bash");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("complete -F _complete_pveiso");
    assertThat(run.out()).contains("doctor").contains("--include-nvidia");
    assertThat(run("completion", "fish").exitCode()).isEqualTo(2);
  }

  @Test
  void theSubcommandListMatchesEachCommandsOwnName() {
    CommandLine full = PveisoCommand.newCommandLine(context());
    assertThat(full.getSubcommands().keySet())
        .containsExactly(
            "build",
            "plan",
            "fetch",
            "inspect",
            "verify",
            "answer",
            "cache",
            "config",
            "doctor",
            "completion");
    full.getSubcommands()
        .forEach((name, sub) -> assertThat(sub.getCommandSpec().name()).isEqualTo(name));
  }

  @Test
  void aCommandLineNamingItsSubcommandAfterRootFlagsBuildsOnlyThatOne() {
    assertThat(only("build", "--overwrite")).contains("build");
    assertThat(only("--json", "-q", "--no-progress", "-v", "--stacktrace", "plan"))
        .contains("plan");
    assertThat(only("--quiet", "--verbose", "cache", "list")).contains("cache");
    assertThat(only()).isEmpty();
    assertThat(only("--json")).isEmpty();
    assertThat(only("--help", "build")).isEmpty();
    assertThat(only("-V", "build")).isEmpty();
    assertThat(only("-qv", "build")).isEmpty();
    assertThat(only("--", "build")).isEmpty();
    assertThat(only("@args.txt")).isEmpty();
    assertThat(only("biuld")).isEmpty();
    assertThat(only("--json=true", "build")).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("commands")
  void aSubcommandBuiltAloneHasTheSameUsageAsInTheWholeTree(List<String> command) {
    if (command.isEmpty()) {
      return;
    }
    CommandLine full = PveisoCommand.newCommandLine(context());
    CommandLine alone = PveisoCommand.newCommandLine(context(), command.toArray(String[]::new));
    assertThat(alone.getSubcommands().keySet()).containsExactly(command.get(0));
    for (String name : command) {
      full = full.getSubcommands().get(name);
      alone = alone.getSubcommands().get(name);
    }
    assertThat(alone.getUsageMessage()).isEqualTo(full.getUsageMessage());
    assertThat(alone.getCommandSpec().options().stream().map(o -> o.longestName()).toList())
        .isEqualTo(full.getCommandSpec().options().stream().map(o -> o.longestName()).toList());
  }

  @Test
  void theRootHelpFromSummariesIsTheWholeTreesHelp() {
    CommandLine full = PveisoCommand.newCommandLine(context());
    for (String help : List.of("--help", "-h")) {
      CommandLine summaries = PveisoCommand.newCommandLine(context(), new String[] {help});
      assertThat(summaries.getUsageMessage()).isEqualTo(full.getUsageMessage());
      assertThat(summaries.getSubcommands().get("build").getCommandSpec().optionsMap())
          .doesNotContainKey("--overwrite");
    }
    CommandLine root = new CommandLine(new PveisoCommand(context()));
    assertThat(PveisoCommand.isRootHelp(root.getCommandSpec(), new String[] {"--help", "build"}))
        .isFalse();
    assertThat(PveisoCommand.isRootHelp(root.getCommandSpec(), new String[] {"--json"})).isFalse();
    assertThat(PveisoCommand.isRootHelp(root.getCommandSpec(), new String[] {"--version"}))
        .isFalse();
    assertThat(PveisoCommand.isRootHelp(root.getCommandSpec(), new String[] {"build"})).isFalse();
    assertThatThrownBy(() -> PveisoCommand.summary("x", String.class))
        .hasMessage("class java.lang.String has no @Command");
  }

  private Optional<String> only(String... args) {
    CommandLine root = new CommandLine(new PveisoCommand(context()));
    return PveisoCommand.onlyCommand(root.getCommandSpec(), args);
  }

  private CliContext context() {
    return new CliContext(
        System.out,
        System.err,
        env,
        dir,
        false,
        java.time.Clock.systemUTC(),
        new io.github.pveiso.proc.SystemProcessRunner());
  }
}
