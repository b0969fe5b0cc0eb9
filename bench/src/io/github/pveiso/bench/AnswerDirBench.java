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
 * {@code sync}: one {@code cp ISO COPY}; NODES + 1 {@code cp}s in a row (a build with NODES nodes
 * writes the shared base and NODES ISOs: the k-th node is the (k+1)-th gigabyte written in a row);
 * and {@code java -jar pveiso.jar build --answer-dir} (JVM start included, the launcher's JVM
 * options) with one answer and with NODES. Every build also sets boot_timeout, so the ISOs share a
 * change and the base is written (as it is when firmware is added); nothing is downloaded.
 *
 * <p>An extra node's cost is read two ways: the build's own timing of each node after the first
 * (stage "node node-k": its wall time from the end of the node before, the publishing of its ISO,
 * to the end of its own; the nodes' verification and publishing run on other threads beside the
 * next nodes' copies, which are made while the first node is verified, so node 1's stage holds the
 * others' copies and the times of the nodes add up to the time they took together), and (build with
 * NODES - build with 1) / (NODES - 1), the measure, which adds what each node costs before the
 * writing (its answer checked and staged). Each is set against one {@code cp} and against the cp
 * made under the same conditions: node k against the (k+1)-th of the cps in a row, and against the
 * fastest cp of the run. Given a second jar (an older build) the two are run alternately, the same
 * run measuring before and after. Arguments: the mkrescue fixture, a work folder, the jar,
 * optionally the number of runs and the older jar.
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

  /** One jar's timings over the runs. */
  static final class Timings {
    final String name;
    final Path jar;
    final List<Double> ones = new ArrayList<>();
    final List<Double> manys = new ArrayList<>();
    final List<Double> extras = new ArrayList<>();
    final List<Double> shared = new ArrayList<>();
    final List<List<Double>> nodes = new ArrayList<>();

    Timings(String name, Path jar) {
      this.name = name;
      this.jar = jar;
      for (int i = 0; i < NODES; i++) {
        nodes.add(new ArrayList<>());
      }
    }
  }

  public static void main(String[] args) throws Exception {
    Path fixture = Path.of(args[0]);
    Path work = Files.createDirectories(Path.of(args[1]));
    List<Timings> jars = new ArrayList<>();
    jars.add(new Timings("this", Path.of(args[2])));
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : RUNS;
    if (args.length > 4) {
      jars.add(new Timings("older", Path.of(args[4])));
    }
    Path big = work.resolve("proxmox-ve_9.1-1.iso");
    WriterBench.makeBigIso(fixture, big, work);
    String sha = Sha256Digest.ofFile(big).toString();
    System.out.printf("1 GiB ISO %s, %d bytes, sha256 %s%n", big, Files.size(big), sha);
    Path one = answers(work.resolve("answers-1"), 1);
    Path many = answers(work.resolve("answers-" + NODES), NODES);
    Path out = work.resolve("out");
    Path copies = Files.createDirectories(work.resolve("copies"));
    List<Double> cps = new ArrayList<>();
    List<List<Double>> rowCps = new ArrayList<>();
    for (int i = 0; i <= NODES; i++) {
      rowCps.add(new ArrayList<>());
    }
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
      System.out.printf(
          "  run %d: cp %.2f s; %d cps in a row %s%n", run, c, NODES + 1, seconds(row));
      if (run > 0) { // run 0 warms the page cache and the JVM's class-data archive
        cps.add(c);
        for (int i = 0; i <= NODES; i++) {
          rowCps.get(i).add(row.get(i));
        }
      }
      // alternate which jar goes first, so that neither always follows the cps
      for (int j = 0; j < jars.size(); j++) {
        Timings t = jars.get((run + j) % jars.size());
        BuildBench.deleteOutputs(out);
        sync(work);
        double b1 = BuildBench.time(build(t.jar, big, sha, out, work, one), work.resolve("1.json"));
        BuildBench.deleteOutputs(out);
        sync(work);
        Path json = work.resolve("many.json");
        double bN = BuildBench.time(build(t.jar, big, sha, out, work, many), json);
        double[] nodes = new double[NODES];
        double base = 0;
        for (JsonNode timing :
            new ObjectMapper().readTree(json.toFile()).path("result").path("stageTimings")) {
          String stage = timing.path("stage").asText();
          if (stage.startsWith("node node-")) {
            nodes[Integer.parseInt(stage.substring("node node-".length())) - 1] =
                timing.path("seconds").asDouble();
          } else if (stage.equals("write shared")) {
            base = timing.path("seconds").asDouble();
          }
        }
        double extra = (bN - b1) / (NODES - 1);
        if (run > 0) {
          t.ones.add(b1);
          t.manys.add(bN);
          t.extras.add(extra);
          t.shared.add(base);
          for (int i = 0; i < NODES; i++) {
            t.nodes.get(i).add(nodes[i]);
          }
        }
        System.out.printf(
            "    %s jar: build, 1 node %.2f s, %d nodes %.2f s (extra node %.2f s); %s%n",
            t.name, b1, NODES, bN, extra, BuildBench.stages(json));
      }
    }
    double cp = WriterBench.median(cps);
    List<Double> row = rowCps.stream().map(WriterBench::median).toList();
    // the strictest yardstick: on this VM a lone cp took 0.26 s in one run and 2.3 s in the next
    // (not pveiso's doing), so the fastest of all the cps too
    double fastest =
        java.util.stream.Stream.concat(cps.stream(), rowCps.get(0).stream())
            .mapToDouble(Double::doubleValue)
            .min()
            .orElseThrow();
    System.out.printf(
        "%nmedians over %d runs: one cp %.2f s; the cps in a row %s; the fastest cp %.2f s%n",
        runs, cp, seconds(row), fastest);
    for (Timings t : jars) {
      StringBuilder stages = new StringBuilder();
      List<Double> nodeRatios = new ArrayList<>();
      List<Double> extraNodes = new ArrayList<>();
      for (int i = 0; i < NODES; i++) {
        double node = WriterBench.median(t.nodes.get(i));
        stages.append(String.format(", node-%d %.2f s", i + 1, node));
        if (i > 0) {
          extraNodes.add(node);
          // node i+1 is the (i+2)-th file written in a row: the base, then node 1 ...
          nodeRatios.add(node / row.get(i + 1));
        }
      }
      double node = WriterBench.median(extraNodes);
      double e = WriterBench.median(t.extras);
      System.out.printf(
          "%s jar (%s): build with 1 node %.2f s, with %d nodes %.2f s; write shared %.2f s%s%n",
          t.name,
          t.jar,
          WriterBench.median(t.ones),
          NODES,
          WriterBench.median(t.manys),
          WriterBench.median(t.shared),
          stages);
      System.out.printf(
          "  each extra node, its stage: %.2f s (%.2fx one cp; %.2fx the cp in the same place"
              + " of a row)%n",
          node, node / cp, WriterBench.median(nodeRatios));
      System.out.printf(
          "  each extra node, by difference of the builds: %.2f s (%.2fx one cp; %.2fx the fastest"
              + " cp)%n",
          e, e / cp, e / fastest);
    }
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
    build.addAll(List.of("-jar", jar.toString(), "build", "--json", "--quiet", "--no-progress"));
    build.addAll(List.of("--iso=" + big, "--iso-sha256=" + sha, "--output-dir=" + out));
    build.addAll(
        List.of("--work-dir=" + work.resolve("w"), "--firmware-cache=" + work.resolve("cache")));
    build.addAll(List.of("--firmware-sets=", "--no-include-amd", "--no-include-intel"));
    build.addAll(List.of("--no-include-nvidia", "--boot-timeout=5", "--answer-dir=" + answers));
    return build;
  }
}
