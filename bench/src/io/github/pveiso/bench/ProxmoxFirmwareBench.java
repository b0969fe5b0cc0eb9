package io.github.pveiso.bench;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.IsoEntry;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.proxmox.DebFile;
import io.github.pveiso.proxmox.ProxmoxFirmware;
import io.github.pveiso.proxmox.ProxmoxFirmwareReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading which firmware the ISO's pve-firmware has (argument 1: an ISO with {@code
 * /proxmox/packages/pve-firmware_*.deb}; argument 2: a work folder): the cold read (an empty cache:
 * decompress the .deb's data archive, keep the names), the warm one (the list from the cache, found
 * by the ISO's digest, hashed once before the runs) and hashing the .deb alone (what the warm read
 * cost while the list was keyed by the .deb's own digest), RUNS times each after a warm-up.
 */
public final class ProxmoxFirmwareBench {
  static final int RUNS = 3;

  public static void main(String[] args) throws Exception {
    Path iso = Path.of(args[0]);
    Path work = Files.createDirectories(Path.of(args[1]));
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : RUNS;
    Sha256Digest isoSha256 = Sha256Digest.ofFile(iso);
    try (IsoImage image = IsoImage.open(iso)) {
      IsoEntry entry =
          image.list("/proxmox/packages").stream()
              .filter(e -> e.name().startsWith("pve-firmware_"))
              .findFirst()
              .orElseThrow();
      List<DebFile> debs = List.of(new DebFile(entry.path(), entry.size()));
      System.out.printf("%s: %.1f MB%n", entry.path(), entry.size() / 1e6);
      List<Double> cold = new ArrayList<>();
      List<Double> warm = new ArrayList<>();
      List<Double> hash = new ArrayList<>();
      Cache warmCache = cache(work.resolve("warm"));
      ProxmoxFirmware firmware = null;
      for (int run = 0; run <= runs; run++) {
        Cache empty = cache(work.resolve("cold-" + run));
        long t0 = System.nanoTime();
        firmware = read(empty, image, debs, isoSha256);
        double c = (System.nanoTime() - t0) / 1e9;
        read(warmCache, image, debs, isoSha256);
        t0 = System.nanoTime();
        read(warmCache, image, debs, isoSha256);
        double w = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        sha256(image, entry);
        double h = (System.nanoTime() - t0) / 1e9;
        System.out.printf("run %d: cold %.2f s, warm %.3f s, hash alone %.2f s%n", run, c, w, h);
        if (run > 0) { // run 0 warms the JIT and the page cache
          cold.add(c);
          warm.add(w);
          hash.add(h);
        }
      }
      System.out.printf(
          "%d names; %d runs, medians: cold %.2f s, warm (from the cache) %.3f s, hashing the .deb"
              + " alone %.2f s%n",
          firmware.names().size(),
          runs,
          WriterBench.median(cold),
          WriterBench.median(warm),
          WriterBench.median(hash));
    }
  }

  static ProxmoxFirmware read(
      Cache cache, IsoImage image, List<DebFile> debs, Sha256Digest isoSha256) {
    return new ProxmoxFirmwareReader(cache, EventListener.NONE)
        .read(image, debs, isoSha256, () -> {});
  }

  static Cache cache(Path root) {
    return Cache.open(
        root,
        (uri, target, limit) -> {
          throw new IllegalStateException("nothing is downloaded: " + uri);
        },
        Clock.systemUTC(),
        EventListener.NONE);
  }

  static Sha256Digest sha256(IsoImage image, IsoEntry entry) throws Exception {
    MessageDigest digest = Sha256Digest.newMessageDigest();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = image.open(entry)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return Sha256Digest.of(digest);
  }
}
