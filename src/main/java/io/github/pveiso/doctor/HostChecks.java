package io.github.pveiso.doctor;

import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.proc.ProcessRunner;
import io.github.pveiso.proxmox.BaseSystemReader;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the host for what pveiso needs: Java, xorriso, unsquashfs, QEMU and firmware, disk space.
 */
public final class HostChecks {

  /** The oldest xorriso whose {@code -boot_image any replay} and {@code -volume_date uuid} work. */
  static final int[] MIN_XORRISO = {1, 5, 0};

  /** Free space below this at the work or output folder is a warning. */
  static final long LOW_DISK = 4L * 1024 * 1024 * 1024;

  private static final Pattern XORRISO_VERSION =
      Pattern.compile("xorriso (\\d+)\\.(\\d+)\\.(\\d+)");

  private final ProcessRunner runner;
  private final Map<String, String> env;

  /** Creates the checks; programs are looked up on {@code PATH} from {@code env}. */
  public HostChecks(ProcessRunner runner, Map<String, String> env) {
    this.runner = runner;
    this.env = env;
  }

  /** Runs every check, in a fixed order. */
  public List<HostCheck> run(BuildSettings settings) {
    List<HostCheck> checks = new ArrayList<>();
    checks.add(
        new HostCheck("java", HostCheck.Status.OK, "Java " + Runtime.version(), Optional.empty()));
    checks.add(xorriso());
    checks.add(unsquashfs());
    checks.add(optionalProgram("qemu-system-x86_64", "qemu-system-x86", "verify --boot (amd64)"));
    checks.add(optionalFile("OVMF (UEFI, amd64)", "/usr/share/OVMF/OVMF_CODE_4M.fd", "ovmf"));
    checks.add(optionalProgram("qemu-system-aarch64", "qemu-system-arm", "verify --boot (arm64)"));
    checks.add(
        optionalFile("AAVMF (UEFI, arm64)", "/usr/share/AAVMF/AAVMF_CODE.fd", "qemu-efi-aarch64"));
    checks.add(disk("disk at work_dir", settings.workDir()));
    checks.add(disk("disk at output_dir", settings.outputDir()));
    return checks;
  }

  private HostCheck xorriso() {
    Optional<Path> program = which("xorriso");
    if (program.isEmpty()) {
      return new HostCheck(
          "xorriso",
          HostCheck.Status.MISSING,
          "not found on PATH",
          Optional.of("install it: apt-get install xorriso"));
    }
    ProcessRunner.Result result =
        runner.run(
            ProcessRunner.Command.of(List.of(program.get().toString(), "-version"))
                .withTimeout(Duration.ofSeconds(20)));
    Matcher m = XORRISO_VERSION.matcher(result.stdout() + result.stderr());
    if (!m.find()) {
      return new HostCheck(
          "xorriso",
          HostCheck.Status.MISSING,
          program.get() + " did not report a version",
          Optional.of("reinstall it: apt-get install --reinstall xorriso"));
    }
    int[] version = {
      Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))
    };
    String detail =
        "xorriso " + m.group(1) + "." + m.group(2) + "." + m.group(3) + " at " + program.get();
    if (compare(version, MIN_XORRISO) < 0) {
      return new HostCheck(
          "xorriso",
          HostCheck.Status.MISSING,
          detail,
          Optional.of("pveiso needs xorriso 1.5.0 or newer"));
    }
    return new HostCheck("xorriso", HostCheck.Status.OK, detail, Optional.empty());
  }

  /** unsquashfs reads the base system's package list out of the ISO; plan and build need it. */
  private HostCheck unsquashfs() {
    String name = BaseSystemReader.PROGRAM;
    return which(name)
        .map(p -> new HostCheck(name, HostCheck.Status.OK, p.toString(), Optional.empty()))
        .orElseGet(
            () ->
                new HostCheck(
                    name,
                    HostCheck.Status.MISSING,
                    "not found on PATH; plan and build read the base system's packages with it",
                    Optional.of("install it: apt-get install " + BaseSystemReader.PACKAGE)));
  }

  private HostCheck optionalProgram(String name, String debianPackage, String usedFor) {
    return which(name)
        .map(p -> new HostCheck(name, HostCheck.Status.OK, p.toString(), Optional.empty()))
        .orElseGet(
            () ->
                new HostCheck(
                    name,
                    HostCheck.Status.OPTIONAL,
                    "not found; needed only for " + usedFor,
                    Optional.of("apt-get install " + debianPackage)));
  }

  private static HostCheck optionalFile(String name, String path, String debianPackage) {
    return Files.isRegularFile(Path.of(path))
        ? new HostCheck(name, HostCheck.Status.OK, path, Optional.empty())
        : new HostCheck(
            name,
            HostCheck.Status.OPTIONAL,
            path + " not found; needed only for verify --boot",
            Optional.of("apt-get install " + debianPackage));
  }

  private static HostCheck disk(String name, Path folder) {
    Path existing = folder.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return new HostCheck(
          name, HostCheck.Status.WARN, folder + ": no existing parent", Optional.empty());
    }
    try {
      long free = Files.getFileStore(existing).getUsableSpace();
      String detail = String.format("%.1f GiB free at %s", free / (1024.0 * 1024 * 1024), folder);
      return free < LOW_DISK
          ? new HostCheck(
              name,
              HostCheck.Status.WARN,
              detail,
              Optional.of("a build needs about twice the ISO's size; free some space"))
          : new HostCheck(name, HostCheck.Status.OK, detail, Optional.empty());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read free space at " + existing, e);
    }
  }

  /** The program's path on {@code PATH}, if it is there and executable. */
  Optional<Path> which(String program) {
    String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  static int compare(int[] a, int[] b) {
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i] != b[i]) {
        return Integer.compare(a[i], b[i]);
      }
    }
    return Integer.compare(a.length, b.length);
  }
}
