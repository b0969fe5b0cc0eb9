package io.github.pveiso.iso.boottest;

import io.github.pveiso.iso.fat.EfiArchitecture;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where QEMU and its firmware live. {@link #debian()} names the files of Debian's {@code
 * qemu-system-x86}, {@code qemu-system-arm}, {@code ovmf} and {@code qemu-efi-aarch64} packages.
 *
 * @param qemuAmd64 the amd64 emulator, a name looked up on PATH or a path
 * @param qemuArm64 the arm64 emulator, a name looked up on PATH or a path
 * @param ovmfCode OVMF's firmware code (read-only)
 * @param ovmfVars OVMF's variable store template (copied for each boot)
 * @param aavmfCode AAVMF's firmware code (read-only)
 * @param aavmfVars AAVMF's variable store template (copied for each boot)
 */
public record QemuSetup(
    String qemuAmd64,
    String qemuArm64,
    Path ovmfCode,
    Path ovmfVars,
    Path aavmfCode,
    Path aavmfVars) {

  /** The Debian packages' file locations. */
  public static QemuSetup debian() {
    return new QemuSetup(
        "qemu-system-x86_64",
        "qemu-system-aarch64",
        Path.of("/usr/share/OVMF/OVMF_CODE_4M.fd"),
        Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd"),
        Path.of("/usr/share/AAVMF/AAVMF_CODE.fd"),
        Path.of("/usr/share/AAVMF/AAVMF_VARS.fd"));
  }

  /** The emulator for {@code arch}. */
  public String qemu(EfiArchitecture arch) {
    return switch (arch) {
      case ARM64 -> qemuArm64;
      case AMD64, I386 -> qemuAmd64;
    };
  }

  /** The firmware code and variable template for UEFI on {@code arch}. */
  public Path uefiCode(EfiArchitecture arch) {
    return arch == EfiArchitecture.ARM64 ? aavmfCode : ovmfCode;
  }

  /** The variable store template for UEFI on {@code arch}. */
  public Path uefiVars(EfiArchitecture arch) {
    return arch == EfiArchitecture.ARM64 ? aavmfVars : ovmfVars;
  }

  /**
   * What is missing to boot {@code arch} machines, one line each with the Debian package that has
   * it; empty when everything is there.
   */
  public List<String> missing(EfiArchitecture arch) {
    List<String> out = new ArrayList<>();
    boolean arm = arch == EfiArchitecture.ARM64;
    if (findProgram(qemu(arch)).isEmpty()) {
      out.add(
          qemu(arch)
              + " not found on PATH (Debian package "
              + (arm ? "qemu-system-arm" : "qemu-system-x86")
              + ")");
    }
    for (Path file : List.of(uefiCode(arch), uefiVars(arch))) {
      if (!Files.isRegularFile(file)) {
        out.add(file + " not found (Debian package " + (arm ? "qemu-efi-aarch64" : "ovmf") + ")");
      }
    }
    return out;
  }

  /** Finds a program by path or on PATH. */
  static Optional<Path> findProgram(String program) {
    if (program.contains("/")) {
      Path path = Path.of(program);
      return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }
    String pathVariable = System.getenv("PATH");
    if (pathVariable == null) {
      return Optional.empty();
    }
    for (String dir : pathVariable.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
