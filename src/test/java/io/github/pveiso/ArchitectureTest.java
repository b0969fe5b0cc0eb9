package io.github.pveiso;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape docs/architecture.md draws: no cycle between packages (read from the compiled classes
 * with the JDK's jdeps), the core never depends on the CLI, and no main class passes 300 lines
 * without saying why in its comment.
 */
class ArchitectureTest {

  private static final String BASE = "io.github.pveiso";

  /** Package to the packages it uses, within pveiso, from {@code jdeps -verbose:package}. */
  static Map<String, Set<String>> packageGraph() {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    StringWriter out = new StringWriter();
    int code =
        jdeps.run(
            new PrintWriter(out),
            new PrintWriter(new StringWriter()),
            "-verbose:package",
            "-filter:none",
            "target/classes");
    assertThat(code).as(out.toString()).isZero();
    Map<String, Set<String>> graph = new TreeMap<>();
    for (String line : out.toString().split("\n")) {
      String[] p = line.trim().split("\\s+");
      if (p.length >= 3
          && p[1].equals("->")
          && p[0].startsWith(BASE)
          && p[2].startsWith(BASE)
          && !p[0].equals(p[2])) {
        graph.computeIfAbsent(p[0], k -> new TreeSet<>()).add(p[2]);
      }
    }
    return graph;
  }

  @Test
  void noPackageCycle() {
    Map<String, Set<String>> graph = packageGraph();
    assertThat(graph).containsKey(BASE + ".pipeline");
    List<List<String>> cycles = new ArrayList<>();
    Map<String, Integer> state = new HashMap<>();
    for (String start : graph.keySet()) {
      walk(start, graph, state, new ArrayList<>(), cycles);
    }
    assertThat(cycles).isEmpty();
  }

  private static void walk(
      String node,
      Map<String, Set<String>> graph,
      Map<String, Integer> state,
      List<String> path,
      List<List<String>> cycles) {
    Integer s = state.get(node);
    if (s != null && s == 2) {
      return;
    }
    if (s != null && s == 1) {
      cycles.add(List.copyOf(path.subList(path.indexOf(node), path.size())));
      return;
    }
    state.put(node, 1);
    path.add(node);
    for (String next : graph.getOrDefault(node, Set.of())) {
      walk(next, graph, state, path, cycles);
    }
    path.remove(path.size() - 1);
    state.put(node, 2);
  }

  @Test
  void onlyTheCliUsesTheCli() {
    packageGraph()
        .forEach(
            (from, to) -> {
              if (!from.startsWith(BASE + ".cli")) {
                assertThat(to).as(from).noneMatch(p -> p.startsWith(BASE + ".cli"));
              }
            });
  }

  @Test
  void aMainClassOver300LinesSaysWhyInItsComment() throws IOException {
    List<String> unexplained = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        List<String> lines = Files.readAllLines(file);
        if (lines.size() > 300 && lines.stream().noneMatch(l -> l.contains("Over 300 lines"))) {
          unexplained.add(file + " (" + lines.size() + " lines)");
        }
      }
    }
    assertThat(unexplained).isEmpty();
  }
}
