package io.github.pveiso.installcheck;

import io.github.pveiso.debian.DebArchive;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.proc.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Installs .debs the way the Proxmox installer does, on a scratch root: {@code dpkg --force-depends
 * --no-triggers --unpack} for each file in name order, then {@code dpkg --force-confold --configure
 * -a}, and then checks that every package is still installed (dpkg removes an installed package
 * that a newer one both Conflicts with and Replaces, and says so only on standard output). It runs
 * as root or as a normal user ({@code --force-not-root}) and never chroots ({@code
 * --force-script-chrootless}).
 *
 * <p>Limit: maintainer scripts would run on this host, not in the target, so a package that ships
 * any ({@code preinst}, {@code postinst}, {@code prerm}, {@code postrm}, {@code config}) is not
 * checked; the result says which. {@link #withShell} lifts it: a static busybox in the scratch root
 * is its {@code /bin/sh} and the few tools maintainer scripts use, and dpkg (run as root) chroots
 * into the scratch root to run the scripts and triggers there, as the installer does.
 */
public final class InstallerCheck {
  static final List<String> MAINTAINER_SCRIPTS =
      List.of("config", "postinst", "postrm", "preinst", "prerm");

  private final ProcessRunner runner;
  private final EventListener events;
  private final Duration timeout;
  private final String dpkg;
  private final Optional<Path> shell;

  /** A check that runs dpkg through {@code runner}, each call at most {@code timeout}. */
  public InstallerCheck(ProcessRunner runner, EventListener events, Duration timeout) {
    this(runner, events, timeout, "dpkg");
  }

  InstallerCheck(ProcessRunner runner, EventListener events, Duration timeout, String dpkg) {
    this(runner, events, timeout, dpkg, Optional.empty());
  }

  private InstallerCheck(
      ProcessRunner runner,
      EventListener events,
      Duration timeout,
      String dpkg,
      Optional<Path> shell) {
    this.runner = runner;
    this.events = events;
    this.timeout = timeout;
    this.dpkg = dpkg;
    this.shell = shell;
  }

  /**
   * The same check with {@code busybox} (a static build) as the scratch root's shell and tools, so
   * that maintainer scripts and triggers run inside the scratch root (dpkg chroots there: root
   * only).
   */
  public InstallerCheck withShell(Path busybox) {
    return new InstallerCheck(runner, events, timeout, dpkg, Optional.of(busybox));
  }

  /**
   * Installs {@code debs} into a new dpkg database under {@code scratchRoot} (new or empty) as the
   * installer installs {@code /proxmox/packages/*.deb}, and says whether it would succeed.
   */
  public InstallerCheckResult check(List<Path> debs, Path scratchRoot) throws IOException {
    return check(List.of(), debs, scratchRoot);
  }

  /**
   * Like {@link #check(List, Path)}, with {@code base} installed first the same way: the packages
   * the target already has from {@code pve-base.squashfs}.
   */
  public InstallerCheckResult check(List<Path> base, List<Path> debs, Path scratchRoot)
      throws IOException {
    List<Package> all = new ArrayList<>();
    for (Path deb : base) {
      all.add(Package.read(deb));
    }
    for (Path deb : debs) {
      all.add(Package.read(deb));
    }
    if (shell.isPresent() && !ScratchRoot.runningAsRoot()) {
      return new InstallerCheckResult.NotChecked(
          "running maintainer scripts in the scratch root needs root (dpkg chroots into it)");
    }
    for (Package p : all) {
      if (p.script().isPresent() && shell.isEmpty()) {
        return new InstallerCheckResult.NotChecked(
            p.fileName()
                + " ships a "
                + p.script().get()
                + " script, which the installer check would run on this host instead of the"
                + " target; check it by installing the ISO");
      }
    }
    Path root = scratchRoot.toAbsolutePath();
    ScratchRoot.create(root);
    if (shell.isPresent()) {
      ScratchRoot.addShell(root, shell.get());
    }
    DpkgLog log = new DpkgLog();
    Optional<InstallerCheckResult> failed = install(sorted(base), root, log);
    if (failed.isEmpty()) {
      failed = install(sorted(debs), root, log);
    }
    if (failed.isPresent()) {
      return failed.get();
    }
    List<String> missing = DpkgStatus.notInstalled(root.resolve(ScratchRoot.ADMIN_DIR), all);
    if (!missing.isEmpty()) {
      return new InstallerCheckResult.Failed("status", String.join("; ", missing) + log.removals());
    }
    List<String> names = all.stream().map(Package::fileName).toList();
    events.info("installer check: " + names.size() + " package(s) unpack and configure");
    return new InstallerCheckResult.Passed(names);
  }

  private Optional<InstallerCheckResult> install(List<Path> debs, Path root, DpkgLog log) {
    for (Path deb : debs) {
      String name = deb.getFileName().toString();
      events.debug("installer check: unpacking " + name);
      List<String> argv = dpkg(root);
      argv.addAll(List.of("--force-depends", "--no-triggers", "--unpack"));
      argv.add(deb.toAbsolutePath().toString());
      Optional<InstallerCheckResult> failed = run(argv, "unpack " + name, log);
      if (failed.isPresent()) {
        return failed;
      }
    }
    List<String> argv = dpkg(root);
    argv.addAll(List.of("--force-confold", "--configure", "-a"));
    return run(argv, "configure", log);
  }

  private static List<Path> sorted(List<Path> debs) {
    List<Path> sorted = new ArrayList<>(debs);
    sorted.sort(Comparator.comparing(p -> p.getFileName().toString()));
    return sorted;
  }

  /**
   * dpkg with its root and database in the scratch root, no log on the host, no chroot, no fsync
   * (which changes speed, not the outcome).
   */
  private List<String> dpkg(Path root) {
    List<String> argv = new ArrayList<>();
    argv.add(dpkg);
    argv.add("--root=" + root);
    argv.add("--admindir=" + root.resolve(ScratchRoot.ADMIN_DIR));
    argv.add("--log=/dev/null");
    argv.add("--force-not-root");
    if (shell.isEmpty()) {
      argv.add("--force-script-chrootless");
    }
    argv.add("--force-unsafe-io");
    return argv;
  }

  private Optional<InstallerCheckResult> run(List<String> argv, String step, DpkgLog log) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    ProcessRunner.Command command =
        ProcessRunner.Command.of(argv)
            .withTimeout(timeout)
            // dpkg looks for ldconfig and start-stop-daemon, which a normal user's PATH may lack.
            .withEnv(Map.of("PATH", path + ":/usr/sbin:/sbin"));
    ProcessRunner.Result result;
    try {
      result = runner.run(command);
    } catch (UncheckedIOException e) {
      return Optional.of(
          new InstallerCheckResult.NotChecked(
              "dpkg is not installed on this host; install it (Debian package dpkg) to check"
                  + " packages"));
    }
    log.add(result.stdout());
    if (!result.ok()) {
      return Optional.of(new InstallerCheckResult.Failed(step, DpkgErrors.reason(result)));
    }
    return Optional.empty();
  }

  /** A .deb to install: its file name, package name, and first maintainer script if any. */
  record Package(String fileName, String name, Optional<String> script) {
    static Package read(Path deb) throws IOException {
      try (InputStream in = Files.newInputStream(deb)) {
        DebArchive archive = DebArchive.open(deb.getFileName().toString(), in);
        Optional<String> script =
            MAINTAINER_SCRIPTS.stream().filter(archive.controlFiles()::containsKey).findFirst();
        return new Package(
            deb.getFileName().toString(), archive.control().get("Package", ""), script);
      }
    }
  }

  /** dpkg's "Removing X (v), to allow configuration of Y (v) ..." lines across all runs. */
  static final class DpkgLog {
    private final List<String> removals = new ArrayList<>();

    void add(String stdout) {
      for (String line : stdout.split("\n")) {
        if (line.startsWith("Removing ") && line.contains(", to allow configuration of ")) {
          removals.add(line.strip().replaceAll(" \\.\\.\\.$", ""));
        }
      }
    }

    /** {@code "; dpkg: <line>; <line>"}, or empty when dpkg removed nothing. */
    String removals() {
      return removals.isEmpty() ? "" : "; dpkg: " + String.join("; ", removals);
    }
  }
}
