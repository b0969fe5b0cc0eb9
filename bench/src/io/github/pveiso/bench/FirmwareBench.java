package io.github.pveiso.bench;

import io.github.pveiso.cache.Cache;
import io.github.pveiso.debian.DebDownloader;
import io.github.pveiso.debian.DebStructureCheck;
import io.github.pveiso.debian.DebianRepository;
import io.github.pveiso.debian.DebianRepositoryClient;
import io.github.pveiso.debian.FetchedDeb;
import io.github.pveiso.debian.RepositoryIndex;
import io.github.pveiso.debian.RepositoryResolver;
import io.github.pveiso.debian.TrustedKeys;
import io.github.pveiso.debian.VerifiedRelease;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.net.HttpFetcher;
import io.github.pveiso.net.ParallelDownloads;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resolves the seed's firmware set with its dependencies and fetches it: once cold (downloads, not
 * timed as the benchmark), then warm several times, where every index comes from the parsed cache
 * and every .deb is re-hashed before it is served.
 */
final class FirmwareBench {

  static final List<String> FIRMWARE =
      List.of(
          "firmware-linux-free",
          "firmware-misc-nonfree",
          "firmware-linux-nonfree",
          "firmware-nvidia-graphics",
          "nvidia-driver",
          "nvidia-kernel-dkms",
          "firmware-amd-graphics",
          "amd64-microcode",
          "intel-microcode",
          "firmware-intel-sound",
          "firmware-intel-graphics",
          "firmware-intel-misc");

  private FirmwareBench() {}

  static void run(Path work, URI mirror, Clock clock) {
    HttpFetcher fetcher = HttpFetcher.create(EventListener.NONE);
    Cache cache = Cache.open(work.resolve("cache"), fetcher, clock, EventListener.NONE);
    DebianRepository repo =
        new DebianRepository(
            mirror,
            Bench.SUITE,
            List.of("main", "contrib", "non-free", "non-free-firmware"),
            List.of("amd64"),
            TrustedKeys.debianArchive());
    long start = System.nanoTime();
    List<FetchedDeb> debs = once(cache, fetcher, clock, work, repo);
    long bytes = debs.stream().mapToLong(FetchedDeb::size).sum();
    System.out.printf(
        "firmware set cold (download %d packages, %d bytes, and verify): %d ms%n",
        debs.size(), bytes, (System.nanoTime() - start) / 1_000_000);
    List<Long> total = new ArrayList<>();
    List<Long> release = new ArrayList<>();
    List<Long> indexes = new ArrayList<>();
    List<Long> resolve = new ArrayList<>();
    List<Long> verify = new ArrayList<>();
    for (int run = 0; run < Bench.RUNS; run++) {
      long t0 = System.nanoTime();
      DebianRepositoryClient client =
          new DebianRepositoryClient(
              cache, fetcher, clock, work.resolve("tmp"), EventListener.NONE);
      VerifiedRelease verified = client.release(repo);
      long t1 = System.nanoTime();
      List<RepositoryIndex> found = client.indexes(repo, verified);
      long t2 = System.nanoTime();
      RepositoryResolver.Resolved resolved =
          new RepositoryResolver(repo, found).resolve(Map.of("amd64", FIRMWARE));
      long t3 = System.nanoTime();
      new DebDownloader(cache, new ParallelDownloads(4), DebStructureCheck.INSTANCE)
          .download(mirror, resolved.packages());
      long t4 = System.nanoTime();
      total.add((t4 - t0) / 1_000_000);
      release.add((t1 - t0) / 1_000_000);
      indexes.add((t2 - t1) / 1_000_000);
      resolve.add((t3 - t2) / 1_000_000);
      verify.add((t4 - t3) / 1_000_000);
    }
    Bench.report("firmware set warm, total (" + debs.size() + " packages)", total);
    Bench.report("  InRelease fetch + signature check (network)", release);
    Bench.report("  4 Packages indexes from the parsed cache (blob re-hashed)", indexes);
    Bench.report("  resolve with dependencies", resolve);
    Bench.report("  re-hash every cached .deb (" + bytes + " bytes)", verify);
  }

  private static List<FetchedDeb> once(
      Cache cache, HttpFetcher fetcher, Clock clock, Path work, DebianRepository repo) {
    DebianRepositoryClient client =
        new DebianRepositoryClient(cache, fetcher, clock, work.resolve("tmp"), EventListener.NONE);
    List<RepositoryIndex> found = client.indexes(repo, client.release(repo));
    RepositoryResolver.Resolved resolved =
        new RepositoryResolver(repo, found).resolve(Map.of("amd64", FIRMWARE));
    return new DebDownloader(cache, new ParallelDownloads(4), DebStructureCheck.INSTANCE)
        .download(repo.mirror(), resolved.packages());
  }
}
