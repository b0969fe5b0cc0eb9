package io.github.pveiso.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.config.ConfigKey;
import io.github.pveiso.debian.TestDeb;
import io.github.pveiso.debian.TestRepository;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.initrd.EarlyMicrocode;
import io.github.pveiso.initrd.TestKernel;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.boottest.BootMode;
import io.github.pveiso.iso.boottest.BootReport;
import io.github.pveiso.iso.boottest.BootTester;
import io.github.pveiso.iso.boottest.QemuSetup;
import io.github.pveiso.iso.fat.EfiArchitecture;
import io.github.pveiso.net.LoopbackServer;
import io.github.pveiso.proc.SystemProcessRunner;
import io.github.pveiso.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux-level check of the {@code installer} target: the real build puts the real Debian
 * microcode packages' early archive in front of {@code kernel.iso}'s initrd, and a real Debian
 * kernel, booted from the output ISO through its GRUB, unpacks that archive and then runs the
 * original initrd's init, which reports what it finds.
 */
@Tag("slow")
class InstallerKernelBootTest {

  static final Pattern UCODE_LINE = Pattern.compile("PVEISO-UCODE \\S+ [0-9]+");

  @TempDir static Path dir;
  static LoopbackServer server;
  static Path keyring;

  @BeforeAll
  static void repository() throws IOException {
    TestRepository repo = new TestRepository(dir.resolve("repo"), "trixie");
    try (Stream<Path> debs = Files.list(TestKernel.dir().resolve("debs"))) {
      for (Path deb : debs.sorted().toList()) {
        String name = deb.getFileName().toString();
        if (name.startsWith("intel-microcode_") || name.startsWith("amd64-microcode_")) {
          repo.addDeb("non-free-firmware", deb);
        } else if (name.startsWith("iucode-tool_")) {
          repo.addDeb("main", deb);
        }
      }
    }
    // the real iucode-tool (intel-microcode's dependency) needs libc6; a small one completes the
    // chain, so the resolver runs as it does against the mirror
    repo.add(
        "main",
        new TestDeb("libc6", "2.41-12", "amd64").file("./usr/share/doc/libc6/README", "libc6"));
    keyring = dir.resolve("test-keyring.gpg");
    repo.publishSigned(Instant.now().minus(Duration.ofHours(1)), keyring);
    server = LoopbackServer.serving(repo.root());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  Built build(Path iso, Path out) {
    return TestBuilds.build(
        TestBuilds.settings(
            dir,
            server.uri("/"),
            keyring,
            iso,
            out,
            Map.of(
                ConfigKey.TARGETS, "installer",
                ConfigKey.EXTRA_PACKAGES, "amd64-microcode,intel-microcode")),
        EventListener.NONE);
  }

  static byte[] initrd(Path iso) {
    try (IsoImage image = IsoImage.open(iso)) {
      return image.readAllBytes(image.find("/boot/initrd.img").orElseThrow());
    }
  }

  @Test
  void theKernelBootsTheOutputThroughGrubAndFindsOurEarlyMicrocode() throws IOException {
    Path source = Fixtures.kernelIso(TestKernel.dir());
    Built built = build(source, dir.resolve("out1"));

    // the initrd is exactly our early archive (what the packages' files give) + the original
    EarlyMicrocode early =
        EarlyMicrocode.build(
            TestKernel.microcodeFiles(), TestKernel.microcodeSources(), 1_700_000_000L);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes(early.bytes());
    expected.writeBytes(initrd(source));
    byte[] modified = initrd(built.output());
    assertThat(modified).isEqualTo(expected.toByteArray());
    assertThat(early.vendors())
        .extracting(EarlyMicrocode.VendorFile::path)
        .containsExactly(
            "kernel/x86/microcode/GenuineIntel.bin", "kernel/x86/microcode/AuthenticAMD.bin");

    BootTester tester =
        new BootTester(
            new SystemProcessRunner(),
            QemuSetup.debian(),
            EventListener.NONE,
            Duration.ofMinutes(5));
    List<String> ucode =
        List.of(
            "PVEISO-UCODE .pveiso " + early.marker().getBytes(UTF_8).length,
            "PVEISO-UCODE AuthenticAMD.bin " + early.vendors().get(1).size(),
            "PVEISO-UCODE GenuineIntel.bin " + early.vendors().get(0).size());
    for (BootMode.Firmware firmware : BootMode.Firmware.values()) {
      BootMode mode = new BootMode(EfiArchitecture.AMD64, firmware, BootMode.Medium.CD);
      BootReport boot = tester.boot(built.output(), mode, Fixtures.INIT_OK, Fixtures.INIT_DONE);
      Files.writeString(dir.resolve(firmware + ".console.log"), boot.console());
      List<String> lines = boot.console().lines().map(String::strip).toList();
      assertThat(boot.passed()).as("%s; console:%n%s", boot.summary(), boot.console()).isTrue();
      assertThat(boot.console())
          .as(mode.toString())
          .containsSubsequence(Fixtures.KERNEL_GRUB_MARKER, Fixtures.INIT_OK, Fixtures.INIT_DONE)
          .doesNotContain("Initramfs unpacking failed");
      // a kernel message can still land in the middle of a line of init's: match, don't split
      assertThat(UCODE_LINE.matcher(boot.console()).results().map(MatchResult::group))
          .as(mode.toString())
          .containsExactlyElementsOf(ucode);
      System.err.println(
          "InstallerKernelBootTest: "
              + boot.summary()
              + "; "
              + lines.stream().filter(l -> l.startsWith("PVEISO-CPUINFO")).toList());
    }
  }

  @Test
  void rebuildingFromTheOutputReplacesOurArchiveInsteadOfStackingIt() {
    Path source = Fixtures.kernelIso(TestKernel.dir());
    Built first = build(source, dir.resolve("out2"));
    Built again = build(first.output(), dir.resolve("out3"));
    byte[] once = initrd(first.output());
    assertThat(initrd(again.output())).isEqualTo(once);
    byte[] original = initrd(source);
    assertThat(Arrays.copyOfRange(once, once.length - original.length, once.length))
        .isEqualTo(original);
  }
}
