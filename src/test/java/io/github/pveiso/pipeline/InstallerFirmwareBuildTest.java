package io.github.pveiso.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.config.ConfigKey;
import io.github.pveiso.debian.TestDeb;
import io.github.pveiso.debian.TestRepository;
import io.github.pveiso.events.Event;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.grub.BootMenu;
import io.github.pveiso.grub.MenuEntry;
import io.github.pveiso.initrd.TestKernel;
import io.github.pveiso.iso.IsoEntry;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.boottest.BootMode;
import io.github.pveiso.iso.boottest.BootReport;
import io.github.pveiso.iso.boottest.BootTester;
import io.github.pveiso.iso.boottest.QemuSetup;
import io.github.pveiso.iso.bytes.Extent;
import io.github.pveiso.iso.fat.EfiArchitecture;
import io.github.pveiso.iso.write.WriteStrategy;
import io.github.pveiso.net.LoopbackServer;
import io.github.pveiso.pipeline.plan.BootMenuPlan;
import io.github.pveiso.pipeline.plan.InstallerFirmwarePlan;
import io.github.pveiso.pipeline.stage.StagedFile;
import io.github.pveiso.proc.SystemProcessRunner;
import io.github.pveiso.proxmox.InstallerFirmware;
import io.github.pveiso.testing.Fixtures;
import io.github.pveiso.testing.OtherMenus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code installer_firmware} through the whole build: the fixture ISOs' pve-firmware has {@code
 * rtl_nic/rtl8168h-2.fw} and {@code bnx2x/bnx2x-e2-7.13.21.0.fw}; a Debian firmware package with
 * both (one of them compressed), a file pve-firmware lacks and a link to pve-firmware's file gives
 * an {@code /installer-firmware} with only the missing file and the link, its bytes shared with
 * {@code /firmware}, and the kernel argument on every installer entry. Left at its default (on with
 * the iso target) the ISO is byte for byte the one {@code installer_firmware: true} makes; only on
 * a menu pveiso cannot edit do the two differ: the default leaves it as it is with a warning and
 * adds no folder, {@code true} stops the build (exit 2).
 */
class InstallerFirmwareBuildTest {

  /** 100,000 bytes of the firmware pve-firmware lacks: 49 blocks if stored twice. */
  static final String RTL8125B = "rtl8125b-2 firmware\n".repeat(5_000);

  @TempDir static Path dir;
  static LoopbackServer server;
  static Path keyring;

