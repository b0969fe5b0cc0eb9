package io.github.pveiso.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pveiso.Sha256Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What each extra node of {@code pveiso build --answer-dir} costs against {@code cp} of the ISO, in
 * the same run. Makes the 1 GiB Proxmox-like ISO (see {@link WriterBench#makeBigIso}) and a folder
 * of NODES answer files, then times, RUNS times after a warm-up, as processes and each after a
 * {@code sync}: one {@code cp ISO COPY}; NODES + 1 {@code cp}s in a row (what writing as many files
 * costs once the kernel's dirty-page limit makes writers wait for the disk: a build with NODES
 * nodes writes the shared base and NODES ISOs); and {@code java -jar pveiso.jar build --answer-dir}
 * (JVM start included, the launcher's JVM options) with one answer and with NODES. Every build also
 * sets boot_timeout, so the ISOs share a change and the base is written (as it is when firmware is
 * added); nothing is downloaded. An extra node costs (build with NODES - build with 1) / (NODES -
 * 1), to be set against one {@code cp} and against the third to last of the {@code cp}s in a row,
 * which write the same files. Arguments: the mkrescue fixture, a work folder, the jar, and
 * optionally the number of runs.
 */
public final class AnswerDirBench {
  static final int RUNS = 5;
  static final int NODES = 4;

  static final String ANSWER =
      """
      [global]
      keyboard = "de"
      country = "at"
      fqdn = "NODE.example.com"
      mailto = "admin@example.com"
      timezone = "Europe/Vienna"
      root-password = "bench-root-password"

      [network]
      source = "from-dhcp"

      [disk-setup]
      filesystem = "ext4"
      disk-list = ["sda"]
      """;

  public static void main(String[] args) throws Exception {
    Path fixture = Path.of(args[0]);
    Path work = Files.createDirectories(Path.of(args[1]));
    Path jar = Path.of(args[2]);
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : RUNS;
    Path big = work.resolve("proxmox-ve_9.1-1.iso");
    WriterBench.makeBigIso(fixture, big, work);
    String sha = Sha256Digest.ofFile(big).toString();
    System.out.printf("1 GiB ISO %s, %d bytes, sha256 %s%n", big, Files.size(big), sha);
    Path one = answers(work.resolve("answers-1"), 1);
    Path many = answers(work.resolve("answers-" + NODES), NODES);
    Path out = work.resolve("out");
    Path copies = Files.createDirectories(work.resolve("copies"));
    List<Double> cps = new ArrayList<>();
    List<Double> rowCps = new ArrayList<>();
    List<Double> ones = new ArrayList<>();
    List<Double> manys = new ArrayList<>();
    List<Double> extras = new ArrayList<>();
    List<List<Double>> nodeStages = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      nodeStages.add(new ArrayList<>());
    }
    List<Double> shared = new ArrayList<>();
    for (int run = 0; run <= runs; run++) {
      sync(work);
      double c = cp(big, copies.resolve("copy.iso"), work);
      BuildBench.deleteOutputs(copies);
      sync(work);
      List<Double> row = new ArrayList<>();
      for (int i = 0; i <= NODES; i++) {
        row.add(cp(big, copies.resolve("copy-" + i + ".iso"), work));
      }
      BuildBench.deleteOutputs(copies);
      double later = row.subList(2, row.size()).stream().mapToDouble(d -> d).average().orElse(0);
      BuildBench.deleteOutputs(out);
      sync(work);
      double b1 = BuildBench.time(build(jar, big, sha, out, work, one), work.resolve("one.json"));
      BuildBench.deleteOutputs(out);
      sync(work);
      Path json = work.resolve("many.json");
      double bN = BuildBench.time(build(jar, big, sha, out, work, many), json);
      double[] nodes = new double[NODES];
      double base = 0;
      for (JsonNode t :
          new ObjectMapper().readTree(json.toFile()).path("result").path("stageTimings")) {
        String stage = t.path("stage").asText();
        if (stage.startsWith("node node-")) {
          nodes[Integer.parseInt(stage.substring("node node-".length())) - 1] =
              t.path("seconds").asDouble();
        } else if (stage.equals("write shared")) {
          base = t.path("seconds").asDouble();
        }
      }
      double extra = (bN - b1) / (NODES - 1);
      if (run > 0) { // run 0 warms the page cache and the JVM's class-data archive
        cps.add(c);
        rowCps.add(later);
        ones.add(b1);
        manys.add(bN);
        extras.add(extra);
        shared.add(base);
        for (int i = 0; i < NODES; i++) {
          nodeStages.get(i).add(nodes[i]);
        }
      }
      System.out.printf(
          "  run %d: cp %.2f s; %d cps in a row %s; build, 1 node %.2f s, %d nodes %.2f s"
              + " (extra node %.2f s); %s%n",
          run, c, NODES + 1, seconds(row), b1, NODES, bN, extra, BuildBench.stages(json));
    }
    Path output = BuildBench.onlyIso(out);
    List<Double> hashes = new ArrayList<>();
    for (int run = 0; run < 3; run++) {
      long t0 = System.nanoTime();
      Sha256Digest.ofFile(output);
      hashes.add((System.nanoTime() - t0) / 1e9);
    }
    double cp = WriterBench.median(cps);
    double row = WriterBench.median(rowCps);
    double e = WriterBench.median(extras);
    System.out.printf(
        "%nmedians over %d runs: one cp %.2f s; the 3rd to %dth of %d cps in a row %.2f s each;"
            + " build with 1 node %.2f s, with %d nodes %.2f s; each extra node %.2f s"
            + " (%.2fx one cp, %.2fx a cp in a row)%n",
        runs,
        cp,
        NODES + 1,
        NODES + 1,
        row,
        WriterBench.median(ones),
        NODES,
        WriterBench.median(manys),
        e,
        e / cp,
        e / row);
    StringBuilder stages = new StringBuilder();
    for (int i = 0; i < NODES; i++) {
      stages.append(
          String.format(", node-%d %.2f s", i + 1, WriterBench.median(nodeStages.get(i))));
    }
    System.out.printf(
        "stages of the %d-node build (node-1 verified in full, the others beside it): write shared"
            + " %.2f s%s%n",
        NODES, WriterBench.median(shared), stages);
    double h = WriterBench.median(hashes);
    System.out.printf(
        "SHA-256 of one %d MiB output alone: %.2f s (%.2fx one cp)%n",
        Files.size(output) >> 20, h, h / cp);
  }

  static double cp(Path from, Path to, Path work) throws IOException, InterruptedException {
    return BuildBench.time(List.of("cp", from.toString(), to.toString()), work.resolve("cp.log"));
  }

  /** Writes every dirty page out, so that each timed step starts from the same state. */
  static void sync(Path work) throws IOException, InterruptedException {
    BuildBench.time(List.of("sync"), work.resolve("sync.log"));
  }

  static String seconds(List<Double> values) {
    List<String> parts = new ArrayList<>();
    values.forEach(v -> parts.add(String.format("%.2f", v)));
    return "[" + String.join(", ", parts) + "] s";
  }

  /** A folder with {@code n} valid answers, node-1.toml to node-n.toml. */
  static Path answers(Path folder, int n) throws IOException {
    Files.createDirectories(folder);
    for (int i = 1; i <= n; i++) {
      Files.writeString(folder.resolve("node-" + i + ".toml"), ANSWER.replace("NODE", "node-" + i));
    }
    return folder;
  }

  static List<String> build(Path jar, Path big, String sha, Path out, Path work, Path answers) {
    List<String> build = new ArrayList<>();
    build.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String opts = System.getenv().getOrDefault("PVEISO_JAVA_OPTS", "");
    build.addAll(opts.isBlank() ? List.of() : List.of(opts.strip().split("\\s+")));
    build.addAll(List.of("-jar", jar.toString(), "build", "--json", "--quiet", "--no-progress"));
    build.addAll(List.of("--iso=" + big, "--iso-sha256=" + sha, "--output-dir=" + out));
    build.addAll(
        List.of("--work-dir=" + work.resolve("w"), "--firmware-cache=" + work.resolve("cache")));
    build.addAll(List.of("--firmware-sets=", "--no-include-amd", "--no-include-intel"));
    build.addAll(List.of("--no-include-nvidia", "--boot-timeout=5", "--answer-dir=" + answers));
    return build;
  }
}
