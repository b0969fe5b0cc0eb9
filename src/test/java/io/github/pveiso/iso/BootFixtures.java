package io.github.pveiso.iso;

import io.github.pveiso.proc.ProcessRunner;
import io.github.pveiso.proc.SystemProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Test fixtures: bootable hybrid ISOs made the three ways the project meets them, each with
 * Proxmox-like files. grub-mkrescue (amd64: BIOS + UEFI El Torito, MBR, GPT, APM + HFS+, /efi.img
 * inside), grub-mkrescue for arm64 (UEFI only), and xorriso with the EFI image appended as a GPT
 * partition.
 */
public final class BootFixtures {
  static final ProcessRunner RUNNER = new SystemProcessRunner();
  static final String ARM64_GRUB = "/var/cache/pveiso-test/grub-arm64/usr/lib/grub/arm64-efi";

  private BootFixtures() {}

  /** A tree with the files a Proxmox VE ISO has (small stand-ins). */
  public static Path proxmoxTree(Path dir) {
    try {
      Path src = Files.createDirectories(dir);
      Files.createDirectories(src.resolve("boot/grub"));
      Files.writeString(src.resolve("boot/grub/grub.cfg"), "set timeout=1\n");
      Files.writeString(
          src.resolve(".cd-info"),
          "PRODUCT='pve'\nPRODUCTLONG='Proxmox VE'\nRELEASE='9.1'\nISORELEASE='1'\n"
              + "ISONAME='proxmox-ve'\n");
      Files.createDirectories(src.resolve(".disk"));
      Files.writeString(
          src.resolve(".disk/info"), "PRODUCT='pve'\nPRODUCTLONG='Proxmox VE'\nRELEASE='9.1'\n");
      Files.writeString(src.resolve(".pve-cd-id.txt"), "9c5c7d2b-1e7a-4c1b-9a52-0d3f1c2b7e11\n");
      Files.writeString(src.resolve("auto-installer-capable"), "");
      Files.createDirectories(src.resolve("proxmox/packages"));
      Files.writeString(src.resolve("proxmox/pve-base.cnt"), "52311\n");
      Files.write(src.resolve("proxmox/packages/hello_1.0_amd64.deb"), new byte[] {1, 2, 3});
      Files.write(src.resolve("proxmox/packages/zlib_2.0_all.deb"), new byte[3000]);
      Files.writeString(src.resolve("EULA"), "eula\n");
      Files.writeString(src.resolve("boot/linux26"), "kernel stand-in\n");
      Files.writeString(src.resolve("boot/initrd.img"), "initrd stand-in\n");
      Files.writeString(src.resolve("pve-base.squashfs"), "base stand-in\n");
      Files.writeString(src.resolve("pve-installer.squashfs"), "installer stand-in\n");
      return src;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** grub-mkrescue for i386-pc and x86_64-efi: BIOS and UEFI, MBR, GPT, APM with HFS+. */
  public static Path grubAmd64(Path dir) {
    Path src = proxmoxTree(dir.resolve("amd64-src"));
    return Xorriso.grubMkrescue(dir.resolve("amd64.iso"), src, "-volid", "PVE");
  }

  /** grub-mkrescue for arm64-efi: UEFI only. */
  public static Path grubArm64(Path dir) {
    Path src = proxmoxTree(dir.resolve("arm64-src"));
    return Xorriso.grubMkrescue(dir.resolve("arm64.iso"), src, "-d", ARM64_GRUB, "-volid", "PVE");
  }

  /** A FAT image holding {@code EFI/BOOT/<loader>} with {@code content}. */
  public static Path fatImage(Path file, String loader, String content) {
    try {
      Path local = Files.writeString(file.resolveSibling(loader), content);
      RUNNER.runChecked(List.of("mkfs.fat", "-C", "-n", "EFIBOOT", file.toString(), "1440"));
      RUNNER.runChecked(List.of("mmd", "-i", file.toString(), "::/EFI", "::/EFI/BOOT"));
      RUNNER.runChecked(
          List.of("mcopy", "-i", file.toString(), local.toString(), "::/EFI/BOOT/" + loader));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * xorriso with a BIOS no-emulation image and the EFI image appended as GPT partition 2, the UEFI
   * El Torito entry pointing at that partition.
   */
  public static Path appended(Path dir) {
    try {
      Path src = proxmoxTree(dir.resolve("appended-src"));
      Path bios = src.resolve("boot/bios.img");
      byte[] code = new byte[2048 * 2];
      for (int i = 0; i < code.length; i++) {
        code[i] = (byte) (i * 7);
      }
      Files.write(bios, code);
      Path efi = fatImage(dir.resolve("appended-efi.img"), "BOOTX64.EFI", "amd64 loader\n");
      return Xorriso.mkisofs(
          dir.resolve("appended.iso"),
          src,
          "-R",
          "-V",
          "PVE",
          "-b",
          "boot/bios.img",
          "-no-emul-boot",
          "-boot-load-size",
          "4",
          "-boot-info-table",
          "--grub2-boot-info",
          "--grub2-mbr",
          "/usr/lib/grub/i386-pc/boot_hybrid.img",
          "-append_partition",
          "2",
          "0xef",
          efi.toString(),
          "-appended_part_as_gpt",
          "-eltorito-alt-boot",
          "-e",
          "--interval:appended_partition_2:all::",
          "-no-emul-boot");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
