package io.github.pveiso.cli;

import io.github.pveiso.proc.ProcessRunner;
import io.github.pveiso.proc.SystemProcessRunner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Runs pveiso in-process with captured streams, a given environment and working folder. */
record CliRun(int exitCode, String out, String err) {

  static CliRun run(Path workingDir, Map<String, String> env, String... args) {
    return run(workingDir, env, new SystemProcessRunner(), args);
  }

  static CliRun run(
      Path workingDir, Map<String, String> env, ProcessRunner runner, String... args) {
    return run(workingDir, env, runner, new byte[0], args);
  }

  /** Runs with {@code stdin} as standard input. */
  static CliRun withInput(Path workingDir, byte[] stdin, String... args) {
    return run(workingDir, Map.of(), new SystemProcessRunner(), stdin, args);
  }

  static CliRun run(
      Path workingDir,
      Map<String, String> env,
      ProcessRunner runner,
      byte[] stdin,
      String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    CliContext context =
        new CliContext(
            outStream,
            errStream,
            env,
            workingDir,
            false,
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
            runner,
            new ByteArrayInputStream(stdin),
            Interruption.NONE);
    int code = PveisoCommand.execute(args, context);
    return new CliRun(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
