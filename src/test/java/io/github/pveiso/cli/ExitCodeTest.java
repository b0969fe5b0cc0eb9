package io.github.pveiso.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
        case OK -> new IllegalArgumentException("not for OK");
        case FAILURE -> new IOException("disk on fire at /x");
        case INVALID_INPUT -> new InvalidInputException("bad key at a.yaml:1");
        case VERIFICATION_FAILED -> new VerificationException("x.iso: GPT header CRC mismatch");
        case INTERNAL_ERROR -> new NullPointerException("oops");
      };
    }
  }

  /** pveiso's command line with the throwing command added, its stderr going to {@code err}. */
  static CommandLine cliWithThrower(ByteArrayOutputStream err) {
    CliContext context =
        new CliContext(
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of(),
            Path.of("/"),
            false,
            Clock.systemUTC(),
            command -> {
              throw new AssertionError();
            });
    CommandLine cli = PveisoCommand.newCommandLine(context);
    cli.addSubcommand("throw", new Thrower());
    return cli;
  }

  @ParameterizedTest
  @EnumSource(value = ExitCode.class, names = "OK", mode = EnumSource.Mode.EXCLUDE)
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
          case OK -> "";
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
}
