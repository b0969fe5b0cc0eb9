package io.github.pveiso.installcheck;

import io.github.pveiso.proc.ProcessRunner;
import io.github.pveiso.proc.SystemProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Builds stand-ins for Proxmox's pve-firmware and Debian's firmware packages with {@code dpkg-deb
 * --root-owner-group --build} and a fixed {@code SOURCE_DATE_EPOCH}: the real control
 * relationships, a few small files, a symlink and a hard link.
 */
final class StandInDebs {
  static final String EPOCH = "1700000000";

  /**
   * The Debian firmware packages pve-firmware declares both Conflicts and Replaces against, as in
   * the {@code debian/control} of Proxmox's pve-firmware source (the same list for both fields).
   */
  static final List<String> PVE_FIRMWARE_CONFLICTS =
      List.of(
          "firmware-amd-graphics",
          "firmware-ath9k-htc",
          "firmware-atheros",
          "firmware-bnx2",
          "firmware-bnx2x",
          "firmware-brcm80211",
          "firmware-cavium",
          "firmware-intelwimax",
          "firmware-ipw2x00",
          "firmware-ivtv",
          "firmware-iwlwifi",
          "firmware-libertas",
          "firmware-linux-free",
          "firmware-linux-nonfree",
          "firmware-misc-nonfree",
          "firmware-myricom",
          "firmware-netronome",
          "firmware-netxen",
          "firmware-qlogic",
          "firmware-ralink",
          "firmware-realtek",
          "firmware-siano",
          "firmware-ti-connectivity");

  private StandInDebs() {}

  /** pve-firmware 3.9-1 with the real Conflicts/Replaces list and one file in /lib/firmware. */
  static Path pveFirmware(Path dir) throws IOException {
    Path tree = tree(dir, "pve-firmware");
    String list = String.join(", ", PVE_FIRMWARE_CONFLICTS);
    control(tree, "pve-firmware", "3.9-1", "Conflicts: " + list + "\nReplaces: " + list + "\n");
    write(tree, "lib/firmware/rtl_nic/rtl8168h-2.fw", "proxmox's copy\n");
    return build(dir, tree, "pve-firmware_3.9-1_all.deb");
  }

  /** pve-firmware 3.10-1: as 3.9-1, plus {@code i915/x.bin}, which firmware-misc-nonfree has. */
  static Path pveFirmwareNewer(Path dir) throws IOException {
    Path tree = tree(dir, "pve-firmware-newer");
    String list = String.join(", ", PVE_FIRMWARE_CONFLICTS);
    control(tree, "pve-firmware", "3.10-1", "Conflicts: " + list + "\nReplaces: " + list + "\n");
    write(tree, "lib/firmware/rtl_nic/rtl8168h-2.fw", "proxmox's copy\n");
    write(tree, "lib/firmware/i915/x.bin", "proxmox's x\n");
    return build(dir, tree, "pve-firmware_3.10-1_all.deb");
  }

  /**
   * local-firmware 1.0: a file of its own in {@code /lib/firmware/updates} and an empty folder
   * there, {@code i915}.
   */
  static Path localFirmware(Path dir) throws IOException {
    Path tree = tree(dir, "local-firmware");
    control(tree, "local-firmware", "1.0", "");
    write(tree, "lib/firmware/updates/rtl_bt/rtl8723b_fw.bin", "local copy\n");
    Files.createDirectories(tree.resolve("lib/firmware/updates/i915"));
    return build(dir, tree, "local-firmware_1.0_all.deb");
  }

  /** firmware-misc-nonfree 20230625-2: a file, a relative symlink and a hard link. */
  static Path firmwareMiscNonfree(Path dir) throws IOException {
    Path tree = tree(dir, "firmware-misc-nonfree");
    control(tree, "firmware-misc-nonfree", "20230625-2", "");
    Path file = write(tree, "usr/lib/firmware/i915/x.bin", "i915 x\n");
    Files.createSymbolicLink(file.resolveSibling("x-link.bin"), Path.of("x.bin"));
    Files.createLink(file.resolveSibling("x-hard.bin"), file);
    write(tree, "usr/share/doc/firmware-misc-nonfree/copyright", "not firmware\n");
    return build(dir, tree, "firmware-misc-nonfree_20230625-2_all.deb");
  }

  /** firmware-realtek 20230625-2: two files and an absolute symlink. */
  static Path firmwareRealtek(Path dir) throws IOException {
    Path tree = tree(dir, "firmware-realtek");
    control(tree, "firmware-realtek", "20230625-2", "");
    write(tree, "usr/lib/firmware/rtl_nic/rtl8168h-2.fw", "debian's copy\n");
    Path bt = write(tree, "usr/lib/firmware/rtl_bt/rtl8723b_fw.bin", "bt\n");
    Files.createSymbolicLink(
        bt.resolveSibling("rtl8723bs_fw.bin"), Path.of("/lib/firmware/rtl_bt/rtl8723b_fw.bin"));
    return build(dir, tree, "firmware-realtek_20230625-2_all.deb");
  }

  /** A package shipping a postinst script. */
  static Path withPostinst(Path dir) throws IOException {
    Path tree = tree(dir, "scripted");
    control(tree, "scripted", "1.0", "");
    Path postinst = write(tree, "DEBIAN/postinst", "#!/bin/sh\nexit 0\n");
    postinst.toFile().setExecutable(true, false);
    return build(dir, tree, "scripted_1.0_all.deb");
  }

  /** A package with an unmet Depends, which {@code configure -a} refuses. */
  static Path withMissingDependency(Path dir) throws IOException {
    Path tree = tree(dir, "needy");
    control(tree, "needy", "1.0", "Depends: not-on-this-system\n");
    return build(dir, tree, "needy_1.0_all.deb");
  }

  private static Path tree(Path dir, String name) throws IOException {
    return Files.createTempDirectory(dir, "tree-" + name + "-");
  }

  private static void control(Path tree, String name, String version, String extra)
      throws IOException {
    write(
        tree,
        "DEBIAN/control",
        "Package: "
            + name
            + "\nVersion: "
            + version
            + "\nArchitecture: all\nMaintainer: Test <test@example.org>\n"
            + extra
            + "Description: stand-in for "
            + name
            + "\n");
  }

  private static Path write(Path tree, String path, String content) throws IOException {
    Path file = tree.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private static Path build(Path dir, Path tree, String fileName) {
    Path deb = dir.resolve(fileName);
    new SystemProcessRunner()
        .runChecked(
            ProcessRunner.Command.of(
                    List.of(
                        "dpkg-deb",
                        "--root-owner-group",
                        "-Zxz",
                        "--build",
                        tree.toString(),
                        deb.toString()))
                .withEnv(Map.of("SOURCE_DATE_EPOCH", EPOCH)));
    return deb;
  }
}
