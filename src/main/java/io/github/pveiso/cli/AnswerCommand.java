package io.github.pveiso.cli;

import io.github.pveiso.NotImplementedYetException;
import io.github.pveiso.events.EventListener;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pveiso answer}: answer files for unattended installation. */
@Command(
    name = "answer",
    mixinStandardHelpOptions = true,
    description = "Work with answer files for the Proxmox automated installer.",
    subcommands = {AnswerCommand.Validate.class})
final class AnswerCommand implements Runnable {

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "a subcommand is missing: validate");
  }

  /** {@code pveiso answer validate FILE}. */
  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = "Check an answer.toml against the installer's rules; every problem at once.")
  static final class Validate extends BaseCommand {

    @Parameters(paramLabel = "FILE", description = "The answer file (TOML).")
    Path file = Path.of("");

    @Override
    CommandOutput run(CliContext context, GlobalOptions options, EventListener events) {
      throw new NotImplementedYetException(
          "'pveiso answer validate' is not built yet (it comes with the answer-file work)");
    }
  }
}