  @BeforeAll
  static void repository() throws IOException {
    TestRepository repo = new TestRepository(dir.resolve("repo"), "trixie");
    repo.add(
        "non-free-firmware",
        new TestDeb("firmware-realtek", "20250410-1", "all")
            .file("./lib/firmware/rtl_nic/rtl8168h-2.fw", "debian's older rtl8168h-2\n")
            .file("./lib/firmware/rtl_nic/rtl8125b-2.fw", RTL8125B)
            .symlink("./lib/firmware/rtl_nic/alias.fw", "rtl8168h-2.fw")
            .file("./lib/firmware/bnx2x/bnx2x-e2-7.13.21.0.fw.xz", "debian's, compressed\n"));
    keyring = dir.resolve("test-keyring.gpg");
    repo.publishSigned(Instant.now().minus(Duration.ofHours(1)), keyring);
    server = LoopbackServer.serving(dir.resolve("repo"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /**
   * A build of {@code firmware-realtek} to the iso target, installer_firmware left at its default
   * (on) unless {@code more} sets it.
   */
  static Built build(Path iso, String name, Map<ConfigKey, String> more) {
    return TestBuilds.build(settings(iso, name, more), EventListener.NONE);
  }

  /** Its settings. */
  static BuildSettings settings(Path iso, String name, Map<ConfigKey, String> more) {
    Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
    flags.put(ConfigKey.EXTRA_PACKAGES, "firmware-realtek");
    flags.put(ConfigKey.TARGETS, "iso");
    flags.put(ConfigKey.DEBIAN_COMPONENTS, "non-free-firmware");
    flags.putAll(more);
    return TestBuilds.settings(dir, server.uri("/"), keyring, iso, dir.resolve(name), flags);
  }

  static List<Extent> extents(Path iso, String path) {
    try (IsoImage image = IsoImage.open(iso)) {
      return image.find(path).orElseThrow().extents();
    }
  }

  static List<String> under(Path iso, String folder) {
    try (IsoImage image = IsoImage.open(iso)) {
      return image.entries().stream()
          .map(IsoEntry::path)
          .filter(p -> p.startsWith(folder + "/"))
          .toList();
    }
  }

  static BootMenu menu(Path iso) {
    try (IsoImage image = IsoImage.open(iso)) {
      return BootMenu.read(image.readAllBytes(image.find("/boot/grub/grub.cfg").orElseThrow()));
    }
  }

  @Test
  void onlyWhatPveFirmwareLacksSharingTheBytesOfFirmware() throws IOException {
    Path source = Fixtures.Fixture.MKRESCUE.iso();
    Built built = build(source, "java", Map.of());
    assertThat(built.writer()).isEqualTo(WriteStrategy.GROW);

    assertThat(built.planned().installerFirmware())
        .isEqualTo(
            new InstallerFirmwarePlan(
                true,
                "2 of the iso target's 4 firmware files are missing from pve-firmware 3.14-1:"
                    + " /installer-firmware holds them and"
                    + " firmware_class.path=/cdrom/installer-firmware goes on the installer's"
                    + " entries",
                "pve-firmware 3.14-1",
                List.of(new InstallerFirmwarePlan.Share("firmware-realtek", "20250410-1", 2, 2))));
    String blob = Sha256Digest.of(RTL8125B.getBytes(StandardCharsets.UTF_8)).toString();
    assertThat(built.staged().files())
        .filteredOn(f -> f.isoPath().startsWith("/installer-firmware/"))
        .containsExactly(
            StagedFile.link(
                "/installer-firmware/rtl_nic/alias.fw",
                "/lib/firmware/rtl_nic/rtl8168h-2.fw",
                0,
                "firmware-realtek 20250410-1, to pve-firmware's copy"),
            StagedFile.sharing(
                "/installer-firmware/rtl_nic/rtl8125b-2.fw",
                blob,
                100_000,
                "firmware-realtek 20250410-1",
                "/firmware/rtl_nic/rtl8125b-2.fw"));
    assertThat(built.staged().notes())
        .contains(
            "/installer-firmware: 2 names pve-firmware 3.14-1 lacks (1 files, 1 links to its"
                + " copies), 2 of /firmware left to pve-firmware 3.14-1; the installer's kernel"
                + " loads them with firmware_class.path=/cdrom/installer-firmware");

    Path out = built.output();
    assertThat(under(out, InstallerFirmware.FOLDER))
        .containsExactly(
            "/installer-firmware/rtl_nic",
            "/installer-firmware/rtl_nic/alias.fw",
            "/installer-firmware/rtl_nic/rtl8125b-2.fw");
    List<Extent> shared = extents(out, "/firmware/rtl_nic/rtl8125b-2.fw");
    assertThat(shared).containsExactly(shared.get(0));
    assertThat(shared.get(0).length()).isEqualTo(100_000);
    assertThat(extents(out, "/installer-firmware/rtl_nic/rtl8125b-2.fw")).isEqualTo(shared);
    try (IsoImage image = IsoImage.open(out)) {
      assertThat(image.find("/installer-firmware/rtl_nic/alias.fw").orElseThrow().symlinkTarget())
          .contains("/lib/firmware/rtl_nic/rtl8168h-2.fw");
    }

    // every installer entry, and only those, ends with the argument
    List<MenuEntry> entries = menu(out).entries();
    assertThat(entries).hasSize(8);
    for (MenuEntry e : entries) {
      assertThat(e.kernel()).isEqualTo("/boot/linux26");
      assertThat(e.arguments()).endsWith(InstallerFirmware.ARGUMENT);
      assertThat(e.arguments()).containsOnlyOnce(InstallerFirmware.ARGUMENT);
    }
    assertThat(built.planned().bootMenu().argumentsAdded())
        .containsExactly(InstallerFirmware.ARGUMENT);

    // the same build without the folder: the output differs by the edited grub.cfg (3 blocks),
    // /boot and /boot/grub rewritten for it (2) and the two new folders (2), never by the 49
    // blocks of the shared file
    Built without = build(source, "without", Map.of(ConfigKey.INSTALLER_FIRMWARE, "false"));
    assertThat(under(without.output(), InstallerFirmware.FOLDER)).isEmpty();
    long grown = Files.size(out) - Files.size(without.output());
    assertThat(grown % Extent.BLOCK).isZero();
    assertThat(grown / Extent.BLOCK).isEqualTo(7);
    assertThat(Files.readString(built.manifest()))
        .contains("\"sharesBytesOf\" : \"/firmware/rtl_nic/rtl8125b-2.fw\"")
        .contains("\"installerFirmware\" : {");
  }

  @Test
  void xorrisosReplayAndGrowthShareTheExtentToo() {
    for (Fixtures.Fixture fixture : List.of(Fixtures.Fixture.APPENDED, Fixtures.Fixture.MKRESCUE)) {
      Built built =
          build(
              fixture.iso(), "xorriso-" + fixture.name(), Map.of(ConfigKey.ISO_WRITER, "xorriso"));
      assertThat(built.writer())
          .isEqualTo(
              fixture == Fixtures.Fixture.APPENDED
                  ? WriteStrategy.REPLAY
                  : WriteStrategy.GROW_COPY);
      Path out = built.output();
      assertThat(extents(out, "/installer-firmware/rtl_nic/rtl8125b-2.fw"))
          .isEqualTo(extents(out, "/firmware/rtl_nic/rtl8125b-2.fw"));
      assertThat(menu(out).installerEntries())
          .allSatisfy(e -> assertThat(e.arguments()).endsWith(InstallerFirmware.ARGUMENT));
    }
  }

  /**
   * The real kernel of {@code kernel.iso}, booted through GRUB from the output's serial entry (the
   * default, at once), got the argument: its firmware loader searches the folder first. One BIOS
   * boot: the argument comes from the same grub.cfg under UEFI, which the boot menu's own tests
   * boot.
   */
  @Test
  @Tag("slow")
  void theInstallersKernelSearchesTheFolder() throws IOException {
    Built built =
        build(
            Fixtures.kernelIso(TestKernel.dir()),
            "kernel",
            Map.of(ConfigKey.BOOT_DEFAULT, "serial", ConfigKey.BOOT_TIMEOUT, "0"));
    BootTester tester =
        new BootTester(
            new SystemProcessRunner(),
            QemuSetup.debian(),
            EventListener.NONE,
            Duration.ofMinutes(5));
    BootMode mode = new BootMode(EfiArchitecture.AMD64, BootMode.Firmware.BIOS, BootMode.Medium.CD);
    BootReport boot = tester.boot(built.output(), mode, Fixtures.INIT_OK, Fixtures.INIT_DONE);
    Files.writeString(dir.resolve("kernel.console.log"), boot.console());
    assertThat(boot.passed()).as("%s; console:%n%s", boot.summary(), boot.console()).isTrue();
    assertThat(BootMenuBootTest.CMDLINE.matcher(boot.console()).results().map(r -> r.group(1)))
        .containsExactly(
            BootMenuBootTest.BASE
                + " splash=verbose proxtui console=ttyS0,115200 panic=-1 loglevel=3"
                + " firmware_class.path=/cdrom/installer-firmware");
    assertThat(FWPATH.matcher(boot.console()).results().map(r -> r.group(1)))
        .containsExactly("/cdrom/installer-firmware");
  }

  static final java.util.regex.Pattern FWPATH =
      java.util.regex.Pattern.compile("PVEISO-FWPATH ([^\r\n]*)");

  /**
   * On by default with the iso target: the ISO is byte for byte that of {@code installer_firmware:
   * true}. {@code installer_firmware: false} changes nothing: the menu stays the source's, nothing
   * is added under the folder, pve-firmware is not even read (only the system target needs it), and
   * plan and the manifest do not mention the key.
   */
  @Test
  void onByDefaultAsTrueIsAndFalseChangesNothing() throws IOException {
    Path source = Fixtures.Fixture.MKRESCUE.iso();
    Built byDefault = build(source, "default", Map.of());
    Built on = build(source, "true", Map.of(ConfigKey.INSTALLER_FIRMWARE, "true"));
    assertThat(byDefault.planned().installerFirmware()).isEqualTo(on.planned().installerFirmware());
    assertThat(byDefault.planned().installerFirmware().on()).isTrue();
    assertThat(byDefault.planned().bootMenu().argumentsAdded())
        .containsExactly(InstallerFirmware.ARGUMENT);
    assertThat(under(byDefault.output(), InstallerFirmware.FOLDER))
        .containsExactly(
            "/installer-firmware/rtl_nic",
            "/installer-firmware/rtl_nic/alias.fw",
            "/installer-firmware/rtl_nic/rtl8125b-2.fw");
    assertThat(Files.mismatch(byDefault.output(), on.output())).isEqualTo(-1);
    assertThat(Files.readString(byDefault.manifest())).contains("\"installerFirmware\" : {");

    Built off = build(source, "false", Map.of(ConfigKey.INSTALLER_FIRMWARE, "false"));
    assertThat(off.planned().installerFirmware()).isEqualTo(InstallerFirmwarePlan.NOT_ASKED);
    assertThat(off.planned().proxmoxFirmware().present()).isFalse();
    assertThat(off.planned().bootMenu()).isEqualTo(BootMenuPlan.NONE);
    assertThat(off.staged().files())
        .extracting(StagedFile::isoPath)
        .allMatch(p -> p.startsWith("/firmware/"));
    assertThat(under(off.output(), InstallerFirmware.FOLDER)).isEmpty();
    try (IsoImage src = IsoImage.open(source);
        IsoImage out = IsoImage.open(off.output())) {
      assertThat(out.readAllBytes(out.find("/boot/grub/grub.cfg").orElseThrow()))
          .isEqualTo(src.readAllBytes(src.find("/boot/grub/grub.cfg").orElseThrow()));
    }
    assertThat(Files.readString(off.manifest())).doesNotContain("installerFirmware");
  }

  /**
   * A menu pveiso cannot edit: left at its default, installer_firmware warns, leaves the menu as it
   * is and adds no folder (nothing would point the kernel to it); set to true by the user, it stops
   * the build (exit 2) before anything is written.
   */
  @Test
  void aMenuOfUnknownShapeIsAWarningByDefaultAndAnErrorWhenAskedFor() throws IOException {
    Path iso = OtherMenus.mkrescueWith(dir.resolve("live"), "live.iso", OtherMenus.LIVE);
    List<Event> events = new ArrayList<>();
    Built built = TestBuilds.build(settings(iso, "live-default", Map.of()), events::add);
    String warning =
        "cannot apply installer_firmware to /boot/grub/grub.cfg of live.iso: no menu entry loads"
            + " /boot/linux26 (the installer kernel); the menu is left as it is and"
            + " /installer-firmware is not added";
    assertThat(events).contains(new Event.Log(Event.Level.WARN, warning));
    assertThat(built.planned().bootMenu().changed()).isFalse();
    assertThat(built.planned().bootMenu().warnings()).containsExactly(warning);
    assertThat(built.planned().installerFirmware())
        .isEqualTo(
            new InstallerFirmwarePlan(
                false,
                "pve-firmware 3.14-1 lacks 2 firmware files of the iso target, but the boot menu is"
                    + " left as it is, so neither /installer-firmware nor"
                    + " firmware_class.path=/cdrom/installer-firmware is added",
                "pve-firmware 3.14-1",
                List.of()));
    assertThat(built.staged().files())
        .extracting(StagedFile::isoPath)
        .allMatch(p -> p.startsWith("/firmware/"));
    assertThat(under(built.output(), InstallerFirmware.FOLDER)).isEmpty();
    try (IsoImage src = IsoImage.open(iso);
        IsoImage out = IsoImage.open(built.output())) {
      assertThat(out.readAllBytes(out.find("/boot/grub/grub.cfg").orElseThrow()))
          .isEqualTo(src.readAllBytes(src.find("/boot/grub/grub.cfg").orElseThrow()));
    }

    BuildSettings asked = settings(iso, "live-true", Map.of(ConfigKey.INSTALLER_FIRMWARE, "true"));
    assertThatThrownBy(() -> TestBuilds.build(asked, EventListener.NONE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "cannot apply installer_firmware to /boot/grub/grub.cfg of live.iso: no menu entry"
                + " loads /boot/linux26 (the installer kernel); leave out installer_firmware for"
                + " this ISO");
    // stopped in plan, before any output: only the (empty) work_dir is left
    Path refused = dir.resolve("live-true");
    try (var walk = Files.walk(refused)) {
      assertThat(walk.toList()).containsExactly(refused, refused.resolve("work"));
    }
  }

  /** answer_dir: the folder and the argument are shared changes, so every node's ISO has them. */
  @Test
  void everyNodeGetsTheFolderAndTheArgument() throws IOException {
    Path answers = Files.createDirectories(dir.resolve("answers"));
    for (String node : List.of("pve-a", "pve-b")) {
      Files.writeString(answers.resolve(node + ".toml"), AnswerDirBuildTest.answer(node, "UTC"));
    }
    Map<ConfigKey, String> more = new EnumMap<>(ConfigKey.class);
    more.put(ConfigKey.ANSWER_DIR, answers.toString());
    Path script = Files.writeString(dir.resolve("first-boot.sh"), AutoInstallBuildTest.SCRIPT);
    more.put(ConfigKey.FIRST_BOOT, script.toString());
    List<Built> nodes =
        AnswerDirBuildTest.pipeline()
            .buildAll(
                settings(Fixtures.Fixture.MKRESCUE.iso(), "nodes", more),
                false,
                false,
                AnswerDirBuildTest.timer());
    assertThat(nodes).hasSize(2);
    for (Built node : nodes) {
      Path out = node.output();
      assertThat(under(out, InstallerFirmware.FOLDER))
          .containsExactly(
              "/installer-firmware/rtl_nic",
              "/installer-firmware/rtl_nic/alias.fw",
              "/installer-firmware/rtl_nic/rtl8125b-2.fw");
      assertThat(extents(out, "/installer-firmware/rtl_nic/rtl8125b-2.fw"))
          .isEqualTo(extents(out, "/firmware/rtl_nic/rtl8125b-2.fw"));
      assertThat(menu(out).installerEntries())
          .isNotEmpty()
          .allSatisfy(e -> assertThat(e.arguments()).endsWith(InstallerFirmware.ARGUMENT));
      assertThat(Files.readString(node.manifest())).contains("\"installerFirmware\" : {");
    }
  }

  /** With nothing to fill, by default or set: no folder, no argument, the menu not even read. */
  @Test
  void nothingToFillLeavesTheMenuAndAddsNoFolder() {
    for (String value : List.of("default", "true")) {
      Map<ConfigKey, String> more = new EnumMap<>(ConfigKey.class);
      more.put(ConfigKey.EXTRA_PACKAGES, "");
      if (!value.equals("default")) {
        more.put(ConfigKey.INSTALLER_FIRMWARE, value);
      }
      Built built = build(Fixtures.Fixture.MKRESCUE.iso(), "nothing-" + value, more);
      assertThat(built.planned().installerFirmware())
          .as(value)
          .isEqualTo(
              new InstallerFirmwarePlan(
                  false,
                  "the iso target adds no firmware, so there is nothing to fill",
                  "no pve-firmware",
                  List.of()));
      assertThat(built.planned().bootMenu()).as(value).isEqualTo(BootMenuPlan.NONE);
      assertThat(under(built.output(), InstallerFirmware.FOLDER)).as(value).isEmpty();
    }
  }
}
