package io.github.pveiso.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.proc.ProcessRunner;
import io.github.pveiso.proc.SystemProcessRunner;
import io.github.pveiso.testing.Fixtures.Fixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixturesTest {

  private static final ProcessRunner RUNNER = new SystemProcessRunner();

  private static List<String> report(Path iso, String... what) {
    List<String> argv = new java.util.ArrayList<>(List.of("xorriso", "-indev", iso.toString()));
    argv.addAll(Arrays.asList(what));
    return RUNNER.runChecked(argv).stdout().lines().toList();
  }

  private static List<String> files(Path iso) {
    return report(iso, "-find", "/", "-type", "f").stream()
        .map(line -> line.replace("'", ""))
        .sorted()
        .toList();
  }

  private static List<String> commonFiles(String arch) {
    return List.of(
        "/.cd-info",
        "/.disk/info",
        "/.pve-cd-id.txt",
        "/COPYING",
        "/EULA",
        "/auto-installer-capable",
        "/boot/grub/grub.cfg",
        "/boot/initrd.img",
        "/boot/linux26",
        "/proxmox/packages/libfoo1_1.2.3-1_" + arch + ".deb",
        "/proxmox/packages/proxmox-ve_9.1.0_all.deb",
        "/proxmox/packages/pve-firmware_3.14-1_all.deb",
        "/proxmox/pve-base.cnt",
        "/pve-base.squashfs",
        "/pve-installer.squashfs",
        "/pveiso-fixture.txt");
  }

  private static List<String> sorted(List<String> a, String... more) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(Arrays.asList(more));
    return all.stream().sorted().toList();
  }

  @Test
  void appendedHasBiosAndAnAppendedEfiPartition() {
    Path iso = Fixture.APPENDED.iso();
    assertThat(
            report(iso, "-pvd_info", "-report_el_torito", "plain", "-report_system_area", "plain"))
        .contains(
            "Volume Id    : PVE",
            "Modif. Time  : 2025010100000000",
            "El Torito cat path : /boot/boot.cat",
            "El Torito img path :   1  /boot/grub/i386-pc/eltorito.img",
            "El Torito img opts :   1  boot-info-table grub2-boot-info",
            "System area summary: MBR protective-msdos-label grub2-mbr cyl-align-off GPT",
            "GPT partname local :   2  Appended2",
            "GPT type GUID      :   2  28732ac11ff8d211ba4b00a0c93ec93b");
    assertThat(report(iso, "-report_system_area", "cmd"))
        .contains(
            "-volume_date uuid '2025010100000000'",
            "-boot_image any appended_part_as=gpt",
            "-boot_image any platform_id=0xef");
    assertThat(files(iso))
        .isEqualTo(sorted(commonFiles("amd64"), "/boot/grub/i386-pc/eltorito.img"));
  }

  @Test
  void mkrescueIsLaidOutLikeProxmox() {
    Path iso = Fixture.MKRESCUE.iso();
    assertThat(
            report(iso, "-pvd_info", "-report_el_torito", "plain", "-report_system_area", "plain"))
        .contains(
            "Volume Id    : PVE",
            "Modif. Time  : 2025020304050600",
            "El Torito cat path : /boot/boot.cat",
            "El Torito img path :   1  /boot/grub/i386-pc/eltorito.img",
            "El Torito img opts :   1  boot-info-table grub2-boot-info",
            "El Torito img path :   2  /efi.img",
            "System area summary: MBR protective-msdos-label grub2-mbr cyl-align-off GPT APM",
            "GPT partname local :   2  EFI boot partition",
            "GPT partition path :   2  /efi.img",
            "GPT partname local :   3  HFSPLUS",
            "APM partition name :   2  HFSPLUS_Hybrid",
            "APM partition type :   2  Apple_HFS");
    assertThat(report(iso, "-report_system_area", "cmd"))
        .contains("-volume_date uuid '2025020304050600'", "-hfsplus on");
    assertThat(files(iso))
        .isEqualTo(sorted(commonFiles("amd64"), "/boot/grub/i386-pc/eltorito.img", "/efi.img"));
  }

  @Test
  void arm64IsUefiOnly() {
    Path iso = Fixture.ARM64.iso();
    List<String> plain =
        report(iso, "-pvd_info", "-report_el_torito", "plain", "-report_system_area", "plain");
    assertThat(plain)
        .contains(
            "Volume Id    : PVE",
            "Modif. Time  : 2025030405060700",
            "El Torito img path :   1  /efi.img",
            "System area summary: MBR protective-msdos-label cyl-align-off GPT",
            "GPT partition path :   2  /efi.img");
    assertThat(plain).noneMatch(line -> line.contains("BIOS"));
    assertThat(report(iso, "-report_system_area", "cmd"))
        .contains("-volume_date uuid '2025030405060700'");
    assertThat(files(iso)).isEqualTo(sorted(commonFiles("arm64"), "/efi.img"));
  }

  @Test
  void pveFirmwareCarriesTheRealConflicts() throws IOException {
    Path deb = Files.createTempFile("pve-firmware", ".deb");
    try {
      RUNNER.runChecked(
          List.of(
              "xorriso",
              "-osirrox",
              "on",
              "-indev",
              Fixture.MKRESCUE.iso().toString(),
              "-extract",
              "/proxmox/packages/pve-firmware_3.14-1_all.deb",
              deb.toString()));
      String conflicts =
          RUNNER.runChecked(List.of("dpkg-deb", "-f", deb.toString(), "Conflicts")).stdout();
      assertThat(conflicts.strip())
          .isEqualTo(
              "firmware-amd-graphics, firmware-ath9k-htc, firmware-atheros, firmware-bnx2,"
                  + " firmware-bnx2x, firmware-brcm80211, firmware-cavium, firmware-intelwimax,"
                  + " firmware-ipw2x00, firmware-ivtv, firmware-iwlwifi, firmware-libertas,"
                  + " firmware-linux-free, firmware-linux-nonfree, firmware-misc-nonfree,"
                  + " firmware-myricom, firmware-netronome, firmware-netxen, firmware-qlogic,"
                  + " firmware-ralink, firmware-realtek, firmware-siano,"
                  + " firmware-ti-connectivity");
    } finally {
      Files.deleteIfExists(deb);
    }
  }

  @Test
  void theScriptIsReproducible(@TempDir Path again) throws IOException {
    Fixtures.build(again);
    assertThat(Files.readString(again.resolve("SHA256SUMS")))
        .isEqualTo(Files.readString(Fixtures.dir().resolve("SHA256SUMS")));
  }
}
