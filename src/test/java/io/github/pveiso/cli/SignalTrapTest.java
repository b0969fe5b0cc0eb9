package io.github.pveiso.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.debian.TestDeb;
import io.github.pveiso.debian.TestRepository;
import io.github.pveiso.net.LoopbackServer;
import io.github.pveiso.testing.Fixtures.Fixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGINT and SIGTERM sent to a real {@code pveiso build} process in the middle of a step: it exits
 * with 130 or 143, says so in one line, and leaves no temporary file behind, nor a program it
 * started. The build is held at a known point by the outside world (a stand-in xorriso that does
 * not return, a server that stops half-way through a package), so nothing depends on timing.
 */
@Tag("slow")
class SignalTrapTest {

  private static final Duration LIMIT = Duration.ofMinutes(3);

  @TempDir Path dir;

  private final List<Process> children = new ArrayList<>();
  private Optional<Long> xorrisoPid = Optional.empty();

  @AfterEach
  void stopWhatIsLeft() {
    // only if a test failed: the build and the stand-in xorriso this test started
    children.forEach(Process::destroyForcibly);
    xorrisoPid.flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
  }

  private List<String> buildArgs(String... more) {
    List<String> args = new ArrayList<>(List.of("build", "--no-progress"));
    args.add("--iso=" + Fixture.MKRESCUE.iso());
    args.addAll(List.of("--firmware-sets=", "--no-include-amd", "--no-include-intel"));
    args.addAll(List.of("--no-include-nvidia", "--output-dir=out", "--work-dir=work"));
    args.add("--firmware-cache=cache");
    args.addAll(List.of(more));
    return args;
  }

  /**
   * Starts {@code pveiso} in a JVM of its own in {@code dir}, with SIGINT and SIGTERM handled by
   * default whatever the test runner ignores (a background job ignores SIGINT, and its children
   * inherit that).
   */
  private Process start(Map<String, String> env, List<String> args) throws IOException {
    ProcessBuilder builder =
        MainJvm.builder(dir, List.of("env", "--default-signal=INT,TERM"), args);
    builder.environment().putAll(env);
    Process process = builder.start();
    children.add(process);
    return process;
  }

  /** Waits until {@code condition} holds; fails when {@code child} ends first. */
  private void await(BooleanSupplier condition, Process child, String what) throws Exception {
    Instant end = Instant.now().plus(LIMIT);
    while (!condition.getAsBoolean()) {
      assertThat(child.isAlive()).as("pveiso ended before " + what + ":\n" + stderr()).isTrue();
      assertThat(Instant.now()).as("waiting for " + what).isBefore(end);
      Thread.sleep(20);
    }
  }

