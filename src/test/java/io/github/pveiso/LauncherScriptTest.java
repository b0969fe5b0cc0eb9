package io.github.pveiso;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.proc.ProcessRunner;
import io.github.pveiso.proc.SystemProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's shell functions (scripts/java-home.sh, sourced by ./pveiso and the benchmarks):
 * how a Java is chosen, and the JVM options with their class-data archive.
 */
class LauncherScriptTest {
  /** The options of a quick command, before its class-data archive. */
  private static final String QUICK =
      "-XX:+UseSerialGC -Xmx144m -XX:TieredStopAtLevel=1 -XX:-UsePerfData";

  private static final Path SCRIPT = Path.of("scripts/java-home.sh").toAbsolutePath();
  private static final Path THIS_JAVA = Path.of(System.getProperty("java.home"));

  @TempDir Path dir;

  /** The program the archive tests run: prints one line. */
  public static final class Hello {
    private Hello() {}

    /** Prints {@code hello}. */
    public static void main(String[] args) {
      System.out.println("hello");
    }
  }

  /** Prints {@code hello} after building a picocli command line (old class files, version 49). */
  public static final class PicocliHello {
    private PicocliHello() {}

    /** Builds a command line and prints {@code hello}. */
    public static void main(String[] args) {
      new picocli.CommandLine(picocli.CommandLine.Model.CommandSpec.create().name("hello"));
      System.out.println("hello");
    }
  }

  @Test
  void aReleaseFileGivesTheVersionWithoutStartingJava() throws IOException {
    Path jdk = fakeJava("jdk21", "JAVA_VERSION=\"21.0.5\"\n", "21");
    ProcessRunner.Result run = chooseJava(jdk);
    assertThat(run.stdout()).isEqualTo(jdk + "\n");
    assertThat(run.stderr()).isEmpty();
    assertThat(jdk.resolve("started")).doesNotExist();
  }

  @Test
  void aHomeWithoutAReleaseFileIsAskedByStartingItsJava() throws IOException {
    Path jdk = fakeJava("jdk22", null, "22");
    ProcessRunner.Result run = chooseJava(jdk);
    assertThat(run.stdout()).isEqualTo(jdk + "\n");
    assertThat(jdk.resolve("started")).exists();
  }

  @Test
  void anOldReleaseIsPassedOverWithoutStartingIt() throws IOException {
    Path jdk = fakeJava("jdk17", "JAVA_VERSION=\"17.0.2\"\n", "17");
    ProcessRunner.Result run = chooseJava(jdk);
    assertThat(run.stdout()).isEqualTo(THIS_JAVA.toRealPath() + "\n");
    assertThat(jdk.resolve("started")).doesNotExist();
  }

  @Test
  void theCommandNameIsTheFirstWordThatIsNotAnOption() {
    assertThat(shell("pveiso_command_name --json -q build --overwrite").stdout())
        .isEqualTo("build\n");
    assertThat(shell("pveiso_command_name --help").stdout()).isEqualTo("none\n");
    assertThat(shell("pveiso_command_name ./x.iso").stdout()).isEqualTo("other\n");
    assertThat(shell("pveiso_command_name").stdout()).isEqualTo("none\n");
  }

  @Test
  void theHeapIsBoundedAndPveisoHeapRaisesIt() {
    assertThat(shell("pveiso_base_java_opts").stdout()).isEqualTo("-XX:+UseParallelGC -Xmx144m\n");
    assertThat(shell("pveiso_base_java_opts", Map.of("PVEISO_HEAP", "1g")).stdout())
        .isEqualTo("-XX:+UseParallelGC -Xmx1g\n");
    assertThat(
            shell("pveiso_base_java_opts || echo refused", Map.of("PVEISO_HEAP", "-Xmx1g"))
                .stdout())
        .isEqualTo("refused\n");
  }

  @Test
  void aHelpOrVersionFlagNamesTheCommandsHelpOrNoneBeforeTheCommand() {
    assertThat(shell("pveiso_command_name build --help").stdout()).isEqualTo("build-help\n");
    assertThat(shell("pveiso_command_name -q build ./x.iso -h").stdout()).isEqualTo("build-help\n");
    assertThat(shell("pveiso_command_name answer init -V").stdout()).isEqualTo("answer-help\n");
    assertThat(shell("pveiso_command_name -h build").stdout()).isEqualTo("none\n");
    assertThat(shell("pveiso_command_name --version").stdout()).isEqualTo("none\n");
    assertThat(shell("pveiso_command_name ./x.iso --help").stdout()).isEqualTo("other\n");
  }

