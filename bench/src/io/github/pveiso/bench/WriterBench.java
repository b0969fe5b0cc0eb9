package io.github.pveiso.bench;

import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.BootLayout;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.verify.ExpectedContent;
import io.github.pveiso.iso.verify.IsoVerifier;
import io.github.pveiso.iso.write.GrowingIsoWriter;
import io.github.pveiso.iso.write.IsoChange;
import io.github.pveiso.iso.write.IsoWriter;
import io.github.pveiso.iso.write.WriteResult;
import io.github.pveiso.iso.write.XorrisoIsoWriter;
import io.github.pveiso.proc.SystemProcessRunner;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The ISO writers against a plain copy of the same 1 GiB Proxmox-like ISO, in the same run. Makes
 * the ISO from the mkrescue fixture (argument 1) grown with 1 GiB of random data, then times, RUNS
 * times each after a warm-up: {@code Files.copy}, the pure-Java writer (GROW) and xorriso's
 * (GROW_COPY) adding one small file, and each writer plus the verifier. Target: writer at most 1.3x
 * the copy. An optional third argument sets the number of runs (e.g. 1 for a quick check).
 */
public final class WriterBench {
  static final int RUNS = 5;

  public static void main(String[] args) throws Exception {
    Path fixture = Path.of(args[0]);
    Path work = Files.createDirectories(Path.of(args[1]));
    Path big = work.resolve("big.iso");
    makeBigIso(fixture, big, work);
    BootLayout layout;
    try (IsoImage image = IsoImage.open(big)) {
      layout = image.bootLayout();
    }
    Path added = Files.writeString(work.resolve("added.txt"), "pveiso bench\n");
    List<IsoChange> changes =
        List.of(
            new IsoChange.AddFile(
                "/pveiso-added.txt", added, 0644, Instant.ofEpochSecond(1_700_000_000L)));
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : RUNS;
    Map<String, IsoWriter> writers = new LinkedHashMap<>();
    writers.put("java", new GrowingIsoWriter(EventListener.NONE));
    writers.put(
        "xorriso",
        new XorrisoIsoWriter(
            new SystemProcessRunner(), EventListener.NONE, Duration.ofMinutes(30)));
    IsoVerifier verifier = new IsoVerifier(EventListener.NONE);
    String addedSha = io.github.pveiso.Sha256Digest.ofFile(added).toString();
    Path copy = work.resolve("copy.iso");
    Path out = work.resolve("out.iso");
    List<Double> copies = new ArrayList<>();
    Map<String, List<Double>> writes = new LinkedHashMap<>();
    Map<String, List<Double>> verified = new LinkedHashMap<>();
    for (int run = 0; run <= runs; run++) {
      Files.deleteIfExists(copy);
      long t0 = System.nanoTime();
      Files.copy(big, copy, StandardCopyOption.REPLACE_EXISTING);
      double c = (System.nanoTime() - t0) / 1e9;
      Files.delete(copy);
      StringBuilder line = new StringBuilder(String.format("run %d: copy %.2f s", run, c));
      if (run > 0) { // run 0 warms the JIT and the page cache
        copies.add(c);
      }
      for (Map.Entry<String, IsoWriter> writer : writers.entrySet()) {
        Files.deleteIfExists(out);
        t0 = System.nanoTime();
        WriteResult result = writer.getValue().write(big, layout, changes, out);
        double w = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        verifier.verify(
            big, out, Map.of("/pveiso-added.txt", new ExpectedContent.Digest(addedSha)));
        double v = (System.nanoTime() - t0) / 1e9;
        Files.delete(out);
        if (run > 0) {
          writes.computeIfAbsent(writer.getKey(), k -> new ArrayList<>()).add(w);
          verified.computeIfAbsent(writer.getKey(), k -> new ArrayList<>()).add(w + v);
        }
        line.append(
            String.format(
                ", %s (%s) %.2f s + verify %.2f s", writer.getKey(), result.strategy(), w, v));
      }
      System.out.println(line);
    }
    double copyMedian = median(copies);
    System.out.printf("1 GiB ISO, %d runs, medians: copy %.2f s%n", runs, copyMedian);
    for (String name : writers.keySet()) {
      double writeMedian = median(writes.get(name));
      double verifiedMedian = median(verified.get(name));
      System.out.printf(
          "  %s writer: write %.2f s (%.2fx), write+verify %.2f s (%.2fx); target write <= 1.30x%n",
          name, writeMedian, writeMedian / copyMedian, verifiedMedian, verifiedMedian / copyMedian);
    }
  }

  static void makeBigIso(Path fixture, Path big, Path work)
      throws IOException, InterruptedException {
    makeBigIso(fixture, big, work, 1024);
  }

  /** As {@link #makeBigIso(Path, Path, Path)}, with {@code mib} MiB of random data added. */
  static void makeBigIso(Path fixture, Path big, Path work, int mib)
      throws IOException, InterruptedException {
    Path filler = work.resolve("filler.bin");
    byte[] block = new byte[1 << 20];
    Random random = new Random(42);
    try (OutputStream o = Files.newOutputStream(filler)) {
      for (int i = 0; i < mib; i++) {
        random.nextBytes(block);
        o.write(block);
      }
    }
    String uuid;
    try (IsoImage image = IsoImage.open(fixture)) {
      uuid = image.volumeDateUuid().replace("-", "");
    }
    Files.copy(fixture, big, StandardCopyOption.REPLACE_EXISTING);
    Process p =
        new ProcessBuilder(
                "xorriso",
                "-dev",
                big.toString(),
                "-boot_image",
                "any",
                "keep",
                "-volume_date",
                "uuid",
                uuid,
                "-map",
                filler.toString(),
                "/pve-base-filler.bin")
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("xorriso.log").toFile())
            .start();
    if (p.waitFor() != 0) {
      throw new IOException(
          "xorriso failed to make the big ISO; see " + work.resolve("xorriso.log"));
    }
    Files.delete(filler);
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
