package io.github.pveiso.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.pveiso.config.ConfigException;
import io.github.pveiso.config.ConfigProblem;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Turns an error into its exit code and a short message on stderr (one line, or one line per
 * configuration problem), plus the error document under {@code --json}. No stack trace unless
 * {@code --stacktrace}.
 */
final class ErrorHandler
    implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

  private final PveisoCommand root;

  ErrorHandler(PveisoCommand root) {
    this.root = root;
  }

  @Override
  public int handleExecutionException(
      Exception error, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    Optional<ExitCode> signal = root.context().interruption().signal();
    ExitCode code = signal.orElseGet(() -> ExitCode.of(error));
    PrintStream err = root.context().err();
    // stopped by a signal, what failed is only how the interrupt surfaced
    String message = signal.map(Interruption::message).orElseGet(() -> ErrorText.of(error, code));
    for (String line : message.split("\n", -1)) {
      err.println("pveiso: " + (code == ExitCode.INTERNAL_ERROR ? "internal error: " : "") + line);
    }
    if (root.options().stacktrace()) {
      error.printStackTrace(err);
    } else if (code == ExitCode.INTERNAL_ERROR) {
      err.println("pveiso: this is a bug; run again with --stacktrace and report it");
    }
    printJson(commandLine, code, message, error);
    return code.code();
  }

  @Override
  public int handleParseException(CommandLine.ParameterException error, String[] args) {
    PrintStream err = root.context().err();
    CommandLine cli = error.getCommandLine();
    err.println("pveiso: " + error.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(error, err);
    err.println("Run '" + cli.getCommandSpec().qualifiedName() + " --help' for usage.");
    printJson(cli, ExitCode.INVALID_INPUT, String.valueOf(error.getMessage()), error);
    return ExitCode.INVALID_INPUT.code();
  }

  private void printJson(CommandLine cli, ExitCode code, String message, Exception error) {
    if (!root.options().json()) {
      return;
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("command", cli.getCommandSpec().qualifiedName());
    document.put("ok", false);
    document.put("exitCode", code.code());
    document.put("error", message);
    if (error instanceof ConfigException config) {
      List<Map<String, String>> problems =
          config.problems().stream().map(ErrorHandler::problem).toList();
      document.put("problems", problems);
    }
    try {
      root.context().out().println(CliContext.json().writeValueAsString(document));
    } catch (JsonProcessingException e) {
      root.context().err().println("pveiso: cannot write the JSON error document: " + e);
    }
  }

  private static Map<String, String> problem(ConfigProblem p) {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("key", p.key() == null ? "" : p.key().fileKey());
    map.put("origin", p.origin().where());
    map.put("problem", p.problem());
    return map;
  }
}