  @Test
  void helpVersionCompletionConfigAndDoctorAreQuickCommands() {
    String quick =
        "for c in none build-help answer-help completion config doctor build fetch other; do"
            + " if pveiso_quick_command $c; then echo \"$c quick\"; else echo \"$c\"; fi; done";
    assertThat(shell(quick).stdout())
        .isEqualTo(
            "none quick\nbuild-help quick\nanswer-help quick\ncompletion quick\nconfig quick\n"
                + "doctor quick\nbuild\nfetch\nother\n");
  }

  @Test
  void theTerminalsWidthIsGivenToPicocliAndNeverBelowItsNarrowest() {
    assertThat(inTerminal("stty cols 123 rows 40; pveiso_usage_width"))
        .isEqualTo(" -Dpicocli.usage.width=123");
    assertThat(inTerminal("stty cols 30 rows 40; pveiso_usage_width"))
        .isEqualTo(" -Dpicocli.usage.width=55");
    // a terminal that does not know its size: picocli's own default
    assertThat(inTerminal("stty cols 0 rows 0; pveiso_usage_width")).isEmpty();
    assertThat(shell("pveiso_usage_width </dev/null").stdout()).isEmpty();
  }

  @Test
  void aQuickCommandRecordsItsClassesFirstThenRunsFromAStaticArchiveHoldingPicocli()
      throws IOException {
    Path jar = helloJar();
    Map<String, String> env = Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString());
    ProcessRunner.Result first = runQuick(jar, env);
    assertThat(first.stderr()).isEmpty();
    Path list = onlyArchive();
    assertThat(list.getFileName().toString()).matches("none-\\d+\\.classlist");
    assertThat(first.stdout()).isEqualTo(QUICK + " -XX:DumpLoadedClassList=" + list + "\nhello\n");
    assertThat(Files.readAllLines(list))
        .anyMatch(line -> line.startsWith("picocli/CommandLine id: "));

    ProcessRunner.Result second = runQuick(jar, env);
    assertThat(second.stderr()).isEmpty();
    Path archive = onlyArchive();
    assertThat(archive.toString()).isEqualTo(list.toString().replace(".classlist", ".jsa"));
    assertThat(second.stdout())
        .isEqualTo(QUICK + " -XX:SharedArchiveFile=" + archive + " -Xlog:cds*=off\nhello\n");
    assertThat(magic(archive)).isEqualTo("a2ab0bf0");

