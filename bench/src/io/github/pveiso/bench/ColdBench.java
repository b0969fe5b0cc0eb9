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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cold build of the seed's defaults (freeware, nvidia, amd and intel sets; all targets) of a 1
 * GiB Proxmox-like ISO, against its downloads. Every build runs as a process under {@code
 * /usr/bin/time -v} (peak RSS), with the launcher's JVM options ({@link LauncherOptions}):
 *
 * <ol>
 *   <li>downloads alone: {@code pveiso fetch} into an empty cache (the ISO's inspection and digest,
 *       InRelease, the indexes and the 13 .debs);
 *   <li>a cold build: {@code pveiso build} with an empty cache (downloads included), once per jar;
 *   <li>cold stage: {@code pveiso build} with a copy of the fetched cache (every download there,
 *       nothing derived from them: no firmware tree, microcode archive or repacked package), RUNS
 *       times per jar, the jars alternating.
 * </ol>
 *
 * Arguments: the mkrescue fixture, a work folder, then one or more {@code label=jar} (e.g. {@code
 * before=old.jar after=target/pveiso.jar}); {@code PVEISO_BENCH_MIRROR} names a Debian mirror (else
 * the host's apt sources), {@code PVEISO_BENCH_RUNS} the rounds (3). Target (issue 14): a cold
 * build at most its downloads plus 20 s, its stage at most 15 s.
 */
public final class ColdBench {

  record Run(double seconds, double stage, long rssKb, String sha256) {}

  public static void main(String[] args) throws Exception {
    Path fixture = Path.of(args[0]);
    Path work = Files.createDirectories(Path.of(args[1]));
    Map<String, Path> jars = new LinkedHashMap<>();
    for (int i = 2; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      jars.put(kv[0], Path.of(kv[1]));
    }
    String mirrorEnv = System.getenv().getOrDefault("PVEISO_BENCH_MIRROR", "");
    URI mirror =
        mirrorEnv.isEmpty()
            ? new io.github.pveiso.debian.AptSources(Path.of("/")).debianMirror()
            : URI.create(mirrorEnv);
    int runs = Integer.parseInt(System.getenv().getOrDefault("PVEISO_BENCH_RUNS", "3"));
    Path big = work.resolve("proxmox-ve_9.1-1.iso");
    WriterBench.makeBigIso(fixture, big, work);
    Files.deleteIfExists(work.resolve("filler.bin"));
    String sha = Sha256Digest.ofFile(big).toString();
    System.out.printf("1 GiB ISO %s, sha256 %s; %s%n", big, sha, load());

    Path fetched = work.resolve("cache-fetched");
    Path firstJar = jars.values().iterator().next();
    Run fetch = pveiso(firstJar, "fetch", big, sha, mirror, fetched, work);
    System.out.printf(
        "downloads alone (fetch, empty cache): %.2f s, peak RSS %d MB; %s%n",
        fetch.seconds(), fetch.rssKb() >> 10, load());

    Map<String, Run> cold = new LinkedHashMap<>();
    for (Map.Entry<String, Path> jar : jars.entrySet()) {
      Path cache = work.resolve("cache-cold-" + jar.getKey());
      deleteTree(cache);
      Run run = pveiso(jar.getValue(), "build", big, sha, mirror, cache, work);
      cold.put(jar.getKey(), run);
      System.out.printf("%s cold build: %s; %s%n", jar.getKey(), describe(run), load());
      deleteTree(cache);
    }

    Map<String, List<Run>> stage = new LinkedHashMap<>();
    for (int round = 1; round <= runs; round++) {
      for (Map.Entry<String, Path> jar : jars.entrySet()) {
        Path cache = work.resolve("cache-stage");
        deleteTree(cache);
        copyTree(fetched, cache);
        Run run = pveiso(jar.getValue(), "build", big, sha, mirror, cache, work);
        stage.computeIfAbsent(jar.getKey(), k -> new ArrayList<>()).add(run);
        System.out.printf(
            "round %d, %s, cold stage (downloads cached): %s; %s%n",
            round, jar.getKey(), describe(run), load());
      }
    }

    System.out.println();
    System.out.printf("downloads alone: %.2f s%n", fetch.seconds());
    for (String label : jars.keySet()) {
      Run c = cold.get(label);
      List<Run> s = stage.get(label);
      System.out.printf(
          "%s: cold build %.2f s (stage %.2f s, downloads + %.2f s), peak RSS %d MB;"
              + " cold stage medians of %d: build %.2f s, stage %.2f s, peak RSS %d MB;"
              + " ISO sha256 %s%n",
          label,
          c.seconds(),
          c.stage(),
          c.seconds() - fetch.seconds(),
          c.rssKb() >> 10,
          s.size(),
          WriterBench.median(s.stream().map(Run::seconds).toList()),
          WriterBench.median(s.stream().map(Run::stage).toList()),
          (long) WriterBench.median(s.stream().map(r -> (double) r.rssKb()).toList()) >> 10,
          c.sha256());
    }
    System.out.println("targets: cold build <= downloads + 20 s; stage <= 15 s");
  }

  static String describe(Run run) {
    return String.format(
        "%.2f s, stage %.2f s, peak RSS %d MB", run.seconds(), run.stage(), run.rssKb() >> 10);
  }

  /** {@code pveiso COMMAND} of the seed's defaults as a process; its time, stage and RSS. */
  static Run pveiso(
      Path jar, String command, Path iso, String sha, URI mirror, Path cache, Path work)
      throws IOException, InterruptedException {
    Path out = work.resolve("out");
    deleteTree(out);
    deleteTree(work.resolve("w"));
    Path json = work.resolve(command + ".json");
    Path timeLog = work.resolve("time.log");
    List<String> argv = new ArrayList<>(List.of("/usr/bin/time", "-v", "-o", timeLog.toString()));
    argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // the launcher's options for this jar's command, as ./pveiso gives them at this run: each jar
    // has its own class-data archive, recorded on its first run of the command, made before its
    // second
    argv.addAll(LauncherOptions.of(jar.toString(), command));
    argv.addAll(List.of("-jar", jar.toString(), command, "--json", "--quiet", "--no-progress"));
    argv.addAll(List.of("--iso=" + iso, "--iso-sha256=" + sha, "--debian-mirror=" + mirror));
    argv.addAll(List.of("--firmware-cache=" + cache, "--work-dir=" + work.resolve("w")));
    if (command.equals("build")) {
      argv.addAll(List.of("--output-dir=" + out, "--overwrite"));
    }
    long t0 = System.nanoTime();
    Process p =
        new ProcessBuilder(argv)
            .redirectOutput(json.toFile())
            .redirectError(ProcessBuilder.Redirect.appendTo(work.resolve("stderr.log").toFile()))
            .start();
    int code = p.waitFor();
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (code != 0) {
      throw new IOException(String.join(" ", argv) + " exited " + code + "; see stderr.log");
    }
    Matcher rss =
        Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)")
            .matcher(Files.readString(timeLog));
    long rssKb = rss.find() ? Long.parseLong(rss.group(1)) : -1;
    double stage = 0;
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    for (JsonNode t : doc.path("result").path("stageTimings")) {
      if (t.path("stage").asText().equals("stage")) {
        stage = t.path("seconds").asDouble();
      }
    }
    String isoSha = "";
    if (command.equals("build")) {
      isoSha = Sha256Digest.ofFile(BuildBench.onlyIso(out)).hex().substring(0, 16);
    }
    return new Run(seconds, stage, rssKb, isoSha);
  }

  static String load() throws IOException {
    return "load average " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (var walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  static void deleteTree(Path root) throws IOException {
    CompressBench.deleteTree(root);
  }
}
