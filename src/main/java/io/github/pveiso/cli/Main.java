package io.github.pveiso.cli;

/** Entry point of the {@code pveiso} command. */
public final class Main {
  private Main() {}

  /** Runs pveiso and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(PveisoCommand.execute(args, System.out, System.err, System.getenv()));
  }
}
