package io.github.pveiso.cli;

import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code pveiso} command. */
@Command(
    name = "pveiso",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Builds customised Proxmox VE installer ISOs that boot like the original.")
public final class PveisoCommand implements Runnable {

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "a command is missing; see 'pveiso --help'");
  }

  /** Runs pveiso in-process with the given streams and environment; returns the exit code. */
  public static int execute(
      String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    CommandLine cli = new CommandLine(new PveisoCommand());
    cli.setOut(new java.io.PrintWriter(out, true));
    cli.setErr(new java.io.PrintWriter(err, true));
    return cli.execute(args);
  }
}
