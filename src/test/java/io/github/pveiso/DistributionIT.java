package io.github.pveiso;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pveiso.config.ConfigKey;
import io.github.pveiso.proc.ProcessRunner;
import io.github.pveiso.proc.SystemProcessRunner;
import io.github.pveiso.testing.CycloneDxSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive {@code mvn package} made (target/pveiso-VERSION.tar.gz and .zip), unpacked
 * and run the way a user runs it: {@code bin/pveiso} under a POSIX shell with no JAVA_HOME and only
 * a Java runtime to find; its man pages, completion scripts, examples, licence, NOTICE and SBOM.
 */
class DistributionIT {

  static final String VERSION = Version.current();
  static final Path TARGET = Path.of("target").toAbsolutePath();
  static final Path TAR = TARGET.resolve("pveiso-" + VERSION + ".tar.gz");
  static final Path ZIP = TARGET.resolve("pveiso-" + VERSION + ".zip");
  static final Path THIS_JAVA = Path.of(System.getProperty("java.home"));
  static final ProcessRunner RUNNER = new SystemProcessRunner();

  /** The commands, as their man pages are named. */
  static final List<String> PAGES =
      List.of(
          "pveiso",
          "pveiso-answer",
          "pveiso-answer-hash-password",
          "pveiso-answer-init",
          "pveiso-answer-validate",
          "pveiso-build",
          "pveiso-cache",
          "pveiso-cache-list",
          "pveiso-cache-prune",
          "pveiso-cache-verify",
          "pveiso-completion",
          "pveiso-config",
          "pveiso-doctor",
          "pveiso-fetch",
          "pveiso-inspect",
          "pveiso-plan",
          "pveiso-verify");

  @TempDir static Path unpacked;
  static Path home;

  @TempDir Path dir;

  @BeforeAll
  static void unpack() {
    assertThat(TAR).as("mvn package makes the archive").isRegularFile();
    run(List.of("tar", "-xzf", TAR.toString(), "-C", unpacked.toString()), Map.of());
    home = unpacked.resolve("pveiso-" + VERSION);
  }