    Path log = dir.resolve("class-load.log");
    ProcessRunner.Result third = runQuick(jar, env, "-Xlog:class+load=info:file=" + log + ":none");
    assertThat(third.stdout()).endsWith("hello\n");
    assertThat(Files.readAllLines(log))
        .contains(
            PicocliHello.class.getName() + " source: shared objects file",
            "picocli.CommandLine source: shared objects file",
            "picocli.CommandLine$Help source: shared objects file");
  }

  @Test
  void anUnwritableCacheFolderGivesNoArchiveAndNoNoise() throws IOException {
    Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
    Path jar = helloJar();
    ProcessRunner.Result run = runHello(jar, Map.of("XDG_CACHE_HOME", file.toString()));
    assertThat(run.stdout()).isEqualTo("-XX:+UseParallelGC -Xmx144m\nhello\n");
    assertThat(run.stderr()).isEmpty();
  }

  @Test
  void aCacheFolderWithoutRoomForTheArchiveGivesNoArchive() throws IOException {
    // the archive (a build's is about 43 MB) must never fill the disk a build writes to
    Path jar = helloJar();
    ProcessRunner.Result run =
        runHello(
            jar,
            Map.of(
                "XDG_CACHE_HOME",
                dir.resolve("cache").toString(),
                "PVEISO_CDS_MIN_FREE_KB",
                "999999999999"));
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).isEqualTo("-XX:+UseParallelGC -Xmx144m\nhello\n");
    assertThat(run.stderr()).isEmpty();
  }

  @Test
  void aReadOnlyCacheFolderRunsWithoutNoise() throws IOException {
    Path cache = Files.createDirectories(dir.resolve("ro/pveiso/jvm"));
    Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("r-xr-xr-x"));
    Path jar = helloJar();
    ProcessRunner.Result run =
        runHello(jar, Map.of("XDG_CACHE_HOME", dir.resolve("ro").toString()));
    // root may write anyway; either way the program's output is all there is
    assertThat(run.stdout()).endsWith("hello\n");
    assertThat(run.stderr()).isEmpty();
  }

  @Test
  void aCommandRecordsItsClassesFirstThenRunsFromAStaticArchiveMadeByAJavaOfItsOwn()
      throws IOException {
    Path jar = helloJar();
    Map<String, String> env = Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString());
    ProcessRunner.Result first = runHello(jar, env);
    assertThat(first.stderr()).isEmpty();
    // the command's own JVM writes no archive at exit (that took a first build ~60 MB higher)
    Path list = onlyArchive();
    assertThat(list.getFileName().toString()).matches("hello-\\d+\\.classlist");
    assertThat(first.stdout())
        .isEqualTo("-XX:+UseParallelGC -Xmx144m -XX:DumpLoadedClassList=" + list + "\nhello\n");

    ProcessRunner.Result second = runHello(jar, env);
    assertThat(second.stderr()).isEmpty();
    Path archive = onlyArchive();
    assertThat(archive.toString()).isEqualTo(list.toString().replace(".classlist", ".jsa"));
    assertThat(second.stdout())
        .isEqualTo(
            "-XX:+UseParallelGC -Xmx144m -XX:SharedArchiveFile="
                + archive
                + " -Xlog:cds*=off\nhello\n");
    assertThat(magic(archive)).isEqualTo("a2ab0bf0");

    Path log = dir.resolve("class-load.log");
    ProcessRunner.Result third = runHello(jar, env, "-Xlog:class+load=info:file=" + log + ":none");
    assertThat(third.stderr()).isEmpty();
    assertThat(third.stdout()).endsWith("hello\n");
    assertThat(Files.readAllLines(log))
        .contains(Hello.class.getName() + " source: shared objects file");
  }

  @Test
  void aFileThatIsNotAnArchiveIsReplacedWithoutNoise() throws IOException {
    Path jar = helloJar();
    Map<String, String> env = Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString());
    String name = shell("pveiso_cds_archive " + jar + " hello", env).stdout().strip();
    Files.createFile(Path.of(name));
    ProcessRunner.Result first = runHello(jar, env);
    assertThat(first.stderr()).isEmpty();
    assertThat(first.stdout()).contains("-XX:DumpLoadedClassList=").endsWith("hello\n");
    assertThat(Path.of(name)).doesNotExist();
    ProcessRunner.Result second = runHello(jar, env);
    assertThat(second.stderr()).isEmpty();
    assertThat(second.stdout()).contains("-XX:SharedArchiveFile=" + name).endsWith("hello\n");
    assertThat(magic(Path.of(name))).isEqualTo("a2ab0bf0");
  }

  @Test
  void aNewJarGetsANewArchive() throws IOException {
    Path jar = helloJar();
    Map<String, String> env = Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString());
    String before = shell("pveiso_cds_archive " + jar + " hello", env).stdout();
    Files.setLastModifiedTime(
        jar,
        java.nio.file.attribute.FileTime.fromMillis(
            Files.getLastModifiedTime(jar).toMillis() - 5000));
    String after = shell("pveiso_cds_archive " + jar + " hello", env).stdout();
    assertThat(after).isNotEqualTo(before);
  }

  private ProcessRunner.Result runHello(Path jar, Map<String, String> env, String... extra) {
    return runAs("hello", Hello.class, jar, env, extra);
  }

  /**
   * Runs {@code main} from {@code jar} with the options pveiso_java_opts gives the command {@code
   * command}, after printing them.
   */
  private ProcessRunner.Result runAs(
      String command, Class<?> main, Path jar, Map<String, String> env, String... extra) {
    String script =
        "opts=$(pveiso_java_opts \"$1\" "
            + command
            + "); echo \"$opts\"; shift;"
            + " exec \"$JAVA_HOME/bin/java\" $opts \"$@\" -cp \"$JAR\" '"
            + main.getName()
            + "'";
    List<String> args = new ArrayList<>(List.of(jar.toString()));
    args.addAll(List.of(extra));
    Map<String, String> all = new HashMap<>(env);
    all.put("JAR", jar.toString());
    return shell(script, all, args);
  }

  @Test
  void aDumpThatFailsIsNotTriedAgainAndTheCommandRunsWithoutAnArchive() throws IOException {
    // this JVM, except that making an archive fails (and is counted)
    Path home = Files.createDirectories(dir.resolve("failing-dump/bin")).getParent();
    Files.copy(THIS_JAVA.resolve("release"), home.resolve("release"));
    Files.createSymbolicLink(home.resolve("lib"), THIS_JAVA.resolve("lib"));
    Path java = home.resolve("bin/java");
    Files.writeString(
        java,
        "#!/bin/sh\ncase \"$*\" in *-Xshare:dump*) echo dump >>\""
            + dir.resolve("dumps")
            + "\"; exit 1 ;; esac\nexec \""
            + THIS_JAVA.resolve("bin/java")
            + "\" \"$@\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path jar = helloJar();
    Map<String, String> env =
        Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString(), "JAVA_HOME", home.toString());
    assertThat(runQuick(jar, env).stdout()).contains("-XX:DumpLoadedClassList=");
    Path list = onlyArchive();
    for (int run = 0; run < 2; run++) {
      ProcessRunner.Result next = runQuick(jar, env);
      assertThat(next.stderr()).isEmpty();
      assertThat(next.stdout()).isEqualTo(QUICK + "\nhello\n");
    }
    assertThat(onlyArchive()).isEqualTo(list);
    assertThat(Files.size(list)).isZero();
    assertThat(Files.readString(dir.resolve("dumps"))).isEqualTo("dump\n");
  }

  /** Runs {@link PicocliHello} as the quick command "none", after printing its options. */
  private ProcessRunner.Result runQuick(Path jar, Map<String, String> env, String... extra) {
    return runAs("none", PicocliHello.class, jar, env, extra);
  }

  /** What {@code commands} print in a pseudo-terminal (script(1)), after sourcing the script. */
  private String inTerminal(String commands) {
    String inner = ". '" + SCRIPT + "'; " + commands;
    ProcessRunner.Result run =
        shell("script -qec \"bash -c '" + inner.replace("'", "'\\''") + "'\" /dev/null");
    return run.stdout().replace("\r", "").replace("\n", "");
  }

  private Path onlyArchive() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("cache/pveiso/jvm"))) {
      List<Path> all = files.sorted().toList();
      assertThat(all).hasSize(1);
      return all.get(0);
    }
  }

  private static String magic(Path file) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(4);
    }
    return java.util.HexFormat.of().formatHex(head);
  }

  /** A jar holding {@link Hello}, {@link PicocliHello} and picocli's classes. */
  private Path helloJar() throws IOException {
    Path jar = dir.resolve("hello.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      for (Class<?> type : List.of(Hello.class, PicocliHello.class)) {
        String entry = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
          out.putNextEntry(new JarEntry(entry));
          assertThat(in).isNotNull();
          in.transferTo(out);
          out.closeEntry();
        }
      }
      Path picocli =
          Path.of(
              picocli.CommandLine.class
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .getPath());
      try (java.util.jar.JarFile classes = new java.util.jar.JarFile(picocli.toFile())) {
        for (JarEntry entry : java.util.Collections.list(classes.entries())) {
          if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
            out.putNextEntry(new JarEntry(entry.getName()));
            try (InputStream in = classes.getInputStream(entry)) {
              in.transferTo(out);
            }
            out.closeEntry();
          }
        }
      }
    }
    return jar;
  }

  /**
   * A Java home with a {@code release} file (unless null) and a {@code bin/java} that records that
   * it was started and answers the version probe.
   */
  private Path fakeJava(String name, String release, String version) throws IOException {
    Path home = Files.createDirectories(dir.resolve(name));
    if (release != null) {
      Files.writeString(home.resolve("release"), release);
    }
    Path bin = Files.createDirectories(home.resolve("bin"));
    Path java = bin.resolve("java");
    Files.writeString(
        java,
        "#!/bin/sh\ntouch \""
            + home.resolve("started")
            + "\"\necho '    java.specification.version = "
            + version
            + "' >&2\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return home;
  }

  /** Sources the script with {@code home} as JAVA_HOME and this JVM first on PATH. */
  private ProcessRunner.Result chooseJava(Path home) {
    return shell(
        "echo \"$JAVA_HOME\"",
        Map.of("JAVA_HOME", home.toString(), "PATH", THIS_JAVA.resolve("bin") + ":/usr/bin:/bin"));
  }

  private ProcessRunner.Result shell(String commands) {
    return shell(commands, Map.of());
  }

  private ProcessRunner.Result shell(String commands, Map<String, String> env) {
    return shell(commands, env, List.of());
  }

  /** Runs {@code commands} in bash after sourcing the script (as ./pveiso does, strict mode). */
  private ProcessRunner.Result shell(String commands, Map<String, String> env, List<String> args) {
    Map<String, String> all = new HashMap<>();
    all.put("JAVA_HOME", THIS_JAVA.toString());
    all.put("HOME", dir.resolve("home").toString());
    all.put("XDG_CACHE_HOME", dir.resolve("cache").toString());
    all.putAll(env);
    List<String> argv = new ArrayList<>();
    argv.addAll(
        List.of("bash", "-c", "set -euo pipefail; . \"" + SCRIPT + "\"; " + commands, "bash"));
    argv.addAll(args);
    ProcessRunner.Result result =
        new SystemProcessRunner().run(ProcessRunner.Command.of(argv).withEnv(all));
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    return result;
  }
}
