package io.github.pveiso.cli;

import io.github.pveiso.events.EventListener;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that produces a {@link CommandOutput}: prints its text (stdout, or stderr under {@code
 * --json}) and its JSON result document, and returns its exit code.
 */
abstract class BaseCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** Does the command's work. */
  abstract CommandOutput run(CliContext context, GlobalOptions options, EventListener events)
      throws Exception;

  @Override
  public final Integer call() throws Exception {
    PveisoCommand root = PveisoCommand.root(spec);
    GlobalOptions options = root.options();
    CliContext context = root.context();
    CommandOutput output;
    try {
      output = run(context, options, context.listener(options));
    } catch (OutOfMemoryError e) {
      throw new OutOfMemory(e); // a failure with a remedy (a larger heap), not a crash
    }
    if (options.json()) {
      if (!options.quiet() && !output.text().isEmpty()) {
        context.err().print(output.text());
      }
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("command", spec.qualifiedName());
      document.put("ok", output.exitCode() == ExitCode.OK);
      document.put("exitCode", output.exitCode().code());
      document.put("result", output.data());
      context.out().println(CliContext.json().writeValueAsString(document));
    } else {
      context.out().print(output.text());
    }
    context.out().flush();
    return output.exitCode().code();
  }
}
