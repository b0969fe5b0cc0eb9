package io.github.pveiso.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.config.ConfigKey;
import io.github.pveiso.debian.TestDeb;
import io.github.pveiso.debian.TestRepository;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.events.StageTimer;
import io.github.pveiso.initrd.InitrdLayout;
import io.github.pveiso.initrd.TestKernel;
import io.github.pveiso.installcheck.InstallerCheck;
import io.github.pveiso.installcheck.InstallerCheckResult;
import io.github.pveiso.installcheck.RootPaths;
import io.github.pveiso.iso.IsoEntry;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.boottest.BootReport;
import io.github.pveiso.iso.boottest.BootTester;
import io.github.pveiso.iso.boottest.QemuSetup;
import io.github.pveiso.iso.fat.EfiArchitecture;
import io.github.pveiso.net.LoopbackServer;
import io.github.pveiso.pipeline.plan.Action;
import io.github.pveiso.pipeline.plan.Decision;
import io.github.pveiso.pipeline.plan.FirmwareSplit;
import io.github.pveiso.pipeline.plan.PackagePlan;
import io.github.pveiso.pipeline.plan.Plan;
import io.github.pveiso.pipeline.stage.StagedFile;
import io.github.pveiso.proc.SystemProcessRunner;
import io.github.pveiso.proxmox.InstallerFirmware;
import io.github.pveiso.testing.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
 * End to end: the Proxmox-like fixture ISO and a signed loopback Debian repository go through plan,
 * stage, write, verify and report; the output is checked file by file, installed the way the
 * Proxmox installer installs packages, and built twice to the same bytes.
 */
@Tag("slow")
class BuildPipelineTest {

  @TempDir static Path dir;
  static LoopbackServer server;
  static Path keyring;

