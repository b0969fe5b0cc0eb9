package io.github.pveiso.cli;

/**
 * What a command produced: text for people and data for {@code --json}, and the exit code.
 *
 * @param text what a person reads (printed to stdout, or to stderr under {@code --json})
 * @param data the result document's {@code result} field (serialised with Jackson)
 * @param exitCode the exit code; {@link ExitCode#OK} unless the command found a failure it reports
 *     as a result (e.g. {@code doctor} with a missing tool)
 */
record CommandOutput(String text, Object data, ExitCode exitCode) {

  static CommandOutput ok(String text, Object data) {
    return new CommandOutput(text, data, ExitCode.OK);
  }
}
