package io.github.pveiso;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.debian.TestDeb;
import io.github.pveiso.debian.TestRepository;
import io.github.pveiso.net.LoopbackServer;
import io.github.pveiso.proc.ProcessRunner;
import io.github.pveiso.proc.SystemProcessRunner;
import io.github.pveiso.testing.CycloneDxSchema;
import io.github.pveiso.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image (docker/Dockerfile) built with podman (or docker) from the release archive
 * {@code mvn package} made ({@code PREBUILT=true}), then {@code pveiso build} run in it as its
 * non-root user on the Proxmox-like fixture ISO, with the cache, work and output folders on volumes
 * and packages from a signed loopback repository on this machine (host network).
 *
 * <p>Where image registries cannot be reached, the base image is made from Debian's packages first
 * (docker/make-base-image.sh; needs root and debootstrap). Without a working container engine the
 * tests are skipped, saying why.
 */
@Tag("slow")
@Tag("container")
class ContainerIT {

  static final String IMAGE = "localhost/pveiso-test:" + Version.current();
  static final ProcessRunner RUNNER = new SystemProcessRunner();

  @TempDir static Path dir;
  static String engine;

  /** Options for every {@code build} and {@code run}, see {@link #engineOptions}. */
  static List<String> options;

  static LoopbackServer server;
  static Path keyring;

  @BeforeAll
  static void image() throws IOException {
    engine = engine().orElse(null);
    Assumptions.assumeTrue(
        engine != null,
        "no container engine: neither podman nor docker is installed (Debian: apt-get install"
            + " podman)");
    ProcessRunner.Result info = run(List.of(engine, "info"), Duration.ofMinutes(1));
    Assumptions.assumeTrue(
        info.ok(), engine + " cannot run containers here: " + info.lastErrorLine());
    options = engineOptions();
    ensureBaseImage();
    List<String> argv = new ArrayList<>(List.of(engine));
    argv.addAll(runtime());
    argv.add("build");
    argv.addAll(options);
    ProcessRunner.Result tried =
        run(
            container(List.of(), "docker.io/library/debian:trixie-slim", "true"),
            Duration.ofMinutes(2));
    Assumptions.assumeTrue(
        tried.ok(), engine + " cannot start a container here: " + tried.lastErrorLine());
    argv.addAll(
        List.of(
            "-f",
            "docker/Dockerfile",
            "--build-arg",
            "PREBUILT=true",
            "--build-arg",
            "VERSION=" + Version.current(),
            "-t",
            IMAGE,
            "."));
    ProcessRunner.Result build = run(argv, Duration.ofMinutes(20));
    assertThat(build.exitCode()).as(build.stdout() + build.stderr()).isZero();

    TestRepository repo = new TestRepository(dir.resolve("repo"), "trixie");
    repo.add(
        "non-free-firmware",
        new TestDeb("firmware-misc-nonfree", "20250410-1", "all")
            .file("./usr/lib/firmware/test/a.bin", "firmware A"));
    repo.add(
        "main",
        new TestDeb("libextra", "1.0-1", "amd64").file("./usr/share/doc/libextra/README", "x"));
    keyring = dir.resolve("test-keyring.gpg");
    repo.publishSigned(Instant.now().minus(Duration.ofHours(1)), keyring);
    server = LoopbackServer.serving(dir.resolve("repo"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theImageRunsAsAnOrdinaryUserWithoutSudo() {
    ProcessRunner.Result id = run(container(List.of(), "--entrypoint", "id", IMAGE));
    assertThat(id.stdout()).isEqualTo("uid=1000(pveiso) gid=1000(pveiso) groups=1000(pveiso)\n");
    ProcessRunner.Result sudo =
        run(
            container(
                List.of(),
                "--entrypoint",
                "sh",
                IMAGE,
                "-c",
                "for p in sudo doas su-exec; do command -v $p; done;"
                    + " find / -xdev -type f -perm /6000"));
    assertThat(sudo.stdout()).as("sudo and set-user-ID programs").isEmpty();
    ProcessRunner.Result help = run(container(List.of(), IMAGE));
    assertThat(help.exitCode()).as(help.stderr()).isZero();
    assertThat(help.stdout()).startsWith("Usage: pveiso ");
  }

  @Test
  void buildWritesTheIsoOntoTheOutputVolume() throws IOException {
    Path cache = volume("cache");
    Path work = volume("work");
    Path out = volume("output");
    Path iso = Fixtures.Fixture.MKRESCUE.iso();
    List<String> mounts =
        List.of(
            "-v", cache + ":/cache",
            "-v", work + ":/work",
            "-v", out + ":/output",
            "-v", iso + ":/in/source.iso:ro",
            "-v", keyring + ":/in/keyring.gpg:ro");
    List<String> args =
        List.of(
            IMAGE,
            "build",
            "--no-progress",
            "--iso",
            "/in/source.iso",
            "--debian-mirror",
            server.uri("/").toString(),
            "--debian-components",
            "main,non-free-firmware",
            "--keyrings",
            "/in/keyring.gpg",
            "--firmware-sets",
            "",
            "--no-include-amd",
            "--no-include-intel",
            "--no-include-nvidia",
            "--extra-packages",
            "firmware-misc-nonfree,libextra",
            "--source-date-epoch",
            "1700000000");
    ProcessRunner.Result build = run(container(mounts, args.toArray(String[]::new)));
    assertThat(build.exitCode()).as(build.stdout() + build.stderr()).isZero();

    // .pveiso.lock: the hidden, empty file output claims are made under; it stays
    assertThat(names(out))
        .containsExactly(
            ".pveiso.lock",
            "source-pveiso.cdx.json",
            "source-pveiso.iso",
            "source-pveiso.iso.sha256",
            "source-pveiso.manifest.json");
    String sha256 = Sha256Digest.ofFile(out.resolve("source-pveiso.iso")).hex();
    assertThat(Files.readString(out.resolve("source-pveiso.iso.sha256")))
        .isEqualTo(sha256 + "  source-pveiso.iso\n");
    assertThat(CycloneDxSchema.problems(Files.readString(out.resolve("source-pveiso.cdx.json"))))
        .isEmpty();
    // written by the image's user, not root (as the container sees it: rootless podman maps
    // uid 1000 to another uid outside)
    ProcessRunner.Result owner =
        run(
            container(
                List.of("-v", out + ":/output"),
                "--entrypoint",
                "stat",
                IMAGE,
                "-c",
                "%u:%g %n",
                "/output/source-pveiso.iso",
                "/output/source-pveiso.cdx.json"));
    assertThat(owner.stdout())
        .isEqualTo(
            "1000:1000 /output/source-pveiso.iso\n1000:1000 /output/source-pveiso.cdx.json\n");
    // the downloads and the classes Java loaded went to the cache volume (the next build's
    // launcher makes its class-data archive from them)
    assertThat(names(cache.resolve("pveiso"))).contains("jvm");
    assertThat(names(cache.resolve("pveiso/jvm")))
        .anyMatch(n -> n.startsWith("build-") && n.endsWith(".classlist"));

    // the next build: the image's Java (Debian's 21) makes the archive first, the ISO is the same
    List<String> again = new ArrayList<>(args);
    again.add("--overwrite");
    ProcessRunner.Result second = run(container(mounts, again.toArray(String[]::new)));
    assertThat(second.exitCode()).as(second.stdout() + second.stderr()).isZero();
    assertThat(names(cache.resolve("pveiso/jvm")))
        .anyMatch(n -> n.startsWith("build-") && n.endsWith(".jsa"))
        .noneMatch(n -> n.endsWith(".classlist"));
    assertThat(Sha256Digest.ofFile(out.resolve("source-pveiso.iso")).hex()).isEqualTo(sha256);
  }

  /** A folder for a volume, writable by the image's user (uid 1000). */
  private static Path volume(String name) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("volumes").resolve(name));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
    return folder;
  }

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** {@code ENGINE run --rm --network=host OPTIONS MOUNTS ARGS...}. */
  private static List<String> container(List<String> mounts, String... args) {
    List<String> argv = new ArrayList<>(List.of(engine));
    argv.addAll(runtime());
    argv.addAll(List.of("run", "--rm", "--network=host"));
    argv.addAll(options);
    argv.addAll(mounts);
    argv.addAll(List.of(args));
    return argv;
  }

  /**
   * podman's runtime: runc when it is installed. crun (podman's default) refuses cgroups in hybrid
   * mode (v1 controllers with a v2 hierarchy beside them), which some machines (this project's
   * among them) have; runc runs there too.
   */
  private static List<String> runtime() {
    if (!engine.endsWith("podman")) {
      return List.of();
    }
    for (String d : List.of("/usr/sbin", "/usr/bin")) {
      if (Files.isExecutable(Path.of(d, "runc"))) {
        return List.of("--runtime", Path.of(d, "runc").toString());
      }
    }
    return List.of();
  }

  /**
   * The open-files and processes limits this process has, for every container. podman asks for
   * higher ones by default, which a machine without CAP_SYS_RESOURCE (a container itself) refuses.
   */
  private static List<String> engineOptions() throws IOException {
    List<String> result = new ArrayList<>();
    // e.g. "Max open files            20000                20000                files"
    for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
      String[] f = line.substring(Math.min(line.length(), 26)).trim().split(" +");
      if (line.startsWith("Max open files") && f.length > 1 && f[1].matches("\\d+")) {
        result.addAll(List.of("--ulimit", "nofile=" + f[1] + ":" + f[1]));
      }
      if (line.startsWith("Max processes") && f.length > 1 && f[1].matches("\\d+")) {
        // not even the same value again is allowed for processes there: take fewer (plenty here)
        long nproc = Math.min(Long.parseLong(f[1]), 4096);
        result.addAll(List.of("--ulimit", "nproc=" + nproc + ":" + nproc));
      }
    }
    return result;
  }

