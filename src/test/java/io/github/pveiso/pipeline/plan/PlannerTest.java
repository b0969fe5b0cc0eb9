package io.github.pveiso.pipeline.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.config.PackageKind;
import io.github.pveiso.debian.BinaryPackage;
import io.github.pveiso.debian.Deb822;
import io.github.pveiso.debian.DpkgPackage;
import io.github.pveiso.debian.DpkgStatusFile;
import io.github.pveiso.debian.PackagesIndex;
import io.github.pveiso.proxmox.ProxmoxFirmware;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

public class PlannerTest {

  static final String PVE_FIRMWARE_CONFLICTS =
      "firmware-linux-free, firmware-linux-nonfree, firmware-misc-nonfree, firmware-amd-graphics,"
          + " firmware-realtek, firmware-bnx2x, firmware-iwlwifi";

  public static final List<Target> ALL = List.of(Target.ISO, Target.INSTALLER, Target.SYSTEM);

  /** The ISO's pve-firmware: one plain firmware file, one compressed. */
  static final ProxmoxFirmware PVE_FIRMWARE =
      new ProxmoxFirmware(
          "/proxmox/packages/pve-firmware_3.14-1_all.deb",
          "3.14-1",
          List.of("rtl_nic/rtl8168h-2.fw", "b/c.fw.zst"));

  ProxmoxFirmware proxmox = PVE_FIRMWARE;
  FirmwarePrecedence precedence = FirmwarePrecedence.PROXMOX;

