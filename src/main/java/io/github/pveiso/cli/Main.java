package io.github.pveiso.cli;

/** Entry point of the {@code pveiso} command. */
public final class Main {
  private Main() {}

  /**
   * Runs pveiso and exits with its exit code; SIGINT and SIGTERM stop it (see {@link SignalTrap}).
   */
  public static void main(String[] args) {
    SignalTrap trap = SignalTrap.install(Thread.currentThread(), System.err);
    int code = PveisoCommand.execute(args, System.out, System.err, System.getenv(), trap);
    trap.ended();
    System.exit(code);
  }
}
