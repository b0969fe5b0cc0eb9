package io.github.pveiso.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pveiso.Sha256Digest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A full warm-cache {@code pveiso build} of a 1 GiB Proxmox-like ISO against {@code cp} of the same
 * ISO, in the same run. Both run as processes, as a user runs them: {@code cp SOURCE COPY} and
 * {@code java -jar pveiso.jar build --overwrite ...} (JVM start included). Each scenario builds
 * once cold (downloads, fills the cache), then RUNS times warm; every timed run of either starts
 * with its output deleted. Arguments: the mkrescue fixture, a work folder, the jar, and optionally
 * a Debian mirror (else the host's apt sources). Target: build at most 1.3x cp. With {@code
 * PVEISO_BENCH_BASELINE} naming another jar (main's, say), each run also times that jar's build,
 * before or after this one's in turns.
 */
public final class BuildBench {
  static final int RUNS = 5;

  record Scenario(String name, List<String> flags) {}

  public static void main(String[] args) throws Exception {
    Path fixture = Path.of(args[0]);
    Path work = Files.createDirectories(Path.of(args[1]));
    Path jar = Path.of(args[2]);
    URI mirror =
        args.length > 3
            ? URI.create(args[3])
            : new io.github.pveiso.debian.AptSources(Path.of("/")).debianMirror();
    Path big = work.resolve("proxmox-ve_9.1-1.iso");
    // PVEISO_BENCH_ISO_MIB: how much data the Proxmox-like ISO holds (1024 MiB by default)
    int mib = Integer.parseInt(System.getenv().getOrDefault("PVEISO_BENCH_ISO_MIB", "1024"));
    WriterBench.makeBigIso(fixture, big, work, mib);
    String sha = Sha256Digest.ofFile(big).toString();
    System.out.printf("ISO %s, %d bytes, sha256 %s%n", big, Files.size(big), sha);
    List<Scenario> all =
        List.of(
            new Scenario(
                "by hand (iso target, firmware-realtek)",
                List.of(
                    "--firmware-sets=",
                    "--no-include-nvidia",
                    "--no-include-amd",
                    "--no-include-intel",
                    "--targets=iso",
                    "--extra-packages=firmware-realtek")),
            new Scenario(
                "microcode (amd + intel sets; installer, system and iso targets)",
                List.of(
                    "--firmware-sets=", "--include-amd", "--include-intel", "--no-include-nvidia")),
            new Scenario(
                "the seed's defaults (freeware, nvidia, amd, intel sets; all targets)", List.of()));
    // PVEISO_BENCH_SCENARIOS: the scenarios to run, by the first word of their name (all by
    // default)
    String only = System.getenv().getOrDefault("PVEISO_BENCH_SCENARIOS", "");
    List<Scenario> scenarios =
        all.stream()
            .filter(
                s -> only.isBlank() || List.of(only.split(",")).contains(s.name().split(" ")[0]))
            .toList();
    Map<String, String> results = new LinkedHashMap<>();
    for (Scenario s : scenarios) {
      results.put(s.name(), run(s, big, sha, work, jar, mirror));
    }
    System.out.println();
    results.forEach((name, line) -> System.out.println(name + ": " + line));
  }

  static String run(Scenario s, Path big, String sha, Path work, Path jar, URI mirror)
      throws IOException, InterruptedException {
    Path out = work.resolve("out");
    Path copy = work.resolve("copy.iso");
    // run with the JVM options the ./pveiso launcher gives (LauncherOptions, at each run)
    List<String> build = buildCommand(jar, s, big, sha, work);
    build.add("--debian-mirror=" + mirror);
    // PVEISO_BENCH_BASELINE: another jar (main's, say), timed in turns with this one
    String baselineJar = System.getenv().getOrDefault("PVEISO_BENCH_BASELINE", "");
    List<String> baseline =
        baselineJar.isBlank() ? List.of() : buildCommand(Path.of(baselineJar), s, big, sha, work);
    if (!baseline.isEmpty()) {
      baseline.add("--debian-mirror=" + mirror);
    }
    System.out.printf("%n%s%n", s.name());
    double cold = time(build, work.resolve("cold.json"));
    System.out.printf("  cold build (downloads): %.2f s%n", cold);
    boolean byHand = s.name().startsWith("by hand");
    List<String> hand = byHand ? byHandScript(big, onlyIso(out), work) : List.of();
    List<Double> hands = new ArrayList<>();
    List<Double> copies = new ArrayList<>();
    List<Double> builds = new ArrayList<>();
    List<Double> baselines = new ArrayList<>();
    for (int run = 0; run <= RUNS; run++) {
      Files.deleteIfExists(copy);
      double c = time(List.of("cp", big.toString(), copy.toString()), work.resolve("cp.log"));
      Files.delete(copy);
      Path json = work.resolve("warm.json");
      // the baseline goes first in every other run, so that neither always follows the other
      double a = run % 2 == 1 ? timeBuild(baseline, out, work.resolve("baseline.json")) : 0;
      double b = timeBuild(build, out, json);
      a = run % 2 == 0 ? timeBuild(baseline, out, work.resolve("baseline.json")) : a;
      double h = byHand ? time(hand, work.resolve("hand.log")) : 0;
      if (run > 0) { // run 0 warms the page cache
        copies.add(c);
        builds.add(b);
        hands.add(h);
        baselines.add(a);
      }
      System.out.printf(
          "  run %d: cp %.2f s, build %.2f s%s%s; %s%n",
          run,
          c,
          b,
          baseline.isEmpty()
              ? ""
              : String.format(
                  ", baseline build %.2f s (write and verify %s)",
                  a, stage(work.resolve("baseline.json"), "write and verify")),
          byHand ? String.format(", by hand %.2f s", h) : "",
          stages(json));
    }
    long rss = peakRssKb(build, work);
    double cp = WriterBench.median(copies);
    double b = WriterBench.median(builds);
    // the floor a build cannot go below: the output's .sha256 needs one SHA-256 pass over it
    Path output = onlyIso(out);
    List<Double> hashes = new ArrayList<>();
    for (int run = 0; run < 3; run++) {
      long t0 = System.nanoTime();
      Sha256Digest.ofFile(output);
      hashes.add((System.nanoTime() - t0) / 1e9);
    }
    double h = WriterBench.median(hashes);
    String byHandLine =
        byHand
            ? String.format(
                "; by hand (cp, xorriso -dev ... -map, openssl dgst -sha256) %.2f s:"
                    + " warm build / by hand = %.2fx (target <= 1.0x)",
                WriterBench.median(hands), b / WriterBench.median(hands))
            : "";
    if (!baseline.isEmpty()) {
      double a = WriterBench.median(baselines);
      byHandLine +=
          String.format(
              "; baseline %s: warm build %.2f s%s",
              baselineJar,
              a,
              byHand ? String.format(" (%.2fx by hand)", a / WriterBench.median(hands)) : "");
    }
    return String.format(
        "medians over %d runs: cp %.2f s, warm build %.2f s (%.2fx cp)%s;"
            + " SHA-256 of the %d MiB output alone %.2f s (%.2fx cp); warm build's peak RSS %d MB",
        RUNS, cp, b, b / cp, byHandLine, Files.size(output) >> 20, h, h / cp, rss / 1024);
  }

  /**
   * The warm build of scenario {@code s} with {@code jar} (its JVM options added by {@link #time}).
   */
  static List<String> buildCommand(Path jar, Scenario s, Path big, String sha, Path work) {
    List<String> build = new ArrayList<>();
    build.add(javaBin());
    build.addAll(List.of("-jar", jar.toString(), "build", "--json", "--quiet"));
    build.addAll(List.of("--no-progress", "--overwrite", "--iso=" + big, "--iso-sha256=" + sha));
    build.addAll(List.of("--output-dir=" + work.resolve("out"), "--work-dir=" + work.resolve("w")));
    build.add("--firmware-cache=" + work.resolve("cache"));
    build.addAll(s.flags());
    return build;
  }

  /** Times {@code build} (nothing when empty) into an empty {@code out}; its wall time. */
  static double timeBuild(List<String> build, Path out, Path json)
      throws IOException, InterruptedException {
    if (build.isEmpty()) {
      return 0;
    }
    deleteOutputs(out);
    return time(build, json);
  }

  /**
   * What a user does by hand for the same ISO as the "by hand" scenario, as Proxmox's own assistant
   * does it: copy the source, append the firmware folder as a new session with xorriso (boot images
   * kept, the volume date's UUID kept), and checksum the result with the fastest tool here. The
   * firmware folder is the one the build put on its output, taken out once beforehand.
   */
  static List<String> byHandScript(Path big, Path built, Path work)
      throws IOException, InterruptedException {
    Path firmware = work.resolve("hand-firmware");
    if (Files.exists(firmware)) {
      time(List.of("rm", "-rf", firmware.toString()), work.resolve("rm.log"));
    }
    time(
        List.of(
            "xorriso",
            "-osirrox",
            "on",
            "-indev",
            built.toString(),
            "-extract",
            "/firmware",
            firmware.toString()),
        work.resolve("extract.log"));
    String uuid;
    try (io.github.pveiso.iso.IsoImage image = io.github.pveiso.iso.IsoImage.open(big)) {
      uuid = image.volumeDateUuid().replace("-", "");
    }
    Path copy = work.resolve("hand.iso");
    String script =
        String.join(
            " && ",
            "rm -f " + copy,
            "cp " + big + " " + copy,
            "xorriso -boot_image any keep -volume_date uuid "
                + uuid
                + " -dev "
                + copy
                + " -map "
                + firmware
                + " /firmware",
            "openssl dgst -sha256 " + copy + " > " + copy + ".sha256");
    return List.of("sh", "-c", script);
  }

  /** The peak resident set size of one more warm run of {@code build}, in KiB. */
  static long peakRssKb(List<String> build, Path work) throws IOException, InterruptedException {
    List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-v"));
    timed.addAll(build);
    Path log = work.resolve("rss.log");
    Files.deleteIfExists(work.resolve("stderr.log"));
    time(timed, log);
    for (String line : Files.readAllLines(work.resolve("stderr.log"))) {
      if (line.strip().startsWith("Maximum resident set size (kbytes):")) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
      }
    }
    throw new IOException("no peak RSS in " + work.resolve("stderr.log"));
  }

  /** The one ISO a build left in {@code out}. */
  static Path onlyIso(Path out) throws IOException {
    try (var files = Files.list(out)) {
      return files.filter(f -> f.toString().endsWith(".iso")).findFirst().orElseThrow();
    }
  }

  static void deleteOutputs(Path out) throws IOException {
    if (Files.isDirectory(out)) {
      try (var files = Files.list(out)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
    }
  }

  /**
   * Runs {@code argv} with stdout to {@code log}, a pveiso jar's run with the launcher's JVM
   * options ({@link LauncherOptions}, asked before the clock starts); its wall time in seconds.
   */
  static double time(List<String> command, Path log) throws IOException, InterruptedException {
    List<String> argv = LauncherOptions.insert(command);
    long t0 = System.nanoTime();
    Process p =
        new ProcessBuilder(argv)
            .redirectOutput(log.toFile())
            .redirectError(
                ProcessBuilder.Redirect.appendTo(log.resolveSibling("stderr.log").toFile()))
            .start();
    int code = p.waitFor();
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (code != 0) {
      throw new IOException(
          String.join(" ", argv) + " exited " + code + "; see " + log.resolveSibling("stderr.log"));
    }
    return seconds;
  }

  /** The build's stage timings from its --json document, e.g. {@code acquire 0.31 s, ...}. */
  static String stages(Path json) throws IOException {
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    List<String> parts = new ArrayList<>();
    for (JsonNode t : doc.path("result").path("stageTimings")) {
      parts.add(String.format("%s %.2f s", t.path("stage").asText(), t.path("seconds").asDouble()));
    }
    return String.join(", ", parts);
  }

  /** One stage's time from a --json document, e.g. {@code 0.91 s}. */
  static String stage(Path json, String name) throws IOException {
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    for (JsonNode t : doc.path("result").path("stageTimings")) {
      if (t.path("stage").asText().equals(name)) {
        return String.format("%.2f s", t.path("seconds").asDouble());
      }
    }
    return "?";
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