  public static BinaryPackage pkg(String name, String version, String extra) throws IOException {
    String text =
        "Package: "
            + name
            + "\nVersion: "
            + version
            + "\nArchitecture: all\nFilename: pool/"
            + name
            + ".deb\nSize: 10\nSHA256: "
            + "0".repeat(64)
            + "\n"
            + extra;
    return PackagesIndex.parse(
            "test", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
        .packages()
        .get(0);
  }

  public static IsoPackage iso(String name, String version, String conflicts) {
    String control =
        "Package: "
            + name
            + "\nVersion: "
            + version
            + "\nArchitecture: all\n"
            + (conflicts.isEmpty() ? "" : "Conflicts: " + conflicts + "\n");
    return IsoPackage.of(
        "/proxmox/packages/" + name + "_" + version + "_all.deb",
        Deb822.parseSingle("control", control.getBytes(StandardCharsets.UTF_8)));
  }

  public static DebContents firmware(String... files) {
    return new DebContents(List.of(files), List.of(), List.of(), false);
  }

  public static Candidate candidate(
      BinaryPackage p, Optional<PackageKind> kind, DebContents contents) {
    return new Candidate(
        p,
        "http://127.0.0.1/" + p.filename(),
        Path.of("/c/" + p.name()),
        kind,
        "freeware",
        contents);
  }

  Plan plan(
      String arch, List<Target> targets, List<IsoPackage> isoPackages, List<Candidate> candidates) {
    return new Planner()
        .plan(
            new PlanInput(arch, targets, isoPackages, List.of(), candidates, proxmox, precedence));
  }

  @Test
  void debianFirmwareThatConflictsWithPveFirmwareIsRepackedForTheSystem() throws IOException {
    Candidate misc =
        candidate(
            pkg("firmware-misc-nonfree", "20240909-1", ""),
            Optional.of(PackageKind.FIRMWARE),
            firmware("a.bin", "b/c.fw"));
    Plan plan =
        plan(
            "amd64",
            ALL,
            List.of(iso("pve-firmware", "3.14-1", PVE_FIRMWARE_CONFLICTS)),
            List.of(misc));
    assertThat(plan.packages().get(0).decisions())
        .containsExactly(
            new Decision(Target.ISO, Action.ADD, "2 firmware files under /firmware"),
            new Decision(Target.INSTALLER, Action.SKIP, "not CPU microcode"),
            new Decision(
                Target.SYSTEM,
                Action.REPACK,
                "conflicts with pve-firmware 3.14-1 on the ISO: pveiso's own package adds the 1"
                    + " firmware file that pve-firmware 3.14-1 lacks (linked under"
                    + " /lib/firmware/updates); 1 is left to its copy"));
    assertThat(plan.firmwarePrecedence()).isEqualTo(FirmwarePrecedence.PROXMOX);
    assertThat(plan.firmware())
        .containsExactly(
            new FirmwareSplit(
                "firmware-misc-nonfree",
                "20240909-1",
                List.of("a.bin"),
                List.of("b/c.fw"),
                List.of()));
    assertThat(plan.warnings())
        .containsExactly(
            "the Proxmox installer does not read /firmware on the ISO; it is there for people and other"
                + " tools (firmware reaches the installed system through the 'system' target)");
  }

  @Test
  void metapackageThatConflictsIsSkippedForTheSystem() throws IOException {
    Candidate meta =
        candidate(
            pkg("firmware-linux-nonfree", "20240909-1", ""),
            Optional.of(PackageKind.META),
            firmware());
    Plan plan =
        plan(
            "amd64",
            List.of(Target.SYSTEM),
            List.of(iso("pve-firmware", "3.14-1", PVE_FIRMWARE_CONFLICTS)),
            List.of(meta));
    assertThat(plan.packages().get(0).decisions())
        .containsExactly(
            new Decision(
                Target.SYSTEM,
                Action.SKIP,
                "conflicts with pve-firmware 3.14-1 on the ISO and has no firmware files of its own"));
  }

  @Test
  void microcodeGoesToTheInstallerAndAsItIsToTheSystem() throws IOException {
    Candidate ucode =
        candidate(
            pkg("amd64-microcode", "3.20250311.1", ""),
            Optional.of(PackageKind.MICROCODE),
            new DebContents(
                List.of("amd-ucode/microcode_amd_fam17h.bin"),
                List.of(),
                List.of("amd-ucode/microcode_amd_fam17h.bin"),
                false));
    // microcode is unaffected by what pve-firmware has
    proxmox =
        new ProxmoxFirmware(
            PVE_FIRMWARE.debPath(), "3.14-1", List.of("amd-ucode/microcode_amd_fam17h.bin"));
    Plan plan = plan("amd64", ALL, List.of(), List.of(ucode));
    assertThat(plan.firmware()).isEmpty();
    assertThat(plan.packages().get(0).decisions())
        .containsExactly(
            new Decision(Target.ISO, Action.ADD, "1 firmware files under /firmware"),
            new Decision(
                Target.INSTALLER, Action.ADD, "early microcode prepended to /boot/initrd.img"),
            new Decision(
                Target.SYSTEM,
                Action.ADD,
                "microcode; the installer installs the one matching the CPU"));
    Plan arm = plan("arm64", List.of(Target.INSTALLER), List.of(), List.of(ucode));
    assertThat(arm.packages().get(0).decisions())
        .containsExactly(
            new Decision(
                Target.INSTALLER, Action.SKIP, "x86 microcode does not apply to an arm64 ISO"));
  }

  @Test
  void dkmsDriversAreRefusedForTheSystem() throws IOException {
    Candidate dkms =
        candidate(
            pkg("nvidia-kernel-dkms", "535.216.01-1", "Depends: dkms\n"),
            Optional.of(PackageKind.DRIVER),
            new DebContents(List.of(), List.of(), List.of(), true));
    Plan plan = plan("amd64", List.of(Target.SYSTEM), List.of(), List.of(dkms));
    assertThat(plan.packages().get(0).decisions())
        .containsExactly(
            new Decision(
                Target.SYSTEM,
                Action.REFUSE,
                "a DKMS driver cannot be built in the installer's chroot (no Proxmox kernel headers, no compiler)"));
  }

  @Test
  void sameOrNewerOnTheIsoIsSkippedAndOlderIsReplaced() throws IOException {
    Candidate libfoo = candidate(pkg("libfoo", "1.2-1", ""), Optional.empty(), firmware());
    Plan newer =
        plan("amd64", List.of(Target.SYSTEM), List.of(iso("libfoo", "1.3-1", "")), List.of(libfoo));
    assertThat(newer.packages().get(0).decisions())
        .containsExactly(
            new Decision(Target.SYSTEM, Action.SKIP, "already on the ISO at version 1.3-1"));
    assertThat(newer.replacedIsoPackages()).isEmpty();
    Plan older =
        plan("amd64", List.of(Target.SYSTEM), List.of(iso("libfoo", "1.0-1", "")), List.of(libfoo));
    assertThat(older.packages().get(0).decisions())
        .containsExactly(
            new Decision(Target.SYSTEM, Action.ADD, "replaces version 1.0-1 on the ISO"));
    assertThat(older.replacedIsoPackages())
        .containsExactly("/proxmox/packages/libfoo_1.0-1_all.deb");
  }

  @Test
  void firmwareWithoutAConflictIsRepackedToo() throws IOException {
    Candidate gfx =
        candidate(
            pkg("firmware-intel-graphics", "20250410-2", ""),
            Optional.of(PackageKind.FIRMWARE),
            firmware("i915/x.bin"));
    Plan plan =
        plan(
            "amd64",
            List.of(Target.SYSTEM),
            List.of(iso("pve-firmware", "3.14-1", PVE_FIRMWARE_CONFLICTS)),
            List.of(gfx));
    assertThat(plan.packages().get(0).decisions())
        .containsExactly(
            new Decision(
                Target.SYSTEM,
                Action.REPACK,
                "Debian firmware: pveiso's own package adds the 1 firmware file that"
                    + " pve-firmware 3.14-1 lacks (linked under /lib/firmware/updates); 0 are left"
                    + " to its copy"));
  }

  @Test
  void firmwareThatPveFirmwareHasEntirelyIsLeftToIt() throws IOException {
    Candidate realtek =
        candidate(
            pkg("firmware-realtek", "20250410-2", ""),
            Optional.of(PackageKind.FIRMWARE),
            firmware("rtl_nic/rtl8168h-2.fw"));
    Candidate misc =
        candidate(
            pkg("firmware-misc-nonfree", "20250410-2", ""),
            Optional.of(PackageKind.FIRMWARE),
            firmware("b/c.fw.xz", "rtl_nic/rtl8168h-2.fw.zst"));
    Plan plan =
        plan(
            "amd64",
            List.of(Target.SYSTEM),
            List.of(iso("pve-firmware", "3.14-1", PVE_FIRMWARE_CONFLICTS)),
            List.of(realtek, misc));
    assertThat(plan.packages())
        .extracting(p -> p.decisions().get(0))
        .containsExactly(
            new Decision(
                Target.SYSTEM,
                Action.SKIP,
                "conflicts with pve-firmware 3.14-1 on the ISO; pve-firmware 3.14-1 has its one"
                    + " firmware file, and its copies win"),
            new Decision(
                Target.SYSTEM,
                Action.SKIP,
                "conflicts with pve-firmware 3.14-1 on the ISO; pve-firmware 3.14-1 has all 2 of"
                    + " its firmware files, and its copies win"));
    assertThat(plan.with(Target.SYSTEM, Action.REPACK)).isEmpty();
    assertThat(plan.firmware())
        .containsExactly(
            new FirmwareSplit(
                "firmware-realtek",
                "20250410-2",
                List.of(),
                List.of("rtl_nic/rtl8168h-2.fw"),
                List.of()),
            new FirmwareSplit(
                "firmware-misc-nonfree",
                "20250410-2",
                List.of(),
                List.of("b/c.fw.xz", "rtl_nic/rtl8168h-2.fw.zst"),
                List.of()));
  }

  @Test
  void withDebianPrecedenceEverythingIsRepackedAndTheShadowedFilesAreNamed() throws IOException {
    precedence = FirmwarePrecedence.DEBIAN;
    Candidate misc =
        candidate(
            pkg("firmware-misc-nonfree", "20240909-1", ""),
            Optional.of(PackageKind.FIRMWARE),
            firmware("a.bin", "b/c.fw", "rtl_nic/rtl8168h-2.fw"));
    Candidate gfx =
        candidate(
            pkg("firmware-intel-graphics", "20250410-2", ""),
            Optional.of(PackageKind.FIRMWARE),
            firmware("i915/x.bin"));
    Plan plan =
        plan(
            "amd64",
            List.of(Target.SYSTEM),
            List.of(iso("pve-firmware", "3.14-1", PVE_FIRMWARE_CONFLICTS)),
            List.of(misc, gfx));
    assertThat(plan.packages())
        .extracting(p -> p.decisions().get(0))
        .containsExactly(
            new Decision(
                Target.SYSTEM,
                Action.REPACK,
                "conflicts with pve-firmware 3.14-1 on the ISO: its firmware goes into pveiso's own"
                    + " package under /lib/firmware/updates; 2 shadow pve-firmware 3.14-1's"
                    + " copies"),
            new Decision(
                Target.SYSTEM,
                Action.REPACK,
                "Debian firmware: its files go into pveiso's own package under"
                    + " /lib/firmware/updates, so they cannot collide unseen with pve-firmware's"));
    assertThat(plan.warnings())
        .containsExactly(
            "firmware_precedence is debian: firmware-misc-nonfree 20240909-1 shadows 2 firmware"
                + " files of pve-firmware 3.14-1: b/c.fw, rtl_nic/rtl8168h-2.fw");
    assertThat(plan.firmwarePrecedence()).isEqualTo(FirmwarePrecedence.DEBIAN);
    assertThat(plan.firmware())
        .containsExactly(
            new FirmwareSplit(
                "firmware-misc-nonfree",
                "20240909-1",
                List.of("a.bin"),
                List.of(),
                List.of("b/c.fw", "rtl_nic/rtl8168h-2.fw")),
            new FirmwareSplit(
                "firmware-intel-graphics",
                "20250410-2",
                List.of("i915/x.bin"),
                List.of(),
                List.of()));
  }

  @Test
  void conflictsRespectVersionsProvidesAndBothDirections() throws IOException {
    BinaryPackage old = pkg("firmware-realtek", "1.0", "");
    assertThat(Planner.conflicts(old, iso("pve-firmware", "1", "firmware-realtek (<< 2.0)")))
        .isTrue();
    assertThat(
            Planner.conflicts(
                pkg("firmware-realtek", "2.1", ""),
                iso("pve-firmware", "1", "firmware-realtek (<< 2.0)")))
        .isFalse();
    assertThat(
            Planner.conflicts(
                pkg("x", "1", "Provides: firmware-realtek\n"),
                iso("pve-firmware", "1", "firmware-realtek")))
        .isTrue();
    assertThat(
            Planner.conflicts(
                pkg("y", "1", "Conflicts: pve-firmware\n"), iso("pve-firmware", "1", "")))
        .isTrue();
    assertThat(
            Planner.conflicts(
                pkg("z", "1", "Breaks: pve-firmware (<< 1)\n"), iso("pve-firmware", "1", "")))
        .isFalse();
  }

  static List<DpkgPackage> base(String status) {
    return DpkgStatusFile.installed("status", status.getBytes(StandardCharsets.UTF_8));
  }

  static final String BASE =
      """
      Package: libc6
      Status: install ok installed
      Architecture: amd64
      Multi-Arch: same
      Version: 2.41-12

      Package: mawk
      Status: install ok installed
      Architecture: amd64
      Multi-Arch: foreign
      Version: 1.3.4.20250131-1
      Provides: awk

      Package: zlib1g
      Status: install ok installed
      Architecture: amd64
      Version: 1:1.3.dfsg+really1.3.1-1+b1
      Conflicts: zlib1 (<= 1:1.0.4-7)

      Package: firmware-linux-free
      Status: install ok installed
      Architecture: all
      Version: 20241210-2
      """;

  /** A plan on an ISO whose packages are {@code iso} (without pve-firmware) and a base system. */
  Plan planWithBase(List<IsoPackage> iso, List<Candidate> candidates) {
    proxmox = ProxmoxFirmware.none();
    return new Planner()
        .plan(
            new PlanInput(
                "amd64", List.of(Target.SYSTEM), iso, base(BASE), candidates, proxmox, precedence));
  }

  @Test
  void sameOrNewerInTheBaseSystemIsSkippedAndOlderIsUpgraded() throws IOException {
    Plan plan =
        planWithBase(
            List.of(),
            List.of(
                candidate(pkg("libc6", "2.41-12", ""), Optional.empty(), firmware()),
                candidate(pkg("mawk", "1.3.4.20240123-1", ""), Optional.empty(), firmware()),
                candidate(
                    pkg("zlib1g", "1:1.3.dfsg+really1.3.1-2", ""), Optional.empty(), firmware())));
    assertThat(plan.packages())
        .extracting(p -> p.decisions().get(0))
        .containsExactly(
            new Decision(
                Target.SYSTEM,
                Action.SKIP,
                "already in the base system (/pve-base.squashfs) at version 2.41-12"),
            new Decision(
                Target.SYSTEM,
                Action.SKIP,
                "already in the base system (/pve-base.squashfs) at version 1.3.4.20250131-1"),
            new Decision(
                Target.SYSTEM,
                Action.ADD,
                "upgrades version 1:1.3.dfsg+really1.3.1-1+b1 of the base system"));
    assertThat(plan.replacedIsoPackages()).isEmpty();
  }

  @Test
  void theIsoPackageWinsOverTheBaseSystemOfTheSameName() throws IOException {
    Plan plan =
        planWithBase(
            List.of(iso("libc6", "2.40-1", "")),
            List.of(candidate(pkg("libc6", "2.41-12", ""), Optional.empty(), firmware())));
    assertThat(plan.packages().get(0).decisions())
        .containsExactly(
            new Decision(Target.SYSTEM, Action.ADD, "replaces version 2.40-1 on the ISO"));
  }

  @Test
  void dependenciesOnlyTheBaseSystemMeetsAreListed() throws IOException {
    Candidate tool =
        candidate(
            pkg(
                "tool",
                "1.0-1",
                "Pre-Depends: libc6 (>= 2.36)\nDepends: awk, libfoo1 (>= 1.2), helper, zlib1g (>= 1:1.4)"
                    + " | libc6\n"),
            Optional.empty(),
            firmware());
    Candidate helper = candidate(pkg("helper", "2", ""), Optional.empty(), firmware());
    Plan plan = planWithBase(List.of(iso("libfoo1", "1.2.3-1", "")), List.of(tool, helper));
    assertThat(plan.packages().get(0).metByBaseSystem())
        .containsExactly(
            "libc6 (>= 2.36) is met by the base system's libc6 2.41-12",
            "awk is met by the base system's mawk 1.3.4.20250131-1",
            "zlib1g (>= 1:1.4) | libc6 is met by the base system's libc6 2.41-12");
    assertThat(plan.packages().get(1).metByBaseSystem()).isEmpty();
  }

  @Test
  void aConflictWithTheBaseSystemIsHandledLikeOneWithTheIso() throws IOException {
    Plan plan =
        planWithBase(
            List.of(),
            List.of(
                candidate(pkg("zlib1", "1:1.0.4-6", ""), Optional.empty(), firmware()),
                candidate(
                    pkg("firmware-misc-nonfree", "20250410-1", "Conflicts: firmware-linux-free\n"),
                    Optional.of(PackageKind.FIRMWARE),
                    firmware("a.bin"))));
    assertThat(plan.packages())
        .extracting(p -> p.decisions().get(0))
        .containsExactly(
            new Decision(
                Target.SYSTEM,
                Action.SKIP,
                "conflicts with zlib1g 1:1.3.dfsg+really1.3.1-1+b1 in the base system and has no"
                    + " firmware files of its own"),
            new Decision(
                Target.SYSTEM,
                Action.REPACK,
                "conflicts with firmware-linux-free 20241210-2 in the base system: pveiso's own"
                    + " package adds its 1 firmware file (linked under /lib/firmware/updates); the"
                    + " ISO has no pve-firmware"));
  }
}
