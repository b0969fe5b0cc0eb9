package io.github.pveiso.pipeline.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.cli.ExitCode;
import io.github.pveiso.debian.CraftedDeb;
import io.github.pveiso.debian.DebArchive;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.initrd.MicrocodePackages;
import io.github.pveiso.pipeline.plan.DebContentsReader;
import io.github.pveiso.pipeline.stage.repack.FirmwareRepacker;
import io.github.pveiso.pipeline.stage.repack.RepackSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded, bounded fuzzing of every reader of package data with crafted .debs: random sequences of
 * files, folders, symlinks (inside, absolute, escaping, to a folder outside), hard links, entries
 * below links, huge declared sizes, every compression, then byte flips and truncation of the
 * result. Each must be read, staged, repacked and scanned for microcode with exit 0, 2 or 3 and one
 * line, and nothing may appear outside the work folder. A failing case names its seed: add it to
 * {@link #REGRESSIONS}.
 */
@Tag("slow")
class CraftedDebFuzzTest {

  static final long FIRST_SEED = 20261204L;
  static final int CASES = 400;

  /** Seeds that once failed, run before the others. */
  static final long[] REGRESSIONS = {};

  @TempDir Path dir;

  @Test
  void craftedPackagesEndInExit0Or2Or3WithOneLineAndNeverWriteOutside() throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    List<Long> seeds = new ArrayList<>();
    for (long seed : REGRESSIONS) {
      seeds.add(seed);
    }
    for (int i = 0; i < CASES; i++) {
      seeds.add(FIRST_SEED + i);
    }
    int[] byCode = new int[5];
    for (long seed : seeds) {
      Path work = Files.createDirectories(dir.resolve("work-" + seed));
      byte[] deb = craft(new SplittableRandom(seed), outside);
      Path file = Files.write(work.resolve("fuzz_1_all.deb"), deb);
      for (Reader reader : READERS) {
        int code = outcome(seed, reader, file, work);
        byCode[code]++;
      }
      try (Stream<Path> files = Files.walk(outside)) {
        assertThat(files.map(p -> outside.relativize(p).toString()))
            .as("seed %d wrote outside the work folder", seed)
            .containsExactly("");
      }
      deleteTree(work);
    }
    assertThat(byCode[1]).as("exit 1").isZero();
    assertThat(byCode[4]).as("exit 4").isZero();
    assertThat(byCode[0]).as("some packages are accepted").isPositive();
    assertThat(byCode[3]).as("some packages are refused").isPositive();
  }

  /** One way pveiso reads a .deb. */
  @FunctionalInterface
  interface Reader {
    void read(Path deb, Path work) throws IOException;
  }

  static final List<Reader> READERS =
      List.of(
          (deb, work) -> new DebContentsReader().read("fuzz", deb),
          (deb, work) ->
              new StageFirmwareTreeStep(work.resolve("firmware"))
                  .call(
                      List.of(
                          new StageFirmwareTreeStep.Source(
                              "fuzz", "1", deb, Sha256Digest.ofFile(deb)))),
          (deb, work) ->
              new FirmwareRepacker(0, EventListener.NONE)
                  .repack(List.of(new RepackSource(deb, "fuzz", "1")), work.resolve("repacked")),
          (deb, work) -> {
            try (InputStream in = Files.newInputStream(deb)) {
              MicrocodePackages.files(DebArchive.open("fuzz", in));
            }
          });

  static int outcome(long seed, Reader reader, Path deb, Path work) {
    Throwable error;
    try {
      reader.read(deb, work);
      return 0;
    } catch (Throwable t) {
      error = t;
    }
    int code = ExitCode.of(error).code();
    String message = String.valueOf(error.getMessage());
    if (code == 1 || code == 4 || message.contains("\n") || message.contains("null")) {
      throw new AssertionError(
          "seed " + seed + ": exit " + code + ": " + error + " (add the seed to REGRESSIONS)",
          error);
    }
    return code;
  }

  static final String[] NAMES = {"a.bin", "b", "dir", "x.fw", "evil", ".", "intel-ucode"};
  static final String[] ROOTS = {"./lib/firmware/", "./usr/lib/firmware/", "./", "lib/firmware/"};
  static final String[] SUFFIXES = {"", ".gz", ".xz", ".zst"};

  /** A path mostly inside a firmware folder; now and then absolute or with a {@code ..}. */
  static String path(RandomGenerator r) {
    StringBuilder p = new StringBuilder(r.nextInt(20) == 0 ? "/" : ROOTS[r.nextInt(ROOTS.length)]);
    int depth = 1 + r.nextInt(3);
    for (int i = 0; i < depth; i++) {
      String name = r.nextInt(20) == 0 ? ".." : NAMES[r.nextInt(NAMES.length)];
      p.append(i == 0 ? "" : "/").append(name);
    }
    return p.toString();
  }

  static String target(RandomGenerator r, Path outside, List<String> earlier) {
    return switch (r.nextInt(6)) {
      case 0 -> outside.toString();
      case 1 -> "../".repeat(1 + r.nextInt(5)) + "etc/shadow";
      case 2 -> "/lib/firmware/" + NAMES[r.nextInt(NAMES.length)];
      case 3 -> earlier.isEmpty() ? "a.bin" : earlier.get(r.nextInt(earlier.size()));
      case 4 -> "../" + NAMES[r.nextInt(NAMES.length)];
      default -> NAMES[r.nextInt(NAMES.length)];
    };
  }

  static byte[] craft(RandomGenerator r, Path outside) {
    CraftedDeb deb = new CraftedDeb("fuzz", "1").compression(SUFFIXES[r.nextInt(4)]);
    if (r.nextInt(10) == 0) {
      deb.controlText(
          "Package: fuzz\nVersion: " + (r.nextBoolean() ? "" : "1") + "\nDepends: a (>> )\n");
    }
    List<String> earlier = new ArrayList<>();
    int entries = 1 + r.nextInt(8);
    for (int i = 0; i < entries; i++) {
      String path = path(r);
      switch (r.nextInt(7)) {
        case 0 -> deb.dir(path + "/");
        case 1 -> deb.symlink(path, target(r, outside, earlier));
        case 2 -> deb.hardLink(path, target(r, outside, earlier));
        case 3 ->
            deb.entry(
                new CraftedDeb.Entry(
                    path, TarConstants.LF_NORMAL, "", new byte[r.nextInt(600)], 3L << 30));
        default -> {
          byte[] content = new byte[r.nextInt(2000)];
          r.nextBytes(content);
          deb.file(path, content);
        }
      }
      earlier.add(path);
    }
    byte[] bytes = deb.build();
    switch (r.nextInt(4)) {
      case 0 -> {
        int flips = 1 + r.nextInt(8);
        for (int i = 0; i < flips; i++) {
          bytes[r.nextInt(bytes.length)] ^= (byte) (1 + r.nextInt(255));
        }
      }
      case 1 -> bytes = Arrays.copyOf(bytes, r.nextInt(bytes.length));
      default -> {}
    }
    return bytes;
  }

  static void deleteTree(Path dir) throws IOException {
    StageFirmwareTreeStep.deleteTree(dir);
  }
}
