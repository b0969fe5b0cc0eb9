package io.github.pveiso.installcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.debian.DebWriter;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.initrd.TestKernel;
import io.github.pveiso.pipeline.stage.repack.FirmwareRepacker;
import io.github.pveiso.pipeline.stage.repack.RepackFormat;
import io.github.pveiso.pipeline.stage.repack.RepackSource;
import io.github.pveiso.pipeline.stage.repack.RepackedFirmware;
import io.github.pveiso.proc.ProcessRunner;
import io.github.pveiso.proc.SystemProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("slow")
class InstallerCheckTest {
  @TempDir Path dir;

  final InstallerCheck check =
      new InstallerCheck(new SystemProcessRunner(), EventListener.NONE, Duration.ofMinutes(2));

  /** The package as a build for Proxmox VE 8 or 9 writes it (zstd members). */
  RepackedFirmware repack(Path out) throws IOException {
    return repack(out, RepackFormat.zstd());
  }

  RepackedFirmware repack(Path out, DebWriter.MemberFormat format) throws IOException {
    List<RepackSource> sources =
        List.of(
            new RepackSource(
                StandInDebs.firmwareMiscNonfree(dir), "firmware-misc-nonfree", "20230625-2"),
            new RepackSource(StandInDebs.firmwareRealtek(dir), "firmware-realtek", "20230625-2"));
    return new FirmwareRepacker(1_700_000_000L, format, EventListener.NONE).repack(sources, out);
  }

  @Test
  void debianFirmwareAfterPveFirmwareAbortsTheInstallation() throws IOException {
    InstallerCheckResult result =
        check.check(
            List.of(StandInDebs.pveFirmware(dir)),
            List.of(StandInDebs.firmwareMiscNonfree(dir)),
            dir.resolve("root"));

    assertThat(result)
        .isEqualTo(
            new InstallerCheckResult.Failed(
                "unpack firmware-misc-nonfree_20230625-2_all.deb",
                "pve-firmware conflicts with firmware-misc-nonfree; conflicting packages - not"
                    + " installing firmware-misc-nonfree"));
  }

  @Test
  void debianFirmwareNextToPveFirmwareIsRemovedByIt() throws IOException {
    InstallerCheckResult result =
        check.check(
            List.of(StandInDebs.pveFirmware(dir), StandInDebs.firmwareRealtek(dir)),
            dir.resolve("root"));

    assertThat(result)
        .isEqualTo(
            new InstallerCheckResult.Failed(
                "status",
                "firmware-realtek is not installed at the end (dpkg has no record of it);"
                    + " dpkg: Removing firmware-realtek (20230625-2), to allow"
                    + " configuration of pve-firmware (3.9-1)"));
  }

  @Test
  void repackedFirmwareInstallsNextToPveFirmwareUnderUpdates() throws IOException {
    RepackedFirmware repacked = repack(dir.resolve("out"));
    Path root = dir.resolve("root");

    InstallerCheckResult result =
        check.check(List.of(StandInDebs.pveFirmware(dir)), List.of(repacked.deb()), root);

    assertThat(result)
        .isEqualTo(
            new InstallerCheckResult.Passed(
                List.of("pve-firmware_3.9-1_all.deb", repacked.deb().getFileName().toString())));
    Path updates = root.resolve("lib/firmware/updates");
    assertThat(Files.readString(updates.resolve("i915/x.bin"))).isEqualTo("i915 x\n");
    assertThat(Files.readString(updates.resolve("i915/x-hard.bin"))).isEqualTo("i915 x\n");
    assertThat(Files.readSymbolicLink(updates.resolve("i915/x-link.bin")))
        .isEqualTo(Path.of("x.bin"));
    assertThat(Files.readString(updates.resolve("i915/x-link.bin"))).isEqualTo("i915 x\n");
    assertThat(Files.readString(updates.resolve("rtl_nic/rtl8168h-2.fw")))
        .isEqualTo("debian's copy\n");
    assertThat(Files.readSymbolicLink(updates.resolve("rtl_bt/rtl8723bs_fw.bin")))
        .isEqualTo(Path.of("rtl8723b_fw.bin"));
    assertThat(Files.readString(root.resolve("lib/firmware/rtl_nic/rtl8168h-2.fw")))
        .isEqualTo("proxmox's copy\n");
    // merged /usr: lib is usr/lib, as on the Proxmox target
    assertThat(Files.readString(root.resolve("usr/lib/firmware/updates/i915/x.bin")))
        .isEqualTo("i915 x\n");
  }

  @Test
  void repackedFirmwareWithXzMembersInstallsToo() throws IOException {
    // what a build writes when the base system's dpkg predates zstd (Proxmox VE 7)
    RepackedFirmware repacked = repack(dir.resolve("out"), RepackFormat.anyDpkg());
    Path root = dir.resolve("root");

    InstallerCheckResult result =
        check.check(List.of(StandInDebs.pveFirmware(dir)), List.of(repacked.deb()), root);

    assertThat(result)
        .isEqualTo(
            new InstallerCheckResult.Passed(
                List.of("pve-firmware_3.9-1_all.deb", repacked.deb().getFileName().toString())));
    assertThat(Files.readString(root.resolve("lib/firmware/updates/i915/x.bin")))
        .isEqualTo("i915 x\n");
  }