  private static void signal(String name, Process child) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(child.pid())).start();
    assertThat(kill.waitFor()).isZero();
  }

  private int exitCode(Process child) throws Exception {
    assertThat(child.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).as(stderr()).isTrue();
    return child.exitValue();
  }

  private String stderr() {
    try {
      return Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return e.toString();
    }
  }

  private String lastLine() {
    List<String> lines = stderr().lines().toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  private static List<String> files(Path root) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> !p.equals(root))
          .map(p -> root.relativize(p).toString())
          .sorted()
          .toList();
    }
  }

  @Test
  void sigintWhileXorrisoWritesStopsItRemovesEveryTemporaryFileAndExits130() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path marker = dir.resolve("xorriso-started");
    Path xorriso = bin.resolve("xorriso");
    Files.writeString(
        xorriso,
        "#!/bin/sh\n"
            + "echo $$ > \"$PVEISO_TEST_MARKER.tmp\"\n"
            + "mv \"$PVEISO_TEST_MARKER.tmp\" \"$PVEISO_TEST_MARKER\"\n"
            + "exec sleep 600\n");
    Files.setPosixFilePermissions(xorriso, PosixFilePermissions.fromString("rwxr-xr-x"));
    Process child =
        start(
            Map.of(
                "PATH", bin + ":" + System.getenv("PATH"), "PVEISO_TEST_MARKER", marker.toString()),
            buildArgs("--iso-writer=xorriso"));
    await(() -> Files.exists(marker), child, "xorriso started");
    xorrisoPid = Optional.of(Long.parseLong(Files.readString(marker).strip()));
    assertThat(files(dir.resolve("out")))
        .hasSize(2)
        .contains(".pveiso.lock")
        .anyMatch(
            n -> n.matches("\\.mkrescue-pveiso\\.iso\\." + child.pid() + "-\\d+-1-\\d+\\.partial"));
    assertThat(files(dir.resolve("work")))
        .anyMatch(n -> n.startsWith("pveiso-" + child.pid() + "-"));
    // the child's start as the child read it (this JVM may read it a second off: see RunOwner)
    long started =
        files(dir.resolve("out")).stream()
            .map(
                n ->
                    java.util.regex.Pattern.compile(
                            "\\.mkrescue-pveiso\\.iso\\."
                                + child.pid()
                                + "-(\\d+)-1-\\d+\\.partial")
                        .matcher(n))
            .filter(java.util.regex.Matcher::matches)
            .map(m -> Long.parseLong(m.group(1)))
            .findFirst()
            .orElseThrow();
    assertThat(child.info().startInstant().map(Instant::toEpochMilli).orElseThrow())
        .isCloseTo(started, org.assertj.core.data.Offset.offset(2_000L));

    // meanwhile, a second build of the same output fails at once, naming the first
    CliRun second =
        CliRun.run(dir, Map.of("HOME", dir.toString()), buildArgs().toArray(String[]::new));
    assertThat(second.exitCode()).as(second.err()).isEqualTo(1);
    assertThat(second.err())
        .endsWith(
            " is being built by pveiso process "
                + child.pid()
                + " (started "
                + Instant.ofEpochMilli(started)
                + "); wait for it to end, or choose another output_name or output_dir\n");

    signal("INT", child);
    assertThat(exitCode(child)).as(stderr()).isEqualTo(130);
    assertThat(lastLine())
        .isEqualTo("pveiso: interrupted by SIGINT; stopped and removed its temporary files");
    assertThat(stderr()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(files(dir.resolve("out"))).containsExactly(".pveiso.lock");
    assertThat(files(dir.resolve("work"))).isEmpty();
    assertThat(ProcessHandle.of(xorrisoPid.get()).filter(ProcessHandle::isAlive)).isEmpty();
  }

  @Test
  void sigtermDuringADownloadRemovesThePartialDownloadAndExits143() throws Exception {
    TestRepository repo = new TestRepository(dir.resolve("repo"), "trixie");
    String deb =
        repo.add(
            "non-free-firmware",
            new TestDeb("firmware-misc-nonfree", "20250410-1", "all")
                .file("./usr/lib/firmware/test/a.bin", "firmware A ".repeat(10_000)));
    Path keyring = dir.resolve("test-keyring.gpg");
    repo.publishSigned(Instant.now().minus(Duration.ofHours(1)), keyring);
    try (LoopbackServer server = LoopbackServer.serving(dir.resolve("repo"))) {
      CountDownLatch halfSent = server.stallHalfway(deb);
      Process child =
          start(
              Map.of(),
              buildArgs(
                  "--extra-packages=firmware-misc-nonfree",
                  "--debian-mirror=" + server.uri("/"),
                  "--debian-components=non-free-firmware",
                  "--keyrings=" + keyring));
      Path tmp = dir.resolve("cache/tmp");
      await(() -> halfSent.getCount() == 0, child, "half the package was sent");
      await(() -> partSize(tmp) > 0, child, "the download's part file has bytes");

      signal("TERM", child);
      assertThat(exitCode(child)).as(stderr()).isEqualTo(143);
      assertThat(lastLine())
          .isEqualTo("pveiso: interrupted by SIGTERM; stopped and removed its temporary files");
      assertThat(stderr()).doesNotContain("Exception").doesNotContain("\tat ");
      assertThat(files(tmp)).allMatch(n -> n.endsWith(".lock"));
      assertThat(files(dir.resolve("work"))).isEmpty();
      assertThat(files(dir.resolve("out"))).isEmpty();
    }
  }

  private static long partSize(Path tmp) {
    try (Stream<Path> files = Files.list(tmp)) {
      return files
          .filter(p -> p.toString().endsWith(".part"))
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  return 0;
                }
              })
          .sum();
    } catch (IOException e) {
      return 0; // not made yet
    }
  }
}
