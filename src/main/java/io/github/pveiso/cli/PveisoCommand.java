package io.github.pveiso.cli;

import io.github.pveiso.proc.SystemProcessRunner;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code pveiso} command: global options and the list of subcommands. A command line
 * that names its subcommand after root flags only gets that subcommand alone (see {@link
 * #onlyCommand}), and {@code pveiso --help} gets summaries of them (see {@link #isRootHelp}).
 */
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
      "  130  interrupted by SIGINT (Ctrl-C): stopped, its temporary files removed",
      "  143  stopped by SIGTERM: likewise",
      "",
      "Run 'pveiso COMMAND --help' for a command's options."
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

  /**
   * The subcommands in the order the usage lists them, by name (each class's {@code @Command}
   * name).
   */
  private static final Map<String, Class<?>> COMMANDS = commands();

  @Spec CommandSpec spec;

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
        spec.commandLine(), "a command is missing; choose one of the commands below");
  }

  /** Runs pveiso in-process with the given streams and environment; returns the exit code. */
  public static int execute(
      String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    return execute(args, out, err, env, Interruption.NONE);
  }

  /** Runs pveiso with the given streams, environment and signal state; returns the exit code. */
  static int execute(
      String[] args,
      PrintStream out,
      PrintStream err,
      Map<String, String> env,
      Interruption interruption) {
    CliContext context =
        new CliContext(
            out,
            err,
            env,
            Path.of("").toAbsolutePath(),
            Terminal.attached(),
            Clock.systemUTC(),
            new SystemProcessRunner(),
            System.in,
            interruption);
    return execute(args, context);
  }

  /** Runs pveiso in-process with a given context; tests use this. */
  static int execute(String[] args, CliContext context) {
    return newCommandLine(context, args).execute(args);
  }

  /** The whole command tree. */
  static CommandLine newCommandLine(CliContext context) {
    return newCommandLine(context, null);
  }

  /** The command tree for {@code args}: see {@link #onlyCommand}; {@code null}: the whole tree. */
  static CommandLine newCommandLine(CliContext context, String @Nullable [] args) {
    PveisoCommand root = new PveisoCommand(context);
    CommandLine cli = new CommandLine(root);
    Optional<String> only =
        args == null ? Optional.empty() : onlyCommand(cli.getCommandSpec(), args);
    boolean rootHelp = args != null && isRootHelp(cli.getCommandSpec(), args);
    COMMANDS.forEach(
        (name, type) -> {
          if (rootHelp) {
            cli.addSubcommand(name, summary(name, type));
          } else if (only.isEmpty() || only.get().equals(name)) {
            cli.addSubcommand(type);
          }
        });
    ConfigOptions.addToCommands(cli);
    cli.setOut(new PrintWriter(context.out(), true));
    cli.setErr(new PrintWriter(context.err(), true));
    ErrorHandler handler = new ErrorHandler(root);
    cli.setExecutionExceptionHandler(handler);
    cli.setParameterExceptionHandler(handler);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }

  /**
   * The subcommand {@code args} run when only root flags (that take no value and print neither help
   * nor version) come before its name: no other subcommand can be reached then, so only that one is
   * built. Building every subcommand's model (reflection over its options, plus a flag per
   * configuration key) took about a third of a second of each run. Anything else (no subcommand, an
   * unknown word, an argument file, a help or version flag) gets the whole tree.
   */
  static Optional<String> onlyCommand(CommandSpec root, String[] args) {
    for (String arg : args) {
      OptionSpec option = root.optionsMap().get(arg);
      if (option == null
          || option.arity().max() != 0
          || option.usageHelp()
          || option.versionHelp()) {
        return COMMANDS.containsKey(arg) ? Optional.of(arg) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * True when {@code args} are just the root's help flag: its usage lists each subcommand by name
   * and the first line of its description, which a {@link #summary} gives without building the
   * subcommand's options.
   */
  static boolean isRootHelp(CommandSpec root, String[] args) {
    if (args.length != 1) {
      return false;
    }
    OptionSpec option = root.optionsMap().get(args[0]);
    return option != null && option.usageHelp();
  }

  /** A subcommand as the root's usage shows it: its name and its description. */
  static CommandLine summary(String name, Class<?> type) {
    Command command = type.getAnnotation(Command.class);
    if (command == null) {
      throw new IllegalStateException(type + " has no @Command");
    }
    CommandSpec spec = CommandSpec.create().name(name);
    spec.usageMessage().description(command.description());
    return new CommandLine(spec);
  }

  private static Map<String, Class<?>> commands() {
    Map<String, Class<?>> commands = new LinkedHashMap<>();
    commands.put("build", BuildCommand.class);
    commands.put("plan", PlanCommand.class);
    commands.put("fetch", FetchCommand.class);
    commands.put("inspect", InspectCommand.class);
    commands.put("verify", VerifyCommand.class);
    commands.put("answer", AnswerCommand.class);
    commands.put("cache", CacheCommand.class);
    commands.put("config", ConfigCommand.class);
    commands.put("doctor", DoctorCommand.class);
    commands.put("completion", CompletionCommand.class);
    return java.util.Collections.unmodifiableMap(commands);
  }

  static PveisoCommand root(CommandLine.Model.CommandSpec spec) {
    Object root = spec.root().userObject();
    if (root instanceof PveisoCommand command) {
      return command;
    }
    throw new IllegalStateException("not run under PveisoCommand");
  }
}