  @Test
  void dpkgDebReadsTheRepackedPackage() throws IOException {
    RepackedFirmware repacked = repack(dir.resolve("out"));
    ProcessRunner runner = new SystemProcessRunner();

    String info =
        runner.runChecked(List.of("dpkg-deb", "--field", repacked.deb().toString())).stdout();
    assertThat(info)
        .startsWith("Package: pveiso-firmware\nVersion: " + repacked.version() + "\n")
        .doesNotContain("Depends", "Conflicts", "Replaces", "Breaks", "Provides");
    String contents =
        runner.runChecked(List.of("dpkg-deb", "--contents", repacked.deb().toString())).stdout();
    assertThat(contents.lines().map(l -> l.substring(0, 10) + " " + l.substring(l.indexOf("./"))))
        .containsExactly(
            "drwxr-xr-x ./",
            "drwxr-xr-x ./lib/",
            "drwxr-xr-x ./lib/firmware/",
            "drwxr-xr-x ./lib/firmware/updates/",
            "drwxr-xr-x ./lib/firmware/updates/i915/",
            "-rw-r--r-- ./lib/firmware/updates/i915/x-hard.bin",
            "lrwxrwxrwx ./lib/firmware/updates/i915/x-link.bin -> x.bin",
            "-rw-r--r-- ./lib/firmware/updates/i915/x.bin",
            "drwxr-xr-x ./lib/firmware/updates/rtl_bt/",
            "-rw-r--r-- ./lib/firmware/updates/rtl_bt/rtl8723b_fw.bin",
            "lrwxrwxrwx ./lib/firmware/updates/rtl_bt/rtl8723bs_fw.bin -> rtl8723b_fw.bin",
            "drwxr-xr-x ./lib/firmware/updates/rtl_nic/",
            "-rw-r--r-- ./lib/firmware/updates/rtl_nic/rtl8168h-2.fw");
    assertThat(contents).contains(" root/root ");
    Path extracted = dir.resolve("extracted");
    runner.runChecked(
        List.of("dpkg-deb", "--extract", repacked.deb().toString(), extracted.toString()));
    assertThat(Files.readString(extracted.resolve("lib/firmware/updates/i915/x.bin")))
        .isEqualTo("i915 x\n");
  }

  @Test
  void repackingTheSameDebsTwiceGivesTheSameBytes() throws IOException {
    RepackedFirmware first = repack(dir.resolve("one"));
    RepackedFirmware second = repack(dir.resolve("two"));
    assertThat(Files.readAllBytes(second.deb())).isEqualTo(Files.readAllBytes(first.deb()));
    assertThat(second.sha256()).isEqualTo(first.sha256());
  }

  @Test
  void anUnmetDependencyFailsTheConfigureStep() throws IOException {
    InstallerCheckResult result =
        check.check(List.of(StandInDebs.withMissingDependency(dir)), dir.resolve("root"));
    assertThat(result)
        .isEqualTo(
            new InstallerCheckResult.Failed(
                "configure", "dependency problems - leaving unconfigured"));
  }

  @Test
  void packagesWithMaintainerScriptsAreNotChecked() throws IOException {
    InstallerCheckResult result =
        check.check(List.of(StandInDebs.withPostinst(dir)), dir.resolve("root"));
    assertThat(result)
        .isEqualTo(
            new InstallerCheckResult.NotChecked(
                "scripted_1.0_all.deb ships a postinst script, which the installer check would"
                    + " run on this host instead of the target; check it by installing the ISO"));
    assertThat(dir.resolve("root")).doesNotExist();
  }

  @Test
  void withAShellInTheScratchRootScriptsRunThere() throws IOException {
    Path root = dir.resolve("root");
    InstallerCheckResult result =
        check
            .withShell(TestKernel.dir().resolve("bin/busybox"))
            .check(List.of(StandInDebs.withPostinst(dir)), root);
    assertThat(result).isEqualTo(new InstallerCheckResult.Passed(List.of("scripted_1.0_all.deb")));
    assertThat(Files.readSymbolicLink(root.resolve("usr/bin/sh"))).isEqualTo(Path.of("busybox"));
  }

  @Test
  void withoutDpkgNothingIsChecked() throws IOException {
    InstallerCheck noDpkg =
        new InstallerCheck(
            new SystemProcessRunner(),
            EventListener.NONE,
            Duration.ofMinutes(1),
            dir.resolve("no-such-dpkg").toString());
    assertThat(noDpkg.check(List.of(StandInDebs.firmwareRealtek(dir)), dir.resolve("root")))
        .isEqualTo(
            new InstallerCheckResult.NotChecked(
                "dpkg is not installed on this host; install it (Debian package dpkg) to check"
                    + " packages"));
  }

  @Test
  void theScratchRootMustBeNewOrEmpty() throws IOException {
    Path root = Files.createDirectories(dir.resolve("root"));
    Files.writeString(root.resolve("something"), "x");
    assertThatThrownBy(() -> check.check(List.of(StandInDebs.firmwareRealtek(dir)), root))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "installer check root "
                + root
                + " is not empty; give a new or empty folder (it is filled with a dpkg database)");
  }
}
