package io.github.pveiso.cli;

import io.github.pveiso.NotImplementedYetException;
import io.github.pveiso.events.EventListener;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pveiso verify ISO}: checks an ISO's structure, against its original, and by booting. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check an ISO: its own structure; with --against, that it keeps the original's identity,"
          + " boot images and files; with --boot, that it boots in QEMU in every mode its layout"
          + " supports."
    })
final class VerifyCommand extends BaseCommand {

  @Parameters(paramLabel = "ISO", description = "The ISO image to check.")
  Path iso = Path.of("");

  @Option(names = "--against", paramLabel = "ORIGINAL", description = "The ISO it was made from.")
  @Nullable Path against;

  @Option(names = "--boot", description = "Boot it in QEMU (software emulation) in every mode.")
  boolean boot;

  @Override
  CommandOutput run(CliContext context, GlobalOptions options, EventListener events) {
    throw new NotImplementedYetException(
        "'pveiso verify' is not built yet (it comes with the ISO engine work)");
  }
}
