package io.github.pveiso.iso.fat;

import java.util.ArrayList;
import java.util.List;

/** The CPU architectures an EFI system partition boots, by its removable-media boot loader. */
public enum EfiArchitecture {
  /** x86-64: {@code EFI/BOOT/BOOTX64.EFI}. */
  AMD64("BOOTX64.EFI"),
  /** AArch64: {@code EFI/BOOT/BOOTAA64.EFI}. */
  ARM64("BOOTAA64.EFI"),
  /** 32-bit x86: {@code EFI/BOOT/BOOTIA32.EFI}. */
  I386("BOOTIA32.EFI");

  private final String loader;

  EfiArchitecture(String loader) {
    this.loader = loader;
  }

  /** Debian's name for it: {@code amd64}, {@code arm64}, {@code i386}. */
  public String debianName() {
    return switch (this) {
      case AMD64 -> "amd64";
      case ARM64 -> "arm64";
      case I386 -> "i386";
    };
  }

  /** The loader's path inside the FAT file system. */
  public String loaderPath() {
    return "/EFI/BOOT/" + loader;
  }

  /** The architectures whose loader the file system holds. */
  public static List<EfiArchitecture> of(FatFileSystem fs) {
    List<EfiArchitecture> out = new ArrayList<>();
    for (EfiArchitecture arch : values()) {
      if (fs.find(arch.loaderPath()).filter(e -> !e.directory()).isPresent()) {
        out.add(arch);
      }
    }
    return out;
  }
}
