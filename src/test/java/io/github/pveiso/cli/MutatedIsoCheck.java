package io.github.pveiso.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs {@code inspect}, {@code verify}, {@code verify --against} the fixture and {@code verify
 * --against} itself (so that both sides of each comparison are damaged) on a mutated copy of a
 * fixture ISO, in process, and lists what went wrong: an exit code other than 0, 2 or 3, a stack
 * trace, more than one error line, more than {@link #ALLOCATION_BOUND} bytes allocated, or a file
 * left in the temporary folder. A case that takes longer than {@link #HANG_GUARD} fails as a hang;
 * that is a guard against endless loops, not a speed assertion.
 */
final class MutatedIsoCheck {
  /** A case that has not ended after this long hangs (one case takes well under a second). */
  static final Duration HANG_GUARD = Duration.ofSeconds(120);

  /**
   * The bytes one case may allocate: the four commands on an unchanged 1.7 MB fixture allocate
   * about 20 MiB (a bound, not a measurement; nothing may be sized by a damaged field).
   */
  static final long ALLOCATION_BOUND = 128L << 20;

  private final Path dir;
  private final Path tmp;

  /**
   * A checker that works in {@code dir}: the mutated copy is {@code dir/mutated.iso} and {@code
   * java.io.tmpdir} must point at {@code dir/tmp} while it runs (inspect extracts there).
   */
  MutatedIsoCheck(Path dir) {
    this.dir = dir;
    this.tmp = dir.resolve("tmp");
  }

  /** Applies {@code mutation} to a fresh copy of its fixture and runs the four commands on it. */
  List<String> problems(IsoMutation mutation) {
    List<String> problems = new ArrayList<>();
    assertTimeoutPreemptively(
        HANG_GUARD, () -> problems.addAll(run(mutation)), () -> "hang: " + mutation.code());
    return problems;
  }

  /** Fails with every problem of {@code mutation} and the code that makes it again. */
  void assertClean(IsoMutation mutation) {
    assertThat(problems(mutation)).as(mutation.code()).isEmpty();
  }

  private List<String> run(IsoMutation mutation) throws IOException {
    Path iso = dir.resolve("mutated.iso");
    Files.copy(mutation.fixture().iso(), iso, StandardCopyOption.REPLACE_EXISTING);
    mutation.applyTo(iso);
    Files.createDirectories(tmp);
    String original = mutation.fixture().iso().toString();
    List<String> problems = new ArrayList<>();
    long before = allocatedBytes();
    check(problems, CliRun.run(dir, Map.of(), "inspect", "mutated.iso"), "inspect");
    check(problems, CliRun.run(dir, Map.of(), "verify", "mutated.iso"), "verify");
    check(
        problems,
        CliRun.run(dir, Map.of(), "verify", "mutated.iso", "--against", original),
        "verify --against");
    check(
        problems,
        CliRun.run(dir, Map.of(), "verify", "mutated.iso", "--against", "mutated.iso"),
        "verify --against itself");
    long allocated = allocatedBytes() - before;
    if (allocated > ALLOCATION_BOUND) {
      problems.add("the four commands allocated " + allocated + " bytes");
    }
    try (Stream<Path> left = Files.list(tmp)) {
      left.forEach(p -> problems.add("left " + p + " behind"));
    }
    try (Stream<Path> files = Files.list(dir)) {
      files.filter(p -> !p.equals(iso) && !p.equals(tmp)).forEach(p -> problems.add("wrote " + p));
    }
    return problems;
  }

  private static void check(List<String> problems, CliRun run, String command) {
    String problem = problem(run);
    if (!problem.isEmpty()) {
      problems.add(command + " " + problem);
    }
  }

  /** What is wrong with one run's outcome, or {@code ""}. */
  static String problem(CliRun run) {
    List<String> lines = run.err().lines().filter(l -> l.startsWith("pveiso: ")).toList();
    if (run.exitCode() != 0 && run.exitCode() != 2 && run.exitCode() != 3) {
      return "exited " + run.exitCode() + ": " + run.err().strip();
    }
    if (run.err().lines().anyMatch(l -> l.startsWith("\tat ") || l.contains("Exception in"))) {
      return "printed a stack trace: " + run.err().strip();
    }
    if (lines.size() > 1) {
      return "printed " + lines.size() + " error lines: " + run.err().strip();
    }
    return "";
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  /**
   * Sets {@code java.io.tmpdir} to {@code dir/tmp}, which pveiso must leave empty, for {@code
   * body}.
   */
  void withTemporaryFolder(Runnable body) {
    String saved = System.getProperty("java.io.tmpdir");
    try {
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.setProperty("java.io.tmpdir", tmp.toString());
    try {
      body.run();
    } finally {
      System.setProperty("java.io.tmpdir", saved);
    }
  }
}