  @BeforeAll
  static void repository() throws IOException {
    TestRepository repo = new TestRepository(dir.resolve("repo"), "trixie");
    // the fixture's pve-firmware has test/a.bin, test/c.bin.zst and test/e.bin (a link)
    repo.add(
        "non-free-firmware",
        new TestDeb("firmware-misc-nonfree", "20250410-1", "all")
            .file("./usr/lib/firmware/test/a.bin", "firmware A")
            .symlink("./usr/lib/firmware/test/b.bin", "a.bin")
            .file("./usr/lib/firmware/test/c.bin", "firmware C")
            .file("./usr/lib/firmware/test/d.bin", "firmware D")
            .file("./usr/lib/firmware/test/e.bin", "firmware E"));
    repo.add(
        "non-free-firmware",
        new TestDeb("amd64-microcode", "3.20250311.1", "amd64")
            .file("./lib/firmware/amd-ucode/microcode_amd_fam17h.bin", "DMA\0test container"));
    repo.add(
        "main",
        new TestDeb("libextra", "1.0-1", "amd64").file("./usr/share/doc/libextra/README", "x"));
    repo.add(
        "main", new TestDeb("arm-only-tool", "1.0-1", "arm64").file("./usr/bin/arm-only", "x"));
    // newer than the fixture ISO's libfoo1 1.2.3-1
    repo.add(
        "main",
        new TestDeb("libfoo1", "1.2.3-2", "amd64")
            .file("./usr/lib/pveiso/libfoo.so.1", "libfoo amd64, fixed\n"));
    repo.add(
        "main",
        new TestDeb("needs-libfoo", "1.0-1", "amd64").file("./usr/bin/needs-libfoo", "x"),
        "Depends: libfoo1 (>= 1.2)");
    keyring = dir.resolve("test-keyring.gpg");
    repo.publishSigned(Instant.now().minus(Duration.ofHours(1)), keyring);
    server = LoopbackServer.serving(dir.resolve("repo"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  BuildSettings settings(Path out, Map<ConfigKey, String> more) {
    Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
    flags.put(ConfigKey.EXTRA_PACKAGES, "firmware-misc-nonfree,amd64-microcode,libextra");
    flags.putAll(more);
    return TestBuilds.settings(
        dir, server.uri("/"), keyring, Fixtures.Fixture.MKRESCUE.iso(), out, flags);
  }

  Built build(Path out, Map<ConfigKey, String> more) {
    return TestBuilds.build(settings(out, more), EventListener.NONE);
  }

  @Test
  void allTargetsTogetherThenTheSameBytesAgain() throws IOException {
    Path out = dir.resolve("out1");
    Built built = build(out, Map.of());
    assertThat(built.output()).isEqualTo(out.resolve("mkrescue-pveiso.iso"));
    assertThat(Files.readString(out.resolve("mkrescue-pveiso.iso.sha256")))
        .isEqualTo(built.sha256() + "  mkrescue-pveiso.iso\n");
    assertThat(built.manifest()).isEqualTo(out.resolve("mkrescue-pveiso.manifest.json"));

    Plan plan = built.planned().plan();
    assertThat(plan.packages())
        .extracting(PackagePlan::name)
        .containsExactly("amd64-microcode", "firmware-misc-nonfree", "libextra");
    assertThat(plan.packages().get(1).decisions())
        .extracting(Decision::action)
        .containsExactly(Action.ADD, Action.SKIP, Action.REPACK);
    assertThat(plan.packages().get(1).decisions().get(2).reason())
        .isEqualTo(
            "conflicts with pve-firmware 3.14-1 on the ISO: pveiso's own package adds the 2"
                + " firmware files that pve-firmware 3.14-1 lacks (linked under"
                + " /lib/firmware/updates); 3 are left to its copy");
    assertThat(plan.firmware())
        .containsExactly(
            new FirmwareSplit(
                "firmware-misc-nonfree",
                "20250410-1",
                List.of("test/b.bin", "test/d.bin"),
                List.of("test/a.bin", "test/c.bin", "test/e.bin"),
                List.of()));
    assertThat(plan.packages().get(0).decisions())
        .extracting(Decision::action)
        .containsExactly(Action.ADD, Action.ADD, Action.ADD);
    assertThat(plan.packages().get(2).decisions())
        .extracting(Decision::action)
        .containsExactly(Action.SKIP, Action.SKIP, Action.ADD);

    List<String> added = built.staged().files().stream().map(StagedFile::isoPath).toList();
    assertThat(added)
        .contains(
            "/boot/initrd.img",
            "/firmware/Contents-firmware",
            "/firmware/test/a.bin",
            "/firmware/test/b.bin",
            "/proxmox/packages/amd64-microcode_3.20250311.1_amd64.deb",
            "/proxmox/packages/libextra_1.0-1_amd64.deb");
    assertThat(added)
        .anyMatch(p -> p.matches("/proxmox/packages/pveiso-firmware_1\\.0~[0-9a-f]{12}_all\\.deb"));
    // installer_firmware, on by default with the iso target: pve-firmware lacks AMD's microcode
    // file, test/b.bin (a link to test/a.bin, which it has) and test/d.bin, so /installer-firmware
    // holds those three (bytes shared with /firmware) and every installer entry of grub.cfg gets
    // the argument
    assertThat(built.planned().installerFirmware().on()).isTrue();
    assertThat(built.staged().files())
        .filteredOn(f -> f.isoPath().startsWith(InstallerFirmware.FOLDER + "/"))
        .containsExactly(
            StagedFile.sharing(
                "/installer-firmware/amd-ucode/microcode_amd_fam17h.bin",
                Sha256Digest.of("DMA\0test container".getBytes(StandardCharsets.UTF_8)).toString(),
                18,
                "amd64-microcode 3.20250311.1",
                "/firmware/amd-ucode/microcode_amd_fam17h.bin"),
            StagedFile.link(
                "/installer-firmware/test/b.bin",
                "/lib/firmware/test/a.bin",
                0,
                "firmware-misc-nonfree 20250410-1, to pve-firmware's copy"),
            StagedFile.sharing(
                "/installer-firmware/test/d.bin",
                Sha256Digest.of("firmware D".getBytes(StandardCharsets.UTF_8)).toString(),
                10,
                "firmware-misc-nonfree 20250410-1",
                "/firmware/test/d.bin"));
    assertThat(built.planned().bootMenu().argumentsAdded())
        .containsExactly(InstallerFirmware.ARGUMENT);
    assertThat(added).contains("/boot/grub/grub.cfg");

    try (IsoImage image = IsoImage.open(built.output())) {
      assertThat(image.volumeDateUuid()).isEqualTo(Fixtures.Fixture.MKRESCUE.volumeDateUuid());
      assertThat(new String(image.readAllBytes(image.find("/firmware/test/a.bin").orElseThrow())))
          .isEqualTo("firmware A");
      IsoEntry initrd = image.find("/boot/initrd.img").orElseThrow();
      try (InputStream in = image.open(initrd)) {
        InitrdLayout layout = InitrdLayout.scan(in);
        assertThat(layout.toString()).contains("kernel/x86/microcode/AuthenticAMD.bin");
      }
      assertThat(built.after()).isEqualTo(built.planned().source().layout());
    }

    // the output boots in every mode its layout supports, and GRUB sees the additions
    BootTester tester =
        new BootTester(
            new SystemProcessRunner(),
            QemuSetup.debian(),
            EventListener.NONE,
            Duration.ofMinutes(3));
    List<BootReport> boots =
        tester.bootAll(
            built.output(),
            built.after(),
            EfiArchitecture.AMD64,
            Fixtures.Fixture.MKRESCUE.grubMarker(),
            Fixtures.GRUB_DONE);
    assertThat(boots).hasSize(6).allMatch(BootReport::passed, "passed");
    assertThat(boots)
        .allSatisfy(
            b ->
                assertThat(b.console())
                    .contains("PVEISO-FILE /firmware")
                    .contains("PVEISO-FILE /installer-firmware")
                    .containsPattern(
                        "PVEISO-FILE /proxmox/packages/pveiso-firmware_1\\.0~[0-9a-f]{12}_all\\.deb"));

    // the second build takes the repacked firmware package from the cache instead of compressing
    Path again = dir.resolve("out2");
    List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    Built second =
        TestBuilds.build(
            settings(again, Map.of()),
            e -> {
              if (e instanceof io.github.pveiso.events.Event.Log l) {
                log.add(l.message());
              }
            });
    // the fixture's base system has dpkg 1.22.21: zstd members
    assertThat(log)
        .filteredOn(l -> l.startsWith("repack: zstd"))
        .containsExactly(
            "repack: zstd -6 (1 worker): the base system's dpkg 1.22.21 reads zstd (since"
                + " 1.21.18)");
    assertThat(log)
        .filteredOn(l -> l.startsWith("repack") && !l.startsWith("repack: zstd"))
        .singleElement()
        .asString()
        .matches(
            "repack: reused pveiso-firmware_1\\.0~[0-9a-f]{12}_all\\.deb from the cache"
                + " \\([0-9a-f]{64}\\), same inputs as before");
    // and stages the firmware tree and the early microcode from the cache: the same files (the
    // two are staged side by side, so their lines come in either order)
    assertThat(log).filteredOn(l -> l.startsWith("stage: reused")).hasSize(2);
    assertThat(log)
        .filteredOn(l -> l.startsWith("stage: reused the firmware tree"))
        .containsExactly(
            "stage: reused the firmware tree from the cache (6 entries), same packages as before");
    assertThat(log)
        .filteredOn(l -> l.startsWith("stage: reused the early microcode"))
        .singleElement()
        .asString()
        .matches("stage: reused the early microcode archive from the cache \\([0-9a-f]{64}\\)");
    assertThat(second.staged().files()).isEqualTo(built.staged().files());
    assertThat(second.staged().notes()).isEqualTo(built.staged().notes());
    assertThat(second.sha256()).isEqualTo(built.sha256());
    assertThat(Files.readString(second.manifest())).isEqualTo(Files.readString(built.manifest()));
    // the SBOM beside the manifest: valid CycloneDX, and the same bytes again
    String sbom = Files.readString(out.resolve("mkrescue-pveiso.cdx.json"));
    assertThat(io.github.pveiso.testing.CycloneDxSchema.problems(sbom)).isEmpty();
    assertThat(sbom)
        .contains("\"purl\" : \"pkg:deb/debian/amd64-microcode@3.20250311.1?arch=amd64\"")
        .containsPattern("\"name\" : \"pveiso-firmware\",\\s+\"version\" : \"1\\.0~[0-9a-f]{12}\"");
    assertThat(Files.readString(again.resolve("mkrescue-pveiso.cdx.json"))).isEqualTo(sbom);
  }

  /** The output's {@code /proxmox/packages/*.deb}, copied into {@code folder}, sorted. */
  static List<Path> packagesOf(Built built, Path folder) throws IOException {
    Path debs = Files.createDirectories(folder);
    List<Path> files = new ArrayList<>();
    try (IsoImage image = IsoImage.open(built.output())) {
      for (IsoEntry e : image.entries()) {
        if (e.path().startsWith("/proxmox/packages/") && e.path().endsWith(".deb")) {
          Path f = debs.resolve(e.path().substring("/proxmox/packages/".length()));
          Files.write(f, image.readAllBytes(e));
          files.add(f);
        }
      }
    }
    return files.stream().sorted().toList();
  }

  /** The firmware the kernel would load on the installed system in {@code root}. */
  static String loads(Path root, String name) throws IOException {
    return RootPaths.kernelLoads(root, name).orElse("nothing");
  }

  @Test
  void theOutputInstallsTheWayTheProxmoxInstallerInstalls() throws IOException {
    Built built = build(dir.resolve("out3"), Map.of(ConfigKey.TARGETS, "system"));
    Path root = dir.resolve("root");
    InstallerCheckResult result =
        new InstallerCheck(new SystemProcessRunner(), EventListener.NONE, Duration.ofMinutes(5))
            .withShell(TestKernel.dir().resolve("bin/busybox"))
            .check(packagesOf(built, dir.resolve("debs")), root);
    assertThat(result).isInstanceOf(InstallerCheckResult.Passed.class);
    // what pve-firmware lacks is linked; Debian's alias b.bin now names Proxmox's a.bin
    assertThat(root.resolve("lib/firmware/updates/test").toFile().list())
        .containsExactlyInAnyOrder("b.bin", "d.bin");
    assertThat(loads(root, "test/a.bin")).isEqualTo("proxmox's test a\n");
    assertThat(loads(root, "test/b.bin")).isEqualTo("proxmox's test a\n");
    assertThat(loads(root, "test/d.bin")).isEqualTo("firmware D");
    assertThat(loads(root, "test/e.bin")).isEqualTo("proxmox's test a\n");
    assertThat(root.resolve("lib/firmware/test/c.bin.zst")).exists();
    assertThat(Files.readString(built.manifest()))
        .contains("\"firmwarePrecedence\" : \"proxmox\"")
        .contains("\"leftToProxmox\" : [ \"test/a.bin\", \"test/c.bin\", \"test/e.bin\" ]");
  }

  @Test
  void withDebianPrecedenceDebiansCopiesShadowProxmoxsAndThePlanSaysWhich() throws IOException {
    Built built =
        build(
            dir.resolve("out11"),
            Map.of(ConfigKey.TARGETS, "system", ConfigKey.FIRMWARE_PRECEDENCE, "debian"));
    assertThat(built.planned().plan().warnings())
        .containsExactly(
            "firmware_precedence is debian: firmware-misc-nonfree 20250410-1 shadows 3 firmware"
                + " files of pve-firmware 3.14-1: test/a.bin, test/c.bin, test/e.bin");
    Path root = dir.resolve("root-debian");
    InstallerCheckResult result =
        new InstallerCheck(new SystemProcessRunner(), EventListener.NONE, Duration.ofMinutes(5))
            .check(packagesOf(built, dir.resolve("debs-debian")), root);
    assertThat(result).isInstanceOf(InstallerCheckResult.Passed.class);
    assertThat(loads(root, "test/a.bin")).isEqualTo("firmware A");
    assertThat(loads(root, "test/e.bin")).isEqualTo("firmware E");
  }

  @Test
  void aNewerPackageReplacesTheOlderCopyOnTheIso() throws IOException {
    Built built =
        build(
            dir.resolve("out6"),
            Map.of(ConfigKey.TARGETS, "system", ConfigKey.EXTRA_PACKAGES, "libfoo1"));
    assertThat(built.planned().plan().replacedIsoPackages())
        .containsExactly("/proxmox/packages/libfoo1_1.2.3-1_amd64.deb");
    long oldSize;
    try (IsoImage source = IsoImage.open(Fixtures.Fixture.MKRESCUE.iso())) {
      oldSize = source.find("/proxmox/packages/libfoo1_1.2.3-1_amd64.deb").orElseThrow().size();
    }
    assertThat(built.staged().files())
        .containsExactly(
            StagedFile.removed(
                "/proxmox/packages/libfoo1_1.2.3-1_amd64.deb",
                oldSize,
                "older version of a package the build adds"),
            StagedFile.file(
                "/proxmox/packages/libfoo1_1.2.3-2_amd64.deb",
                "add",
                built.planned().plan().packages().get(0).sha256(),
                built.planned().candidates().get(0).pkg().size(),
                "libfoo1 1.2.3-2"));
    try (IsoImage image = IsoImage.open(built.output())) {
      assertThat(
              image.entries().stream()
                  .map(IsoEntry::path)
                  .filter(p -> p.startsWith("/proxmox/packages/libfoo1")))
          .containsExactly("/proxmox/packages/libfoo1_1.2.3-2_amd64.deb");
    }
    assertThat(Files.readString(built.manifest()))
        .contains("\"isoPath\" : \"/proxmox/packages/libfoo1_1.2.3-1_amd64.deb\"")
        .contains("\"operation\" : \"remove\"");
  }

  @Test
  void aPackageNotBuiltForTheIsosArchitectureIsAnError() {
    assertThatThrownBy(
            () -> build(dir.resolve("out7"), Map.of(ConfigKey.EXTRA_PACKAGES, "arm-only-tool")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "package 'arm-only-tool' not found in suite trixie, components main"
                + " non-free-firmware, architectures amd64 all; check the name or mark it"
                + " optional");
    assertThat(dir.resolve("out7/mkrescue-pveiso.iso")).doesNotExist();
  }

  @Test
  void anExistingOutputIsRefusedAndNothingIsWritten() throws IOException {
    Path out = Files.createDirectories(dir.resolve("out4"));
    Files.writeString(out.resolve("mkrescue-pveiso.iso"), "old");
    assertThatThrownBy(() -> build(out, Map.of(ConfigKey.TARGETS, "iso")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "output "
                + out.resolve("mkrescue-pveiso.iso")
                + " exists; use --overwrite to replace it");
    assertThat(out.resolve("mkrescue-pveiso.iso")).hasContent("old");
  }

  @Test
  void aPackageThatIsNotThereIsAnError() {
    assertThatThrownBy(
            () -> build(dir.resolve("out5"), Map.of(ConfigKey.EXTRA_PACKAGES, "no-such-firmware")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no-such-firmware");
    assertThat(dir.resolve("out5/mkrescue-pveiso.iso")).doesNotExist();
  }

  @Test
  void aLocalIsoWithItsDigestIsCheckedAlongsideTheOtherStages() {
    String digest = Sha256Digest.ofFile(Fixtures.Fixture.MKRESCUE.iso()).hex();
    StageTimer timer = new StageTimer(Clock.systemUTC(), EventListener.NONE);
    Built built =
        pipeline()
            .build(
                settings(
                    dir.resolve("out8"),
                    Map.of(ConfigKey.TARGETS, "iso", ConfigKey.ISO_SHA256, digest)),
                false,
                false,
                timer);
    assertThat(built.output()).exists();
    assertThat(timer.times())
        .filteredOn(StageTimer.StageTime::alongside)
        .extracting(StageTimer.StageTime::stage)
        .containsExactly("acquire");
  }

  @Test
  void aWrongDigestIsTheErrorEvenWhenALaterStepFailsFirst() {
    String wrong = "0".repeat(64);
    String actual = Sha256Digest.ofFile(Fixtures.Fixture.MKRESCUE.iso()).hex();
    Path out = dir.resolve("out9");
    assertThatThrownBy(
            () ->
                pipeline()
                    .build(
                        settings(
                            out,
                            Map.of(
                                ConfigKey.ISO_SHA256,
                                wrong,
                                ConfigKey.EXTRA_PACKAGES,
                                "no-such-firmware")),
                        false,
                        false,
                        new StageTimer(Clock.systemUTC(), EventListener.NONE)))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            Fixtures.Fixture.MKRESCUE.iso()
                + ": SHA-256 is "
                + actual
                + " but iso_sha256 says "
                + wrong);
    assertThat(out.resolve("mkrescue-pveiso.iso")).doesNotExist();
  }

  @Test
  void withARightDigestALaterStepsFailureIsTheError() {
    String digest = Sha256Digest.ofFile(Fixtures.Fixture.MKRESCUE.iso()).hex();
    assertThatThrownBy(
            () ->
                build(
                    dir.resolve("out10"),
                    Map.of(
                        ConfigKey.ISO_SHA256,
                        digest,
                        ConfigKey.EXTRA_PACKAGES,
                        "no-such-firmware")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no-such-firmware");
  }

  @Test
  void fetchAndPlanResolveTheSamePackages() {
    // needs-libfoo depends on libfoo1 (>= 1.2), which the ISO's /proxmox/packages has at 1.2.3-1:
    // fetch used to ignore what the ISO has and download the mirror's libfoo1 1.2.3-2 too
    BuildSettings settings =
        settings(dir.resolve("out-same"), Map.of(ConfigKey.EXTRA_PACKAGES, "needs-libfoo"));
    StageTimer timer = new StageTimer(Clock.systemUTC(), EventListener.NONE);
    List<String> fetched =
        pipeline().fetch(settings, false, timer).acquired().packages().stream()
            .map(p -> p.name() + " " + p.metadata().version())
            .toList();
    List<String> planned =
        pipeline().plan(settings, false, timer).candidates().stream()
            .map(c -> c.pkg().name() + " " + c.pkg().version())
            .toList();
    assertThat(fetched).containsExactly("needs-libfoo 1.0-1");
    assertThat(planned).isEqualTo(fetched);
  }

  BuildPipeline pipeline() {
    return new BuildPipeline(
        Clock.systemUTC(),
        new SystemProcessRunner(),
        EventListener.NONE,
        java.util.Optional::empty);
  }
}
