package io.github.pveiso.installcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.events.EventListener;
import io.github.pveiso.initrd.TestKernel;
import io.github.pveiso.pipeline.stage.repack.FirmwareFile;
import io.github.pveiso.pipeline.stage.repack.FirmwareRepacker;
import io.github.pveiso.pipeline.stage.repack.RepackFormat;
import io.github.pveiso.pipeline.stage.repack.RepackSource;
import io.github.pveiso.pipeline.stage.repack.RepackedFirmware;
import io.github.pveiso.proc.ProcessRunner;
import io.github.pveiso.proc.SystemProcessRunner;
import io.github.pveiso.proxmox.ProxmoxFirmware;
import io.github.pveiso.proxmox.ProxmoxFirmwareReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pveiso-firmware with pve-firmware's copies winning, installed as the installer installs it, with
 * busybox as the scratch root's shell so its maintainer scripts and its dpkg trigger really run:
 * then a newer pve-firmware over it, then a purge.
 */
@Tag("slow")
class FirmwareLinksTest {
  static final String OWN = "/usr/lib/pveiso-firmware/";

  @TempDir Path dir;

  final ProcessRunner runner = new SystemProcessRunner();
  final InstallerCheck check =
      new InstallerCheck(runner, EventListener.NONE, Duration.ofMinutes(2))
          .withShell(TestKernel.dir().resolve("bin/busybox"));

  Path root() {
    return dir.resolve("root");
  }

  static ProxmoxFirmware proxmox(Path pveFirmware) throws IOException {
    try (InputStream in = Files.newInputStream(pveFirmware)) {
      return ProxmoxFirmwareReader.read(pveFirmware.getFileName().toString(), in);
    }
  }

  RepackedFirmware repack(ProxmoxFirmware proxmox) throws IOException {
    List<RepackSource> sources =
        List.of(
            new RepackSource(
                StandInDebs.firmwareMiscNonfree(dir), "firmware-misc-nonfree", "20230625-2"),
            new RepackSource(StandInDebs.firmwareRealtek(dir), "firmware-realtek", "20230625-2"));
    return new FirmwareRepacker(1_700_000_000L, RepackFormat.zstd(), EventListener.NONE)
        .repack(sources, proxmox, dir.resolve("out"));
  }

  /** Installs pve-firmware (and {@code more}) as the base, then the repacked package. */
  RepackedFirmware install(Path... more) throws IOException {
    Path pve = StandInDebs.pveFirmware(dir);
    RepackedFirmware repacked = repack(proxmox(pve));
    List<Path> base = new ArrayList<>(List.of(pve));
    base.addAll(List.of(more));
    InstallerCheckResult result = check.check(base, List.of(repacked.deb()), root());
    List<String> names = new ArrayList<>();
    base.forEach(p -> names.add(p.getFileName().toString()));
    names.add(repacked.deb().getFileName().toString());
    assertThat(result).isEqualTo(new InstallerCheckResult.Passed(names));
    return repacked;
  }

