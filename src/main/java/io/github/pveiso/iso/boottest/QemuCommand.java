package io.github.pveiso.iso.boottest;

import io.github.pveiso.iso.fat.EfiArchitecture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The QEMU argument list for one boot mode: software emulation (TCG), no display, serial console on
 * standard output, no reboot (a guest's reboot or halt ends QEMU), the ISO attached read-only.
 */
final class QemuCommand {

  private QemuCommand() {}

  /**
   * The argument list.
   *
   * @param setup where QEMU and the firmware are
   * @param mode how to boot
   * @param iso the image
   * @param vars a writable copy of the UEFI variable store (UEFI modes only)
   */
  static List<String> argv(QemuSetup setup, BootMode mode, Path iso, Optional<Path> vars) {
    List<String> argv = new ArrayList<>();
    boolean arm = mode.arch() == EfiArchitecture.ARM64;
    boolean uefi = mode.firmware() == BootMode.Firmware.UEFI;
    argv.add(setup.qemu(mode.arch()));
    argv.addAll(List.of("-nodefaults", "-no-user-config", "-display", "none"));
    argv.addAll(List.of("-serial", "stdio", "-monitor", "none", "-no-reboot"));
    if (arm) {
      argv.addAll(List.of("-machine", "virt,accel=tcg", "-cpu", "cortex-a57", "-m", "512"));
    } else {
      // 512 MiB: with 256, GRUB's EFI loader runs out of memory for an 8 MiB kernel and its initrd
      argv.addAll(List.of("-machine", (uefi ? "q35" : "pc") + ",accel=tcg", "-m", "512"));
    }
    if (uefi) {
      Path store =
          vars.orElseThrow(() -> new IllegalArgumentException("UEFI boot needs a variable store"));
      argv.addAll(
          List.of(
              "-drive",
              "if=pflash,format=raw,unit=0,readonly=on,file=" + escape(setup.uefiCode(mode.arch())),
              "-drive",
              "if=pflash,format=raw,unit=1,file=" + escape(store)));
    }
    String image = "file=" + escape(iso) + ",format=raw,readonly=on";
    switch (mode.medium()) {
      case CD -> {
        if (arm) {
          argv.addAll(List.of("-device", "virtio-scsi-pci,id=scsi"));
          argv.addAll(List.of("-drive", "if=none,id=cd,media=cdrom," + image));
          argv.addAll(List.of("-device", "scsi-cd,drive=cd"));
        } else {
          argv.addAll(List.of("-drive", "if=ide,media=cdrom," + image));
        }
      }
      case DISK -> {
        argv.addAll(List.of("-drive", "if=none,id=disk," + image));
        argv.addAll(List.of("-device", "virtio-blk-pci,drive=disk"));
      }
      case USB -> {
        argv.addAll(List.of("-device", "qemu-xhci,id=xhci"));
        argv.addAll(List.of("-drive", "if=none,id=stick," + image));
        argv.addAll(List.of("-device", "usb-storage,bus=xhci.0,drive=stick,removable=on"));
      }
    }
    return List.copyOf(argv);
  }

  /** QEMU's option syntax doubles commas inside values. */
  static String escape(Path path) {
    return path.toAbsolutePath().toString().replace(",", ",,");
  }
}
