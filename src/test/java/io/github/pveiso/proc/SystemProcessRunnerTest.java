package io.github.pveiso.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemProcessRunnerTest {

  final ProcessRunner runner = new SystemProcessRunner();

  @Test
  void argumentsArePassedAsTheyAreNeverThroughAShell() {
    ProcessRunner.Result result =
        runner.runChecked(List.of("printf", "%s|", "a b", "$HOME", "*", "'q'"));
    assertThat(result.stdout()).isEqualTo("a b|$HOME|*|'q'|");
    assertThat(result.ok()).isTrue();
  }

  @Test
  void failureCarriesTheLastErrorLine() {
    assertThatThrownBy(
            () -> runner.runChecked(List.of("sh", "-c", "echo one >&2; echo two >&2; exit 3")))
        .isInstanceOf(ProcessFailedException.class)
        .hasMessage("sh exited with 3: two");
  }

  @Test
  void aSignalThatXorrisoReportsIsTheLineThatCounts() {
    String script =
        "echo 'UNIX-SIGNAL:  SIGTERM  errno= 2' >&2;"
            + " echo 'xorriso : ABORT : Drive is released and library is shut down now.' >&2;"
            + " echo 'xorriso : ABORT : Program done. Even if you do not see a shell prompt.' >&2;"
            + " exit 1";
    assertThatThrownBy(() -> runner.runChecked(List.of("sh", "-c", script)))
        .isInstanceOf(ProcessFailedException.class)
        .hasMessage("sh exited with 1: UNIX-SIGNAL: SIGTERM errno= 2");
  }

  @Test
  void missingProgramIsAnIoError() {
    assertThatThrownBy(() -> runner.run(ProcessRunner.Command.of(List.of("/nonexistent/prog"))))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith("cannot run prog: ");
  }

  @Test
  void timeoutKillsTheProgram() {
    ProcessRunner.Result result =
        runner.run(
            ProcessRunner.Command.of(List.of("sleep", "30")).withTimeout(Duration.ofMillis(300)));
    assertThat(result.timedOut()).isTrue();
    assertThat(result.exitCode()).isEqualTo(-1);
    assertThat(result.ok()).isFalse();
  }

  @Test
  void stopWhenKillsOnAMatchingLine() {
    ProcessRunner.Command command =
        ProcessRunner.Command.of(List.of("sh", "-c", "echo booting; printf 'grub> '; sleep 30"))
            .withStopWhen(line -> line.startsWith("grub>"));
    ProcessRunner.Result result = runner.run(command);
    assertThat(result.stoppedEarly()).isTrue();
    assertThat(result.stdout()).isEqualTo("booting\ngrub> ");
    assertThatThrownBy(() -> runner.runChecked(command)).hasMessage("sh was stopped: grub>");
  }

  @Test
  void environmentIsAdded() {
    ProcessRunner.Result result =
        runner.runChecked(
            ProcessRunner.Command.of(List.of("sh", "-c", "printf %s \"$PVEISO_T\""))
                .withEnv(Map.of("PVEISO_T", "v")));
    assertThat(result.stdout()).isEqualTo("v");
  }
}
