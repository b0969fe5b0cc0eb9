package io.github.pveiso.cli;

import io.github.pveiso.proc.SystemProcessRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Run by the build (exec-maven-plugin, phase prepare-package), not a test: writes the man page
 * sources and the completion scripts of the release archive from the same picocli model that prints
 * {@code --help}, so neither can drift from it.
 *
 * <ul>
 *   <li>{@code ADOC_DIR/pveiso.adoc}, {@code pveiso-build.adoc}, ...: one AsciiDoc man page per
 *       command and subcommand (picocli-codegen's {@link ManPageGenerator}), which Asciidoctor
 *       turns into {@code man/man1/*.1};
 *   <li>{@code COMPLETION_DIR/pveiso.bash} and {@code pveiso.zsh}: picocli's completion script
 *       ({@link AutoComplete}), the one {@code pveiso completion} prints; under zsh it loads
 *       bashcompinit itself.
 * </ul>
 *
 * The model is built with an empty environment, so nothing about the machine that ran the build
 * gets into the pages.
 */
public final class DocsGenerator {
  private DocsGenerator() {}

  /** {@code DocsGenerator ADOC_DIR COMPLETION_DIR}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: DocsGenerator ADOC_DIR COMPLETION_DIR");
    }
    Path adoc = Files.createDirectories(Path.of(args[0]));
    Path completion = Files.createDirectories(Path.of(args[1]));
    CommandLine cli = commandLine();
    int exit =
        ManPageGenerator.generateManPage(
            adoc.toFile(), null, new boolean[0], true, cli.getCommandSpec());
    if (exit != 0) {
      throw new IllegalStateException("picocli's ManPageGenerator exited with " + exit);
    }
    String script = AutoComplete.bash("pveiso", cli);
    Files.writeString(completion.resolve("pveiso.bash"), script, StandardCharsets.UTF_8);
    Files.writeString(
        completion.resolve("pveiso.zsh"),
        "# pveiso completion for zsh: add 'source /path/to/pveiso.zsh' to ~/.zshrc.\n" + script,
        StandardCharsets.UTF_8);
  }

  /** The whole command tree, as {@code pveiso completion} sees it, without the machine's state. */
  static CommandLine commandLine() {
    PrintStream out = System.out;
    return PveisoCommand.newCommandLine(
        new CliContext(
            out,
            System.err,
            Map.of(),
            Path.of("/"),
            false,
            Clock.systemUTC(),
            new SystemProcessRunner()));
  }
}
