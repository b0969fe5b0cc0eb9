package io.github.pveiso.installcheck;

import io.github.pveiso.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lays out a scratch root as a freshly bootstrapped Debian 12 or 13 system has it: merged {@code
 * /usr} ({@code bin}, {@code sbin}, {@code lib}, {@code lib64} are symlinks into {@code usr}) and
 * an empty dpkg database.
 */
final class ScratchRoot {
  static final String ADMIN_DIR = "var/lib/dpkg";

  private ScratchRoot() {}

  /**
   * Creates {@code root} with the merged-{@code /usr} links and {@code
   * var/lib/dpkg/{status,available,info,updates,triggers}}.
   */
  static void create(Path root) throws IOException {
    if (Files.exists(root)) {
      try (Stream<Path> children = Files.list(root)) {
        if (children.findAny().isPresent()) {
          throw new InvalidInputException(
              "installer check root "
                  + root
                  + " is not empty; give a new or empty folder (it is filled with a dpkg database)");
        }
      }
    }
    for (String dir : new String[] {"bin", "lib", "lib64", "sbin"}) {
      Files.createDirectories(root.resolve("usr").resolve(dir));
      Files.createSymbolicLink(root.resolve(dir), Path.of("usr", dir));
    }
    Path admin = root.resolve(ADMIN_DIR);
    for (String dir : new String[] {"info", "updates", "triggers"}) {
      Files.createDirectories(admin.resolve(dir));
    }
    Files.write(admin.resolve("status"), new byte[0]);
    Files.write(admin.resolve("available"), new byte[0]);
  }

  /** The tools maintainer scripts use, as links to busybox in {@code usr/bin}. */
  static final List<String> TOOLS =
      List.of(
          "[",
          "cat",
          "dirname",
          "echo",
          "find",
          "grep",
          "ln",
          "ls",
          "mkdir",
          "readlink",
          "rm",
          "rmdir",
          "sed",
          "sh",
          "test");

  /**
   * Puts a copy of {@code busybox} (a static build) at {@code usr/bin/busybox} in {@code root},
   * with {@link #TOOLS} as links to it, so {@code /bin/sh} runs there.
   */
  static void addShell(Path root, Path busybox) throws IOException {
    Path bin = root.resolve("usr/bin");
    Path copy = bin.resolve("busybox");
    Files.copy(busybox, copy);
    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (String tool : TOOLS) {
      Files.createSymbolicLink(bin.resolve(tool), Path.of("busybox"));
    }
  }

  /** True when this process runs as root (uid 0), which may chroot. */
  static boolean runningAsRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }
}
