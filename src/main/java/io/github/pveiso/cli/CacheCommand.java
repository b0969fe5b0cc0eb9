package io.github.pveiso.cli;

import io.github.pveiso.cache.Cache;
import io.github.pveiso.cache.CacheEntry;
import io.github.pveiso.cache.CacheMaintenance;
import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.config.ConfigKey;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.net.HttpFetcher;
import io.github.pveiso.pipeline.DerivedKinds;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

  /**
   * What {@code use} makes of the cache {@code settings} name. Its fetcher is closed before this
   * returns (see {@link HttpFetcher#close}), and makes no HTTP client unless asked to download
   * ({@link HttpFetcher#onDemand}): maintenance downloads nothing.
   */
  private static <T> T withCache(
      BuildSettings settings, CliContext context, EventListener events, Function<Cache, T> use) {
    try (HttpFetcher fetcher = HttpFetcher.onDemand(events)) {
      return use.apply(Cache.open(settings.firmwareCache(), fetcher, context.clock(), events));
    }
  }

  private static Map<String, Object> json(CacheEntry e) {
    return Map.of(
        "url",
        e.url().toString(),
        "sha256",
        e.digest().hex(),
        "size",
        e.size(),
        "fetched",
        e.fetched().toString(),
        "lastUsed",
        e.lastUsed().toString());
  }

  /** {@code pveiso cache list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List cached entries.")
  static final class ListEntries extends BaseCommand {
    @Mixin ConfigOptions config = ConfigOptions.only(ConfigKey.FIRMWARE_CACHE);

    @Override
    CommandOutput run(CliContext context, GlobalOptions options, EventListener events) {
      List<CacheEntry> entries =
          withCache(config.load(spec, context, events), context, events, Cache::list);
      StringBuilder text = new StringBuilder();
      for (CacheEntry e : entries) {
        text.append(String.format("%s %12d %s %s%n", e.digest(), e.size(), e.lastUsed(), e.url()));
      }
      text.append(entries.size()).append(" entries\n");
      return CommandOutput.ok(
          text.toString(), Map.of("entries", entries.stream().map(CacheCommand::json).toList()));
    }
  }

  /** {@code pveiso cache verify}. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description =
          "Re-hash every blob and check every index and derived entry; drop what no longer"
              + " holds.")
  static final class Verify extends BaseCommand {
    @Mixin ConfigOptions config = ConfigOptions.only(ConfigKey.FIRMWARE_CACHE);

    @Override
    CommandOutput run(CliContext context, GlobalOptions options, EventListener events) {
      CacheMaintenance.VerifyReport report =
          withCache(
              config.load(spec, context, events),
              context,
              events,
              cache -> cache.verify(DerivedKinds.all()));
      StringBuilder text = new StringBuilder();
      report.dropped().forEach(d -> text.append("dropped ").append(d).append(" (mismatch)\n"));
      report.dangling().forEach(e -> text.append("forgot ").append(e.url()).append('\n'));
      report
          .derivedDropped()
          .forEach(
              d ->
                  text.append("dropped ")
                      .append(d.path())
                      .append(" (")
                      .append(d.reason())
                      .append(")\n"));
      text.append(report.indexChecked()).append(" index entries checked, ");
      text.append(report.indexDropped() + report.dangling().size()).append(" dropped\n");
      text.append(report.derivedChecked()).append(" derived entries checked, ");
      text.append(report.derivedDropped().size()).append(" dropped\n");
      text.append(report.checked()).append(" blobs checked, ").append(report.dropped().size());
      text.append(" dropped\n");
      return CommandOutput.ok(
          text.toString(),
          Map.of(
              "checked", report.checked(),
              "dropped", report.dropped().stream().map(d -> d.hex()).toList(),
              "forgotten", report.dangling().stream().map(CacheCommand::json).toList(),
              "indexChecked", report.indexChecked(),
              "indexDropped", report.indexDropped(),
              "derivedChecked", report.derivedChecked(),
              "derivedDropped",
                  report.derivedDropped().stream()
                      .map(d -> Map.of("path", d.path(), "reason", d.reason()))
                      .toList()));
    }
  }

  /** {@code pveiso cache prune}. */
  @Command(
      name = "prune",
      mixinStandardHelpOptions = true,
      description = "Remove entries not used for a while (and files no entry names).")
  static final class Prune extends BaseCommand {
    @Mixin ConfigOptions config = ConfigOptions.only(ConfigKey.FIRMWARE_CACHE);

    @Option(
        names = "--older-than",
        paramLabel = "DAYS",
        description = "Remove entries not used for this many days (default: ${DEFAULT-VALUE}).")
    int olderThanDays = 30;

    @Override
    CommandOutput run(CliContext context, GlobalOptions options, EventListener events) {
      CacheMaintenance.PruneReport report =
          withCache(
              config.load(spec, context, events),
              context,
              events,
              cache ->
                  cache.prune(
                      new CacheMaintenance.PruneRequest(
                          Optional.of(
                              context.clock().instant().minus(Duration.ofDays(olderThanDays))),
                          Optional.empty())));
      StringBuilder text = new StringBuilder();
      report.removedEntries().forEach(e -> text.append("removed ").append(e.url()).append('\n'));
      text.append(report.removedBlobs().size()).append(" blobs removed, ");
      text.append(report.freedBytes()).append(" bytes freed\n");
      return CommandOutput.ok(
          text.toString(),
          Map.of(
              "removed", report.removedEntries().stream().map(CacheCommand::json).toList(),
              "freedBytes", report.freedBytes()));
    }
  }
}
