package io.github.pveiso.cli;

import io.github.pveiso.events.EventListener;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pveiso completion bash|zsh}: prints a shell completion script. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a completion script for bash or zsh.",
      "bash: pveiso completion bash > /etc/bash_completion.d/pveiso",
      "zsh:  pveiso completion zsh > \"$${fpath[1]}/_pveiso\"  (uses bashcompinit)"
    })
final class CompletionCommand extends BaseCommand {

  /** The shells a script can be made for. */
  enum Shell {
    bash,
    zsh
  }

  @Parameters(paramLabel = "SHELL", description = "bash or zsh")
  Shell shell = Shell.bash;

  @Override
  CommandOutput run(CliContext context, GlobalOptions options, EventListener events) {
    CommandLine full = PveisoCommand.newCommandLine(context);
    String script = AutoComplete.bash("pveiso", full);
    // picocli's script serves zsh through bashcompinit, which it loads itself under zsh.
    return CommandOutput.ok(script, Map.of("shell", shell.name(), "script", script));
  }
}