  private static Optional<String> engine() {
    for (String candidate : List.of("podman", "docker")) {
      for (String d : List.of("/usr/bin", "/usr/local/bin", "/bin")) {
        if (Files.isExecutable(Path.of(d, candidate))) {
          return Optional.of(Path.of(d, candidate).toString());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The Dockerfile's base image: there already, pulled from its registry, or (where no registry
   * answers: as root with debootstrap, for podman) made from Debian's packages.
   */
  private static void ensureBaseImage() {
    String base = "docker.io/library/debian:trixie-slim";
    if (run(List.of(engine, "image", "inspect", base)).ok()
        || run(List.of(engine, "pull", base), Duration.ofMinutes(5)).ok()) {
      return;
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    Assumptions.assumeTrue(
        engine.endsWith("podman") && root && Files.isExecutable(Path.of("/usr/sbin/debootstrap")),
        "no "
            + base
            + " image here and none to pull; making one from Debian's packages needs"
            + " podman, root and debootstrap (docker/README.md)");
    ProcessRunner.Result made = run(List.of("docker/make-base-image.sh"), Duration.ofMinutes(20));
    assertThat(made.exitCode()).as(made.stderr()).isZero();
  }

  private static ProcessRunner.Result run(List<String> argv) {
    return run(argv, Duration.ofMinutes(10));
  }

  private static ProcessRunner.Result run(List<String> argv, Duration timeout) {
    return RUNNER.run(ProcessRunner.Command.of(argv).withEnv(Map.of()).withTimeout(timeout));
  }
}
