package io.github.pveiso.cli;

import io.github.pveiso.proc.SystemProcessRunner;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code pveiso} command: global options and the list of subcommands. */
@Command(
    name = "pveiso",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Builds customised Proxmox VE installer ISOs: adds firmware, CPU microcode, packages and an"
          + " answer file, and keeps the ISO booting exactly like the original (BIOS and UEFI, CD"
          + " and USB). No root, no mount, no Docker; every download is verified.",
      ""
    },
    commandListHeading = "%nCommands:%n",
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success",
      "  1  runtime, I/O or network failure",
      "  2  usage or configuration error",
      "  3  verification failed (checksum, signature, boot layout, invalid ISO)",
      "  4  internal error (a bug in pveiso: please report it)",
      "",
      "Run 'pveiso COMMAND --help' for a command's options."
    },
    subcommands = {
      BuildCommand.class,
      PlanCommand.class,
      FetchCommand.class,
      InspectCommand.class,
      VerifyCommand.class,
      AnswerCommand.class,
      CacheCommand.class,
      ConfigCommand.class,
      DoctorCommand.class,
      CompletionCommand.class
    })
public final class PveisoCommand implements Runnable {

  @Option(
      names = {"-q", "--quiet"},
      scope = ScopeType.INHERIT,
      description = "Print only errors and the result.")
  boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Print debug lines and stage timings as they happen.")
  boolean verbose;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Print the result as a JSON document on stdout; human text goes to stderr.")
  boolean json;

  @Option(names = "--no-progress", scope = ScopeType.INHERIT, description = "Do not show progress.")
  boolean noProgress;

  @Option(
      names = "--stacktrace",
      scope = ScopeType.INHERIT,
      description = "Show the stack trace of an error.")
  boolean stacktrace;

  private final CliContext context;

  PveisoCommand(CliContext context) {
    this.context = context;
  }

  CliContext context() {
    return context;
  }

  GlobalOptions options() {
    return new GlobalOptions(quiet, verbose, json, !noProgress, stacktrace);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "a command is missing; choose one of the commands below");
  }

  /** Runs pveiso in-process with the given streams and environment; returns the exit code. */
  public static int execute(
      String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    CliContext context =
        new CliContext(
            out,
            err,
            env,
            Path.of("").toAbsolutePath(),
            System.console() != null,
            Clock.systemUTC(),
            new SystemProcessRunner());
    return execute(args, context);
  }

  /** Runs pveiso in-process with a given context; tests use this. */
  static int execute(String[] args, CliContext context) {
    return newCommandLine(context).execute(args);
  }

  static CommandLine newCommandLine(CliContext context) {
    PveisoCommand root = new PveisoCommand(context);
    CommandLine cli = new CommandLine(root);
    ConfigOptions.addToCommands(cli);
    cli.setOut(new PrintWriter(context.out(), true));
    cli.setErr(new PrintWriter(context.err(), true));
    ErrorHandler handler = new ErrorHandler(root);
    cli.setExecutionExceptionHandler(handler);
    cli.setParameterExceptionHandler(handler);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }

  static PveisoCommand root(CommandLine.Model.CommandSpec spec) {
    Object root = spec.root().userObject();
    if (root instanceof PveisoCommand command) {
      return command;
    }
    throw new IllegalStateException("not run under PveisoCommand");
  }
}