  @Test
  void theArchiveHoldsLauncherLibrariesDocsExamplesAndLicence() throws IOException {
    List<String> lib = runtimeJars();
    List<String> expected = new ArrayList<>();
    expected.addAll(
        List.of(
            "LICENSE",
            "NOTICE",
            "README.md",
            "bin/pveiso",
            "completion/pveiso.bash",
            "completion/pveiso.zsh",
            "pveiso-" + VERSION + ".cdx.json",
            "pveiso.yaml"));
    try (Stream<Path> examples = Files.list(Path.of("examples"))) {
      examples.forEach(e -> expected.add("examples/" + e.getFileName()));
    }
    lib.forEach(j -> expected.add("lib/" + j));
    PAGES.forEach(p -> expected.add("man/man1/" + p + ".1"));
    assertThat(files(home)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.resolve("bin/pveiso"))))
        .isEqualTo("rwxr-xr-x");
    assertThat(home.resolve("LICENSE")).hasSameTextualContentAs(Path.of("LICENSE"));
    assertThat(home.resolve("pveiso.yaml")).hasSameTextualContentAs(Path.of("pveiso.yaml"));
  }

  @Test
  void theZipHoldsTheSameFilesWithTheLauncherExecutable() throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipFile zip = ZipFile.builder().setPath(ZIP).get()) {
      for (ZipArchiveEntry e : java.util.Collections.list(zip.getEntries())) {
        if (!e.isDirectory()) {
          names.add(e.getName().substring(("pveiso-" + VERSION + "/").length()));
        }
        if (e.getName().endsWith("/bin/pveiso")) {
          assertThat(e.getUnixMode() & 0777).isEqualTo(0755);
        }
      }
    }
    assertThat(names).containsExactlyInAnyOrderElementsOf(files(home));
  }

  @Test
  void helpRunsWithOnlyAJavaRuntimeOnThePath() throws IOException {
    Path path = javaOnlyPath(THIS_JAVA);
    ProcessRunner.Result run = launcher(Map.of("PATH", path.toString()), "--help");
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).startsWith("Usage: pveiso ");
    assertThat(run.stdout()).contains("build", "Exit codes:");
    assertThat(run.stderr()).isEmpty();
  }

  @Test
  void anOldJavaOnThePathIsPassedOverForTheNewestUnderUsrLibJvm() throws IOException {
    Path java17 = fakeJava("jdk17", "17.0.15");
    Optional<Map.Entry<Integer, Path>> newest = newestUsableUnderUsrLibJvm();
    ProcessRunner.Result run =
        launcher(Map.of("PATH", javaOnlyPath(java17).toString()), "--verbose", "--version");
    if (newest.isEmpty()) {
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.stderr()).contains(java17 + " is Java 17");
      return;
    }
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stderr())
        .startsWith(
            "pveiso: using "
                + newest.get().getValue()
                + " (Java "
                + newest.get().getKey()
                + "); passed over: JAVA_HOME: not set; java on PATH: "
                + java17
                + " is Java 17");
    assertThat(run.stdout()).contains(VERSION);
  }

  @Test
  void aJavaHomeTooOldIsNamedAndPassedOver() throws IOException {
    Path java17 = fakeJava("jdk17", "17.0.15");
    ProcessRunner.Result run =
        launcher(
            Map.of("JAVA_HOME", java17.toString(), "PATH", javaOnlyPath(THIS_JAVA).toString()),
            "--version");
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stderr())
        .isEqualTo(
            "pveiso: JAVA_HOME="
                + java17
                + " is not a Java 21 or newer; using "
                + THIS_JAVA.toRealPath()
                + " (Java "
                + Runtime.version().feature()
                + ")\n");
  }

  @Test
  void withoutAnyJava21TheMessageNamesWhatWasLookedAtAndWhatToInstall() throws IOException {
    Path jvms = Files.createDirectories(dir.resolve("jvm"));
    Path old = fakeJava("jvm/java-17-openjdk-amd64", "17.0.15");
    // the launcher, looking in a folder of the test's instead of /usr/lib/jvm, beside the lib/
    Path launcher = Files.createDirectories(dir.resolve("copy/bin")).resolve("pveiso");
    Files.createSymbolicLink(dir.resolve("copy/lib"), home.resolve("lib"));
    Files.writeString(
        launcher,
        Files.readString(home.resolve("bin/pveiso")).replace("/usr/lib/jvm", jvms.toString()));
    ProcessRunner.Result run =
        run(
            List.of(
                "env",
                "-u",
                "JAVA_HOME",
                "PATH=" + javaOnlyPath(old),
                which("sh").toString(),
                launcher.toString(),
                "--help"),
            Map.of());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr())
        .isEqualTo(
            "pveiso: needs Java 21 or newer and found none (looked at: JAVA_HOME: not set; java on"
                + " PATH: "
                + old
                + " is Java 17; "
                + jvms
                + ": "
                + old
                + " is Java 17).\n"
                + "pveiso: install a Java runtime, e.g. 'apt-get install openjdk-21-jre-headless'"
                + " (Debian 13) or 'openjdk-25-jre-headless', or set JAVA_HOME to one.\n");
  }

  @Test
  void theLauncherIsPosixShell() throws IOException {
    assertThat(Files.readAllLines(home.resolve("bin/pveiso")).get(0)).isEqualTo("#!/bin/sh");
    ProcessRunner.Result dash =
        launcherWith(
            which("dash").toString(),
            Map.of("PATH", javaOnlyPath(THIS_JAVA).toString()),
            "--version");
    assertThat(dash.exitCode()).as(dash.stderr()).isZero();
    assertThat(dash.stdout()).contains(VERSION);
    ProcessRunner.Result check =
        run(List.of("shellcheck", "--shell=sh", home.resolve("bin/pveiso").toString()), Map.of());
    assertThat(check.stdout()).isEmpty();
    assertThat(check.exitCode()).isZero();
  }

  @Test
  void aLinkToTheLauncherFindsTheArchive() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("pveiso"), home.resolve("bin/pveiso"));
    ProcessRunner.Result run =
        run(
            List.of(
                "env",
                "-u",
                "JAVA_HOME",
                "PATH=" + javaOnlyPath(THIS_JAVA),
                link.toString(),
                "--version"),
            Map.of());
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).contains(VERSION);
  }

  @Test
  void helpIsRecordedOnItsFirstRunAndMappedFromAStaticArchiveFromTheSecond() throws IOException {
    Path cache = dir.resolve("cache");
    Map<String, String> env =
        Map.of("PATH", javaOnlyPath(THIS_JAVA).toString(), "XDG_CACHE_HOME", cache.toString());
    assertThat(launcher(env, "--help").exitCode()).isZero();
    assertThat(cacheFiles(cache)).singleElement().asString().matches("none-\\d+\\.classlist");
    ProcessRunner.Result second = launcher(env, "--help");
    assertThat(second.exitCode()).isZero();
    assertThat(second.stderr()).isEmpty();
    assertThat(second.stdout()).startsWith("Usage: pveiso ");
    List<String> files = cacheFiles(cache);
    assertThat(files).singleElement().asString().matches("none-\\d+\\.jsa");
    Path archive = cache.resolve("pveiso/jvm").resolve(files.get(0));
    Path log = dir.resolve("classes.log");
    ProcessRunner.Result third =
        launcher(
            Map.of(
                "PATH",
                javaOnlyPath(THIS_JAVA).toString(),
                "XDG_CACHE_HOME",
                cache.toString(),
                "PVEISO_JAVA_OPTS",
                "-XX:+UseSerialGC -XX:SharedArchiveFile="
                    + archive
                    + " -Xlog:class+load=info:file="
                    + log
                    + ":none"),
            "--help");
    assertThat(third.exitCode()).isZero();
    // pveiso's classes and picocli's (class-file version 49, which a dynamic archive cannot hold)
    assertThat(Files.readAllLines(log))
        .contains(
            "io.github.pveiso.cli.PveisoCommand source: shared objects file",
            "picocli.CommandLine source: shared objects file",
            "picocli.CommandLine$Help source: shared objects file");
  }

  @Test
  void aCommandThatRunsLongerIsRecordedTooAndItsArchiveMadeBeforeItsSecondRun() throws IOException {
    Path cache = dir.resolve("cache");
    Map<String, String> env =
        Map.of("PATH", javaOnlyPath(THIS_JAVA).toString(), "XDG_CACHE_HOME", cache.toString());
    // 'inspect' without an ISO is a usage error (exit 2); its classes are recorded all the same,
    // and its own JVM writes no archive at exit (that took a first build ~60 MB higher)
    assertThat(launcher(env, "inspect").exitCode()).isEqualTo(2);
    assertThat(cacheFiles(cache)).singleElement().asString().matches("inspect-\\d+\\.classlist");
    assertThat(launcher(env, "inspect").exitCode()).isEqualTo(2);
    List<String> files = cacheFiles(cache);
    assertThat(files).singleElement().asString().matches("inspect-\\d+\\.jsa");
    byte[] head = new byte[4];
    try (java.io.InputStream in =
        Files.newInputStream(cache.resolve("pveiso/jvm/" + files.get(0)))) {
      assertThat(in.read(head)).isEqualTo(4);
    }
    assertThat(java.util.HexFormat.of().formatHex(head)).isEqualTo("a2ab0bf0");
  }

  @Test
  void quickCommandsRunWithTheSerialCollectorAndOnlyTheQuickCompiler() throws IOException {
    // a Java home whose java prints its options (and has no base archive: no archive options)
    Path home = Files.createDirectories(dir.resolve("echo-java/bin")).getParent();
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"21.0.5\"\n");
    Path java = home.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\necho \"$*\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env =
        Map.of("JAVA_HOME", home.toString(), "PATH", javaOnlyPath(THIS_JAVA).toString());
    String jar = home("lib/pveiso-" + VERSION + ".jar");
    String quick = "-XX:+UseSerialGC -Xmx144m -XX:-UsePerfData -XX:TieredStopAtLevel=1 -jar " + jar;
    assertThat(launcher(env, "--help").stdout()).isEqualTo(quick + " --help\n");
    assertThat(launcher(env, "--version").stdout()).isEqualTo(quick + " --version\n");
    assertThat(launcher(env, "build", "--help").stdout()).isEqualTo(quick + " build --help\n");
    assertThat(launcher(env, "doctor").stdout()).isEqualTo(quick + " doctor\n");
    assertThat(launcher(env, "build", "--overwrite").stdout())
        .isEqualTo(
            "-XX:+UseParallelGC -Xmx144m -XX:-UsePerfData -jar " + jar + " build --overwrite\n");
  }

  private static String home(String file) throws IOException {
    return home.toRealPath().resolve(file).toString();
  }

  private static List<String> cacheFiles(Path cache) throws IOException {
    try (Stream<Path> files = Files.list(cache.resolve("pveiso/jvm"))) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void theExamplesLoadWithTheArchivesLibraries() throws IOException {
    ProcessRunner.Result run =
        launcher(
            Map.of("PATH", javaOnlyPath(THIS_JAVA).toString(), "HOME", dir.toString()),
            "config",
            "--config",
            home.resolve("examples/microcode-only.yaml").toString());
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout()).contains("intel-microcode", "amd64-microcode");
  }

  @Test
  void thereIsAManPagePerCommandWithItsOptions() throws IOException {
    String build = Files.readString(home.resolve("man/man1/pveiso-build.1"));
    assertThat(build)
        .startsWith("'\\\" t\n")
        // dated with the build's fixed timestamp (project.build.outputTimestamp), not today
        .contains(".TH \"PVEISO\\-BUILD\" \"1\" \"2026-01-01T00:00:00Z\"");
    for (ConfigKey key : ConfigKey.values()) {
      // as troff writes it; booleans are --[no-]name
      assertThat(build).contains(key.flag().substring(2).replace("-", "\\-"));
    }
    ProcessRunner.Result man =
        run(
            List.of("man", "-l", "-P", "cat", home.resolve("man/man1/pveiso.1").toString()),
            Map.of("MANWIDTH", "100"));
    assertThat(man.exitCode()).as(man.stderr()).isZero();
    assertThat(man.stdout()).contains("pveiso - Builds customised Proxmox VE installer ISOs");
  }

  @Test
  void theCompletionScriptsAreWhatPveisoCompletionPrintsAndLoadInBashAndZsh() throws IOException {
    ProcessRunner.Result printed =
        launcher(Map.of("PATH", javaOnlyPath(THIS_JAVA).toString()), "completion", "bash");
    assertThat(printed.exitCode()).isZero();
    String bash = Files.readString(home.resolve("completion/pveiso.bash"));
    assertThat(printed.stdout().strip()).isEqualTo(bash.strip());
    ProcessRunner.Result inBash =
        run(
            List.of(
                "bash",
                "-c",
                "source \"$1\" && complete -p pveiso",
                "bash",
                home.resolve("completion/pveiso.bash").toString()),
            Map.of());
    assertThat(inBash.stdout()).isEqualTo("complete -o default -F _complete_pveiso pveiso\n");
    ProcessRunner.Result inZsh =
        run(
            List.of(
                "zsh",
                "-f",
                "-c",
                "source \"$1\" && print -r -- ${_comps[pveiso]}",
                "zsh",
                home.resolve("completion/pveiso.zsh").toString()),
            Map.of());
    assertThat(inZsh.exitCode()).as(inZsh.stderr()).isZero();
    assertThat(inZsh.stdout()).isEqualTo("_bash_complete -F _complete_pveiso -o default\n");
  }

  @Test
  void theNoticeNamesEveryLibraryInTheArchive() throws IOException {
    String notice = Files.readString(home.resolve("NOTICE"));
    for (JsonNode c : sbom().get("components")) {
      assertThat(notice)
          .as(c.get("name").asText())
          .contains(
              "`"
                  + c.get("group").asText()
                  + ":"
                  + c.get("name").asText()
                  + "` | "
                  + c.get("version").asText()
                  + " |");
    }
  }

  @Test
  void pveisosOwnSbomIsValidCycloneDxAndListsEveryLibrary() throws IOException {
    String text = Files.readString(home.resolve("pveiso-" + VERSION + ".cdx.json"));
    assertThat(text).isEqualTo(Files.readString(TARGET.resolve("bom.json")));
    assertThat(CycloneDxSchema.problems(text)).isEmpty();
    JsonNode bom = sbom();
    assertThat(bom.get("specVersion").asText()).isEqualTo("1.6");
    assertThat(bom.at("/metadata/component/purl").asText())
        .isEqualTo("pkg:maven/io.github.pveiso/pveiso@" + VERSION + "?type=jar");
    List<String> jars = new ArrayList<>();
    for (JsonNode c : bom.get("components")) {
      jars.add(c.get("name").asText() + "-" + c.get("version").asText() + ".jar");
      assertThat(c.get("hashes").findValuesAsText("alg")).contains("SHA-256");
    }
    List<String> deps = runtimeJars().stream().filter(j -> !j.startsWith("pveiso-")).toList();
    assertThat(jars).containsExactlyInAnyOrderElementsOf(deps);
  }

  private static JsonNode sbom() throws IOException {
    return new ObjectMapper().readTree(TARGET.resolve("bom.json").toFile());
  }

  /** lib/: pveiso's jar and the runtime dependencies, as the archive holds them. */
  private static List<String> runtimeJars() throws IOException {
    try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
      List<String> names = jars.map(j -> j.getFileName().toString()).sorted().toList();
      assertThat(names).contains("pveiso-" + VERSION + ".jar", "picocli-4.7.7.jar");
      return names;
    }
  }

  private static List<String> files(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString())
          .sorted()
          .toList();
    }
  }

  /** A folder holding only a link to {@code javaHome}'s java: the PATH of a machine with a JRE. */
  private Path javaOnlyPath(Path javaHome) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("path-" + javaHome.getFileName()));
    Path java = bin.resolve("java");
    if (!Files.exists(java, LinkOption.NOFOLLOW_LINKS)) {
      Files.createSymbolicLink(java, javaHome.resolve("bin/java"));
    }
    // the launcher's own tools (ls, df, awk, od, cksum, readlink, sed, find, mv) without any java
    Path tools = Files.createDirectories(dir.resolve("tools"));
    for (String tool :
        List.of(
            "ls",
            "df",
            "awk",
            "od",
            "tr",
            "cksum",
            "readlink",
            "sed",
            "find",
            "mkdir",
            "rm",
            "mv",
            "env")) {
      Path link = tools.resolve(tool);
      if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(link, which(tool));
      }
    }
    return Path.of(bin + ":" + tools);
  }

  private static Path which(String tool) {
    for (String d : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
      Path p = Path.of(d, tool);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new IllegalStateException(tool + " is not installed");
  }

  /** A Java home whose release file says {@code version} and whose java prints it. */
  private Path fakeJava(String name, String version) throws IOException {
    Path home = Files.createDirectories(dir.resolve(name));
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
    Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"" + version + "\"' >&2\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return home;
  }

  /** The Java 21+ the launcher would take from /usr/lib/jvm: the highest version there. */
  private static Optional<Map.Entry<Integer, Path>> newestUsableUnderUsrLibJvm()
      throws IOException {
    Path jvm = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvm)) {
      return Optional.empty();
    }
    TreeSet<Map.Entry<Integer, Path>> found =
        new TreeSet<>(
            Comparator.comparing((Map.Entry<Integer, Path> e) -> e.getKey())
                .thenComparing(e -> e.getValue().toString(), Comparator.reverseOrder()));
    try (Stream<Path> homes = Files.list(jvm)) {
      for (Path h : homes.sorted().toList()) {
        Path release = h.resolve("release");
        if (!Files.isExecutable(h.resolve("bin/java")) || !Files.isRegularFile(release)) {
          continue;
        }
        for (String line : Files.readAllLines(release)) {
          if (line.startsWith("JAVA_VERSION=\"")) {
            String v = line.substring("JAVA_VERSION=\"".length()).replaceAll("[^0-9.].*", "");
            int feature =
                Integer.parseInt(
                    v.startsWith("1.") ? v.substring(2).split("\\.")[0] : v.split("\\.")[0]);
            if (feature >= 21) {
              found.add(Map.entry(feature, h));
            }
          }
        }
      }
    }
    return found.isEmpty() ? Optional.empty() : Optional.of(found.last());
  }

  private ProcessRunner.Result launcher(Map<String, String> env, String... args)
      throws IOException {
    return launcherWith(which("sh").toString(), env, args);
  }

  /** Runs bin/pveiso with {@code shell}, without JAVA_HOME unless {@code env} sets one. */
  private ProcessRunner.Result launcherWith(String shell, Map<String, String> env, String... args)
      throws IOException {
    List<String> argv = new ArrayList<>(List.of("env"));
    if (!env.containsKey("JAVA_HOME")) {
      argv.addAll(List.of("-u", "JAVA_HOME"));
    }
    if (!env.containsKey("XDG_CACHE_HOME")) {
      argv.add("XDG_CACHE_HOME=" + dir.resolve("xdg"));
    }
    env.forEach((k, v) -> argv.add(k + "=" + v));
    argv.add(shell);
    argv.add(home.resolve("bin/pveiso").toString());
    argv.addAll(List.of(args));
    return run(argv, Map.of());
  }

  private static ProcessRunner.Result run(List<String> argv, Map<String, String> env) {
    return RUNNER.run(ProcessRunner.Command.of(argv).withEnv(env));
  }
}
