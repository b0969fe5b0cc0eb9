package io.github.pveiso.bench;

import io.github.pveiso.cache.Cache;
import io.github.pveiso.debian.Compression;
import io.github.pveiso.debian.DebianRepository;
import io.github.pveiso.debian.DebianRepositoryClient;
import io.github.pveiso.debian.PackagesIndex;
import io.github.pveiso.debian.RepositoryIndex;
import io.github.pveiso.debian.TrustedKeys;
import io.github.pveiso.debian.VerifiedRelease;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.net.HttpFetcher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * pveiso's benchmarks: (1) parsing trixie's main amd64 Packages index, (2) resolving and verifying
 * the seed's firmware set from a warm cache. Prints one line per measurement; see README.md.
 */
public final class Bench {

  static final String SUITE = "trixie";
  static final int RUNS = 5;

  private Bench() {}

  /** {@code <work dir> [mirror]}. */
  public static void main(String[] args) throws IOException {
    Path work = Path.of(args[0]);
    URI mirror = Mirrors.find(args);
    System.out.println("mirror from " + Mirrors.source(args) + "; work dir " + work);
    System.out.printf(
        "%d cores, load average %.2f%n",
        Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    Clock clock = Clock.systemUTC();
    HttpFetcher fetcher = HttpFetcher.create(EventListener.NONE);
    Cache cache = Cache.open(work.resolve("cache"), fetcher, clock, EventListener.NONE);
    DebianRepositoryClient client =
        new DebianRepositoryClient(cache, fetcher, clock, work.resolve("tmp"), EventListener.NONE);
    DebianRepository main =
        new DebianRepository(
            mirror, SUITE, List.of("main"), List.of("amd64"), TrustedKeys.debianArchive());
    VerifiedRelease release = client.release(main);
    RepositoryIndex index = client.index(main, release, "main", "amd64");
    Path gz = cache.files().blobFile(index.sha256());
    parsePackages(gz, "Packages.gz", "gzip");
    io.github.pveiso.debian.ReleaseFile.IndexFile listed =
        release.release().file("main/binary-amd64/Packages.xz").orElseThrow();
    Path xz =
        cache
            .fetch(
                URI.create(
                    mirror.toString().replaceAll("/+$", "")
                        + "/dists/"
                        + SUITE
                        + "/main/binary-amd64/Packages.xz"),
                io.github.pveiso.cache.Expected.of(
                    io.github.pveiso.Sha256Digest.parse(listed.sha256()),
                    listed.size(),
                    "InRelease"))
            .path();
    parsePackages(xz, "Packages.xz", "xz");
    splitCosts(gz, "Packages.gz", "gzip");
    splitCosts(xz, "Packages.xz", "xz");
    FirmwareBench.run(work, mirror, clock);
  }

  private static void parsePackages(Path file, String name, String codec) throws IOException {
    List<Long> millis = new ArrayList<>();
    int count = 0;
    for (int run = 0; run <= RUNS; run++) {
      long start = System.nanoTime();
      try (InputStream in = Files.newInputStream(file)) {
        count = PackagesIndex.parse(name, name, in).packages().size();
      }
      if (run > 0) { // run 0 warms the JIT up
        millis.add((System.nanoTime() - start) / 1_000_000);
      }
    }
    report(
        "parse trixie main/binary-amd64/"
            + name
            + " ("
            + Files.size(file)
            + " bytes, "
            + count
            + " packages, "
            + codec
            + " decoding and parsing: the total)",
        millis);
  }

  private static void splitCosts(Path file, String name, String codec) throws IOException {
    byte[] plain;
    try (InputStream in = Compression.decompress(name, Files.newInputStream(file))) {
      plain = in.readAllBytes();
    }
    List<Long> xz = new ArrayList<>();
    List<Long> parse = new ArrayList<>();
    List<Long> cached = new ArrayList<>();
    ByteArrayOutputStream encoded = new ByteArrayOutputStream();
    PackagesIndex.parse("Packages", new ByteArrayInputStream(plain)).writeTo(encoded);
    for (int run = 0; run <= RUNS; run++) {
      long t0 = System.nanoTime();
      try (InputStream in = Compression.decompress(name, Files.newInputStream(file))) {
        in.transferTo(OutputStream.nullOutputStream());
      }
      long t1 = System.nanoTime();
      PackagesIndex.parse("Packages", new ByteArrayInputStream(plain));
      long t2 = System.nanoTime();
      PackagesIndex.readFrom(new ByteArrayInputStream(encoded.toByteArray()));
      long t3 = System.nanoTime();
      if (run > 0) {
        xz.add((t1 - t0) / 1_000_000);
        parse.add((t2 - t1) / 1_000_000);
        cached.add((t3 - t2) / 1_000_000);
      }
    }
    report("  " + codec + " decoding alone, one stream (" + plain.length + " bytes out)", xz);
    report("  parsing the uncompressed text alone", parse);
    report(
        "reading the cached parsed form instead (" + encoded.size() + " bytes, warm runs)", cached);
  }

  static void report(String what, List<Long> millis) {
    List<Long> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    System.out.printf(
        "%s: median %d ms, min %d ms, max %d ms over %d runs%n",
        what, sorted.get(sorted.size() / 2), sorted.get(0), sorted.getLast(), sorted.size());
  }
}
