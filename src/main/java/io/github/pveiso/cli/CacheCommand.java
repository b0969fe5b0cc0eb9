package io.github.pveiso.cli;

import io.github.pveiso.NotImplementedYetException;
import io.github.pveiso.events.EventListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pveiso cache list|verify|prune}: the download cache. */
@Command(
    name = "cache",
    mixinStandardHelpOptions = true,
    description = "Manage the content-addressed download cache (firmware_cache).",
    subcommands = {
      CacheCommand.ListEntries.class,
      CacheCommand.Verify.class,
      CacheCommand.Prune.class
    })
final class CacheCommand implements Runnable {

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "a subcommand is missing: list, verify or prune");
  }

  private static CommandOutput notYet(String what) {
    throw new NotImplementedYetException(
        "'pveiso cache "
            + what
            + "' is not built yet (it comes with the verified-acquisition work)");
  }

  /** {@code pveiso cache list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List cached entries.")
  static final class ListEntries extends BaseCommand {
    @Mixin ConfigOptions config = new ConfigOptions();

    @Override
    CommandOutput run(CliContext context, GlobalOptions options, EventListener events) {
      return notYet("list");
    }
  }

  /** {@code pveiso cache verify}. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = "Re-hash every entry; drop the ones that no longer match.")
  static final class Verify extends BaseCommand {
    @Mixin ConfigOptions config = new ConfigOptions();

    @Override
    CommandOutput run(CliContext context, GlobalOptions options, EventListener events) {
      return notYet("verify");
    }
  }

  /** {@code pveiso cache prune}. */
  @Command(name = "prune", mixinStandardHelpOptions = true, description = "Remove old entries.")
  static final class Prune extends BaseCommand {
    @Mixin ConfigOptions config = new ConfigOptions();

    @Override
    CommandOutput run(CliContext context, GlobalOptions options, EventListener events) {
      return notYet("prune");
    }
  }
}
