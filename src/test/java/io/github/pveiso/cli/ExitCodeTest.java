package io.github.pveiso.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pveiso.InvalidInputException;
import io.github.pveiso.VerificationException;
import io.github.pveiso.proc.ProcessFailedException;
import io.github.pveiso.proc.ProcessRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class ExitCodeTest {

  @Test
  void mapsEachKindOfErrorToItsCode() {
    assertThat(ExitCode.of(new InvalidInputException("x")).code()).isEqualTo(2);
    assertThat(ExitCode.of(new VerificationException("x")).code()).isEqualTo(3);
    assertThat(ExitCode.of(new IOException("x")).code()).isEqualTo(1);
    assertThat(ExitCode.of(new UncheckedIOException(new IOException("x"))).code()).isEqualTo(1);
    ProcessRunner.Result failed =
        new ProcessRunner.Result(5, "", "boom\n", false, false, Duration.ZERO);
    assertThat(
            ExitCode.of(
                    new ProcessFailedException(
                        ProcessRunner.Command.of(List.of("xorriso")), failed))
                .code())
        .isEqualTo(1);
    assertThat(ExitCode.of(new IllegalStateException("x")).code()).isEqualTo(4);
  }

  /** A command that throws what it is told to, to see the whole mapping through picocli. */
  @Command(name = "throw")
  static final class Thrower extends BaseCommand {
    @CommandLine.Parameters ExitCode kind = ExitCode.OK;

    @Override
    CommandOutput run(
        CliContext context, GlobalOptions options, io.github.pveiso.events.EventListener events)
        throws Exception {
      throw switch (kind) {
        case OK, INTERRUPTED, TERMINATED -> new IllegalArgumentException("not an error kind");
        case FAILURE -> new IOException("disk on fire at /x");
        case INVALID_INPUT -> new InvalidInputException("bad key at a.yaml:1");
        case VERIFICATION_FAILED -> new VerificationException("x.iso: GPT header CRC mismatch");
        case INTERNAL_ERROR -> new NullPointerException("oops");
      };
    }
  }

  /** pveiso's command line with the throwing command added, its stderr going to {@code err}. */
  static CommandLine cliWithThrower(ByteArrayOutputStream err) {
    return cliWithThrower(err, new ByteArrayOutputStream(), Interruption.NONE);
  }

  /** The same, its stdout going to {@code out}, with {@code interruption}. */
  static CommandLine cliWithThrower(
      ByteArrayOutputStream err, ByteArrayOutputStream out, Interruption interruption) {
    CliContext context =
        new CliContext(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of(),
            Path.of("/"),
            false,
            Clock.systemUTC(),
            command -> {
              throw new AssertionError();
            },
            System.in,
            interruption);
    CommandLine cli = PveisoCommand.newCommandLine(context);
    cli.addSubcommand("throw", new Thrower());
    return cli;
  }

  @ParameterizedTest
  @EnumSource(
      value = ExitCode.class,
      names = {"OK", "INTERRUPTED", "TERMINATED"},
      mode = EnumSource.Mode.EXCLUDE)
  void errorsBecomeOneLineAndTheirCodeThroughTheCli(ExitCode kind) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLine cli = cliWithThrower(err);
    int code = cli.execute("throw", kind.name());
    assertThat(code).isEqualTo(kind.code());
    String expected =
        switch (kind) {
          case FAILURE -> "pveiso: disk on fire at /x\n";
          case INVALID_INPUT -> "pveiso: bad key at a.yaml:1\n";
          case VERIFICATION_FAILED -> "pveiso: x.iso: GPT header CRC mismatch\n";
          case INTERNAL_ERROR ->
              "pveiso: internal error: NullPointerException: oops\n"
                  + "pveiso: this is a bug; run again with --stacktrace and report it\n";
          case OK, INTERRUPTED, TERMINATED -> "";
        };
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
  }

  @Test
  void stackTraceOnlyWhenAsked() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLine cli = cliWithThrower(err);
    assertThat(cli.execute("--stacktrace", "throw", "FAILURE")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("pveiso: disk on fire at /x\njava.io.IOException: disk on fire at /x\n\tat ");
  }

  @Test
  void afterASignalWhateverFailedIsOneLineAndTheSignalsCode() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Interruption sigint = () -> Optional.of(ExitCode.INTERRUPTED);
    // the interrupt surfaces as whatever the step was doing: here an I/O error
    int code = cliWithThrower(err, new ByteArrayOutputStream(), sigint).execute("throw", "FAILURE");
    assertThat(code).isEqualTo(130);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("pveiso: interrupted by SIGINT; stopped and removed its temporary files\n");
  }

  @Test
  void sigtermGives143AndTheJsonDocumentSaysSo() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Interruption sigterm = () -> Optional.of(ExitCode.TERMINATED);
    int code = cliWithThrower(err, out, sigterm).execute("--json", "throw", "INTERNAL_ERROR");
    assertThat(code).isEqualTo(143);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("pveiso: interrupted by SIGTERM; stopped and removed its temporary files\n");
    JsonNode doc = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    assertThat(doc.path("exitCode").asInt()).isEqualTo(143);
    assertThat(doc.path("error").asText())
        .isEqualTo("interrupted by SIGTERM; stopped and removed its temporary files");
  }
}