  /** dpkg on the scratch root as the installed system runs it (scripts chrooted there). */
  ProcessRunner.Result dpkg(String... args) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "dpkg",
                "--root=" + root(),
                "--admindir=" + root().resolve("var/lib/dpkg"),
                "--log=/dev/null",
                "--force-unsafe-io"));
    argv.addAll(List.of(args));
    return runner.run(
        ProcessRunner.Command.of(argv)
            .withEnv(
                Map.of("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")));
  }

  /** Every symbolic link under {@code /lib/firmware/updates}, as {@code name -> target}. */
  List<String> updatesLinks() throws IOException {
    Path updates = root().resolve("usr/lib/firmware/updates");
    if (!Files.exists(updates)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(updates)) {
      List<String> links = new ArrayList<>();
      for (Path p : walk.filter(Files::isSymbolicLink).sorted().toList()) {
        links.add(updates.relativize(p) + " -> " + Files.readSymbolicLink(p));
      }
      return links;
    }
  }

  @Test
  void onlyWhatPveFirmwareLacksIsLinkedAndEveryRepackedFileIsReachableInsideTheRoot()
      throws IOException {
    RepackedFirmware repacked = install();

    assertThat(repacked.files())
        .extracting(FirmwareFile::path)
        .containsExactly(
            "i915/x-hard.bin",
            "i915/x-link.bin",
            "i915/x.bin",
            "rtl_bt/rtl8723b_fw.bin",
            "rtl_bt/rtl8723bs_fw.bin");
    assertThat(updatesLinks())
        .containsExactly(
            "i915/x-hard.bin -> " + OWN + "i915/x-hard.bin",
            "i915/x-link.bin -> " + OWN + "i915/x-link.bin",
            "i915/x.bin -> " + OWN + "i915/x.bin",
            "rtl_bt/rtl8723b_fw.bin -> " + OWN + "rtl_bt/rtl8723b_fw.bin",
            "rtl_bt/rtl8723bs_fw.bin -> " + OWN + "rtl_bt/rtl8723bs_fw.bin");
    for (FirmwareFile f : repacked.files()) {
      Optional<Path> real = RootPaths.resolve(root(), "/lib/firmware/updates/" + f.path());
      assertThat(real).as(f.path()).isPresent();
      assertThat(real.get()).startsWith(root().resolve("usr/lib/pveiso-firmware"));
      assertThat(Files.isRegularFile(real.get(), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
    // nothing pve-firmware has is under updates; the kernel loads Proxmox's copy
    for (String name : proxmox(StandInDebs.pveFirmware(dir)).names()) {
      assertThat(root().resolve("usr/lib/firmware/updates").resolve(name)).as(name).doesNotExist();
    }
    assertThat(RootPaths.kernelLoads(root(), "rtl_nic/rtl8168h-2.fw")).hasValue("proxmox's copy\n");
    assertThat(RootPaths.kernelLoads(root(), "i915/x-link.bin")).hasValue("i915 x\n");
    assertThat(RootPaths.kernelLoads(root(), "rtl_bt/rtl8723bs_fw.bin")).hasValue("bt\n");
  }

  @Test
  void aNewerPveFirmwareWithOneOfTheFilesMakesTheTriggerDropItsLink() throws IOException {
    install();
    assertThat(RootPaths.kernelLoads(root(), "i915/x.bin")).hasValue("i915 x\n");

    ProcessRunner.Result upgrade = dpkg("-i", StandInDebs.pveFirmwareNewer(dir).toString());

    assertThat(upgrade.exitCode()).as(upgrade.stderr()).isZero();
    assertThat(upgrade.stderr()).doesNotContain("conflict", "overwrite");
    assertThat(upgrade.stdout()).contains("Processing triggers for pveiso-firmware");
    assertThat(updatesLinks())
        .containsExactly(
            "i915/x-hard.bin -> " + OWN + "i915/x-hard.bin",
            "i915/x-link.bin -> " + OWN + "i915/x-link.bin",
            "rtl_bt/rtl8723b_fw.bin -> " + OWN + "rtl_bt/rtl8723b_fw.bin",
            "rtl_bt/rtl8723bs_fw.bin -> " + OWN + "rtl_bt/rtl8723bs_fw.bin");
    assertThat(RootPaths.kernelLoads(root(), "i915/x.bin")).hasValue("proxmox's x\n");

    // and back: going back to the older pve-firmware links the file again
    ProcessRunner.Result downgrade = dpkg("-i", StandInDebs.pveFirmware(dir).toString());
    assertThat(downgrade.exitCode()).as(downgrade.stderr()).isZero();
    assertThat(updatesLinks()).contains("i915/x.bin -> " + OWN + "i915/x.bin");
    assertThat(RootPaths.kernelLoads(root(), "i915/x.bin")).hasValue("i915 x\n");
  }

  @Test
  void purgingLeavesNothingOfItUnderLibFirmware() throws IOException {
    install();

    ProcessRunner.Result purge = dpkg("--purge", FirmwareRepacker.PACKAGE);

    assertThat(purge.exitCode()).as(purge.stderr()).isZero();
    assertThat(updatesLinks()).isEmpty();
    assertThat(root().resolve("usr/lib/firmware/updates")).doesNotExist();
    assertThat(root().resolve("usr/lib/pveiso-firmware")).doesNotExist();
    assertThat(RootPaths.kernelLoads(root(), "rtl_nic/rtl8168h-2.fw")).hasValue("proxmox's copy\n");
  }

  @Test
  void theScriptsAreIdempotentAndLeaveWhatOtherPackagesOwnAlone() throws IOException {
    install(StandInDebs.localFirmware(dir));
    List<String> links = updatesLinks();
    // local-firmware's own file keeps its name; everything else is linked
    assertThat(links)
        .containsExactly(
            "i915/x-hard.bin -> " + OWN + "i915/x-hard.bin",
            "i915/x-link.bin -> " + OWN + "i915/x-link.bin",
            "i915/x.bin -> " + OWN + "i915/x.bin",
            "rtl_bt/rtl8723bs_fw.bin -> " + OWN + "rtl_bt/rtl8723bs_fw.bin");
    Path local = root().resolve("usr/lib/firmware/updates/rtl_bt/rtl8723b_fw.bin");
    assertThat(local).hasContent("local copy\n");

    for (int i = 0; i < 2; i++) {
      ProcessRunner.Result again =
          runner.run(
              ProcessRunner.Command.of(
                      List.of(
                          "/usr/sbin/chroot",
                          root().toString(),
                          "/var/lib/dpkg/info/pveiso-firmware.postinst",
                          "configure"))
                  .withEnv(Map.of("PATH", "/usr/bin:/bin")));
      assertThat(again.exitCode()).as(again.stderr()).isZero();
      assertThat(again.stderr()).isEmpty();
      assertThat(updatesLinks()).isEqualTo(links);
    }

    ProcessRunner.Result purge = dpkg("--purge", FirmwareRepacker.PACKAGE);
    assertThat(purge.exitCode()).as(purge.stderr()).isZero();
    assertThat(updatesLinks()).isEmpty();
    // the folder local-firmware lists stays, though empty now
    assertThat(root().resolve("usr/lib/firmware/updates/i915")).isEmptyDirectory();
    assertThat(local).hasContent("local copy\n");
    assertThat(linksIntoThePackage(root().resolve("usr/lib/firmware"))).isZero();
  }

  /** How many symlinks under {@code folder} point into pveiso-firmware's folder. */
  static long linksIntoThePackage(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isSymbolicLink)
          .filter(
              p -> {
                try {
                  return Files.readSymbolicLink(p).toString().contains("pveiso-firmware");
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .count();
    }
  }
}
