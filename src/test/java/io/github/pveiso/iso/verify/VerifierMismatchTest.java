package io.github.pveiso.iso.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.BootFixtures;
import io.github.pveiso.iso.IsoEntry;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.Xorriso;
import io.github.pveiso.iso.boot.ApplePartitionMap;
import io.github.pveiso.iso.boot.Gpt;
import io.github.pveiso.iso.bytes.Extent;
import io.github.pveiso.iso.fat.EfiArchitecture;
import io.github.pveiso.iso.verify.VerificationReport.Check;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images that differ in every boot provision, and damaged partition tables. */
class VerifierMismatchTest {
  @TempDir static Path dir;
  static Path amd64;
  static Path arm64;
  static Path appended;
  static Path plain;

  private final IsoVerifier verifier = new IsoVerifier(EventListener.NONE);

  @BeforeAll
  static void makeIsos() throws IOException {
    amd64 = BootFixtures.grubAmd64(dir);
    arm64 = BootFixtures.grubArm64(dir);
    appended = BootFixtures.appended(dir);
    Path src = Files.createDirectories(dir.resolve("plain-src"));
    BootFixtures.fatImage(src.resolve("efi.img"), "BOOTX64.EFI", "loader\n");
    Files.delete(src.resolve("BOOTX64.EFI"));
    plain = Xorriso.mkisofs(dir.resolve("plain.iso"), src, "-R", "-V", "PVE");
  }

  private static Map<String, Check> byName(VerificationReport report) {
    Map<String, Check> out = new java.util.LinkedHashMap<>();
    report.checks().forEach(c -> out.put(c.name(), c));
    return out;
  }

  @Test
  void amd64AgainstArm64FailsEveryBootCheck() {
    Map<String, Check> checks = byName(verifier.compareWithoutChangeList(amd64, arm64));
    assertThat(checks.get("El Torito entries").passed()).isFalse();
    assertThat(checks.get("boot image 1 (UEFI)").detail()).startsWith("length ");
    assertThat(checks.get("MBR boot code").detail()).startsWith("byte 0 differs");
    assertThat(checks.get("Apple partition map").passed()).isFalse();
    assertThat(checks.get("EFI partition").detail()).endsWith("differs from the source's");
    assertThat(checks.get("source files").detail()).contains(" is missing (and ");
  }

  @Test
  void losingTheMbrAndTheEfiPartitionFails() {
    Map<String, Check> checks = byName(verifier.compareWithoutChangeList(appended, plain));
    assertThat(checks.get("El Torito entries").detail())
        .isEqualTo(
            "[no boot records] but the source has [BIOS NONE seg 0 sectors 4, UEFI NONE "
                + "seg 0 sectors 2880]");
    assertThat(checks.get("MBR boot code").detail()).isEqualTo("the output lost the source's MBR");
    assertThat(checks.get("EFI partition").detail()).isEqualTo("the output lost the EFI partition");
    assertThat(checks.get("source files").passed()).isFalse();
    Map<String, Check> reverse = byName(verifier.compareWithoutChangeList(plain, appended));
    assertThat(reverse.get("MBR boot code").detail())
        .isEqualTo("the output has an MBR the source lacks");
    assertThat(reverse.get("EFI partition").detail())
        .isEqualTo("the output has an EFI partition the source lacks");
  }

  @Test
  void twoPlainImagesHaveNoBootProvisions() {
    VerificationReport report = verifier.verify(plain, plain, Map.of());
    assertThat(byName(report).get("MBR boot code").detail()).isEqualTo("no MBR in either");
    assertThat(byName(report).get("GPT partitions").detail()).isEqualTo("no GPT in either");
    assertThat(byName(report).get("Apple partition map").detail()).isEqualTo("none in either");
  }

  @Test
  void efiImageFromAFileOrAPartition() {
    try (IsoImage iso = IsoImage.open(plain)) {
      assertThat(iso.efiArchitectures()).containsExactly(EfiArchitecture.AMD64);
    }
  }

  @Test
  void damagedGptAndAppleMapAreNamed() throws IOException {
    Path bad = Files.copy(amd64, dir.resolve("damaged.iso"));
    long size = Files.size(bad);
    Gpt gpt;
    try (IsoImage iso = IsoImage.open(bad)) {
      gpt = iso.gpt().orElseThrow();
    }
    // break the backup header's signature and the APM's entry count
    try (FileChannel ch = FileChannel.open(bad, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {'X'}), gpt.primary().backupLba() * 512);
      ch.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 9}), 2048 + 4);
    }
    try (IsoImage iso = IsoImage.open(bad)) {
      Gpt damaged = iso.gpt().orElseThrow();
      assertThat(damaged.backup()).isEmpty();
      assertThat(damaged.problems(size))
          .containsExactly("GPT backup header is missing at block " + gpt.primary().backupLba());
      ApplePartitionMap apm = iso.appleMap().orElseThrow();
      assertThat(apm.problems(size))
          .first()
          .asString()
          .endsWith("says the map has 9 entries but " + apm.entries().size() + " were found");
      assertThat(apm.problems(1024)).last().asString().contains("beyond the image's 1024 bytes");
      assertThat(damaged.problems(1024))
          .last()
          .asString()
          .contains("lie outside the image of 1024 bytes");
    }
  }

  @Test
  void contentStreamsByteBySkipAndAcrossExtents() throws IOException {
    try (IsoImage iso = IsoImage.open(amd64)) {
      IsoEntry big = iso.find("/proxmox/packages/zlib_2.0_all.deb").orElseThrow();
      try (InputStream in = iso.open(big)) {
        assertThat(in.read()).isZero();
        assertThat(in.skip(2998)).isEqualTo(2998);
        assertThat(in.read()).isZero();
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.read(new byte[4], 0, 4)).isEqualTo(-1);
        assertThat(in.read(new byte[4], 0, 0)).isZero();
      }
      IsoEntry split =
          new IsoEntry(
              "/x",
              IsoEntry.Kind.FILE,
              3,
              List.of(new Extent(big.firstLba(), 1), new Extent(big.firstLba(), 2)),
              -1,
              java.util.Optional.empty(),
              java.util.Optional.empty());
      assertThat(iso.readAllBytes(split)).containsExactly(0, 0, 0);
    }
  }
}
