package io.github.pveiso.iso.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.VerificationException;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.BootFixtures;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.IsoImageTreeTest;
import io.github.pveiso.iso.Xorriso;
import io.github.pveiso.iso.boot.SystemArea;
import io.github.pveiso.iso.bytes.ImageChannel;
import io.github.pveiso.iso.verify.VerificationReport.Check;
import io.github.pveiso.iso.write.SystemAreaResizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verifies ISOs modified with xorriso the ways the writer does, and ones modified wrongly. */
class IsoVerifierTest {
  @TempDir static Path dir;
  static Path amd64;
  static Path appended;
  static Path answer;
  static String answerSha;

  private final IsoVerifier verifier = new IsoVerifier(EventListener.NONE);

  @BeforeAll
  static void makeIsos() throws IOException {
    amd64 = BootFixtures.grubAmd64(dir);
    appended = BootFixtures.appended(dir);
    answer = Files.writeString(dir.resolve("answer.toml"), "[global]\ncountry = \"at\"\n");
    answerSha = IsoImageTreeTest.sha256(Files.readAllBytes(answer));
  }

  static String uuidDigits(Path iso) {
    try (IsoImage image = IsoImage.open(iso)) {
      return image.primary().modified().digits();
    }
  }

  /**
   * The writer's way: grow a copy with a new session like Proxmox does, keeping boot images and the
   * volume date, then fit the system area to the new size.
   */
  static Path grow(Path source, String name, String... mapArgs) throws IOException {
    Path out = growKeepingTheSystemArea(source, name, mapArgs);
    try (ImageChannel image = ImageChannel.open(source)) {
      SystemAreaResizer.fit(out, SystemArea.read(image));
    }
    return out;
  }

  /** Proxmox's way: grow a copy with a new session; the system area keeps the source's size. */
  static Path growKeepingTheSystemArea(Path source, String name, String... mapArgs)
      throws IOException {
    Path out = dir.resolve(name);
    Files.copy(source, out, StandardCopyOption.REPLACE_EXISTING);
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "-boot_image",
                "any",
                "keep",
                "-volume_date",
                "uuid",
                uuidDigits(source),
                "-dev",
                out.toString()));
    args.addAll(List.of(mapArgs));
    Xorriso.run(args.toArray(String[]::new));
    return out;
  }

  /**
   * The other way: a new image with the boot setup replayed, starting at block 0 like the source
   * and without xorriso's 300 KiB tail padding, so the backup GPT header is the last block.
   */
  static Path replay(Path source, String name, String date, String... mapArgs) {
    Path out = dir.resolve(name);
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "-compliance",
                "no_emul_toc",
                "-indev",
                source.toString(),
                "-outdev",
                out.toString(),
                "-padding",
                "0"));
    args.addAll(List.of(mapArgs));
    args.addAll(List.of("-boot_image", "any", "replay"));
    args.addAll(List.of("-volume_date", "uuid", date.equals("keep") ? uuidDigits(source) : date));
    Xorriso.run(args.toArray(String[]::new));
    return out;
  }

  @Test
  void grownAndFittedCopyPasses() throws IOException {
    Path out = grow(amd64, "grown.iso", "-map", answer.toString(), "/answer.toml");
    VerificationReport report =
        verifier.verify(amd64, out, Map.of("/answer.toml", new ExpectedContent.Digest(answerSha)));
    long last = Files.size(out) / 512 - 1;
    assertThat(report.checks())
        .extracting(Check::name)
        .containsExactly(
            "ISO 9660 volume",
            "ISO 9660 tree",
            "El Torito catalog",
            "boot image 1 (BIOS)",
            "boot image 2 (UEFI)",
            "MBR partitions",
            "GPT",
            "Apple partition map",
            "volume id",
            "volume date (GRUB UUID)",
            "El Torito entries",
            "boot image 1 (BIOS)",
            "boot image 2 (UEFI)",
            "MBR boot code",
            "MBR partition types",
            "GPT partitions",
            "EFI partition",
            "Apple partition map",
            "MBR size",
            "GPT size",
            "Apple partition map size",
            "source files",
            "changed files",
            "unexpected files",
            "shared extents");
    assertThat(report.checks()).allMatch(c -> c.status() == VerificationReport.Status.PASS);
    assertThat(report.checks())
        .filteredOn(c -> c.name().endsWith(" size"))
        .containsExactly(
            Check.pass("MBR size", "partitions [1] end at the last sector " + last),
            Check.pass(
                "GPT size",
                "backup header at the last block "
                    + last
                    + ", [Gap1] run to the end as in the source"),
            Check.pass(
                "Apple partition map size", "[Gap1] end at the image's end as in the source"));
  }

  @Test
  void grownCopyThatKeptTheSourcesSystemAreaFails() throws IOException {
    Path out =
        growKeepingTheSystemArea(amd64, "stale.iso", "-map", answer.toString(), "/answer.toml");
    VerificationReport report =
        verifier.compare(amd64, out, Map.of("/answer.toml", new ExpectedContent.Digest(answerSha)));
    long backup;
    long sourceSize = Files.size(amd64);
    long size = Files.size(out);
    long last = size / 512 - 1;
    try (IsoImage iso = IsoImage.open(amd64)) {
      backup = iso.gpt().orElseThrow().primary().backupLba();
    }
    assertThat(report.checks())
        .filteredOn(c -> c.status() != VerificationReport.Status.PASS)
        .containsExactly(
            Check.warn(
                "GPT",
                "4 partitions, header and entry CRCs ok; GPT backup header is at block "
                    + backup
                    + ", not at the image's last block "
                    + last),
            Check.fail(
                "MBR size",
                "partition 1 ends at sector "
                    + backup
                    + ", not at the image's last sector "
                    + last
                    + " as in the source"),
            Check.fail(
                "GPT size",
                "GPT backup header is at block "
                    + backup
                    + ", not at the image's last block "
                    + last
                    + "; the source's fits its size"),
            Check.fail(
                "Apple partition map size",
                "entry 4 'Gap1' ends at byte "
                    + sourceSize
                    + ", not at the image's end "
                    + size
                    + " as in the source"));
    assertThatThrownBy(() -> report.orThrow())
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            out
                + " failed verification: MBR size: partition 1 ends at sector "
                + backup
                + ", not at the image's last sector "
                + last
                + " as in the source (and 2 more failed checks)");
  }

  @Test
  void grownCopyWithAStaleAppleMapOrAMissingBackupGptFails() throws IOException {
    Path out = grow(amd64, "stale-apm.iso", "-map", answer.toString(), "/answer.toml");
    long size = Files.size(out);
    // put the source's last APM entry (block 4) back
    byte[] entry = Arrays.copyOfRange(Files.readAllBytes(amd64), 4 * 2048, 4 * 2048 + 512);
    writeAt(out, 4 * 2048, entry);
    assertThatThrownBy(
            () ->
                verifier.verify(
                    amd64, out, Map.of("/answer.toml", new ExpectedContent.Digest(answerSha))))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            out
                + " failed verification: Apple partition map size: entry 4 'Gap1' ends at byte "
                + Files.size(amd64)
                + ", not at the image's end "
                + size
                + " as in the source");

    Path noBackup = grow(amd64, "no-backup.iso", "-map", answer.toString(), "/answer.toml");
    writeAt(noBackup, size - 512, new byte[512]);
    VerificationReport report =
        verifier.compare(
            amd64, noBackup, Map.of("/answer.toml", new ExpectedContent.Digest(answerSha)));
    assertThat(report.checks())
        .filteredOn(c -> !c.passed())
        .containsExactly(
            Check.fail("GPT", "GPT backup header is missing at block " + (size / 512 - 1)),
            Check.fail(
                "GPT size",
                "GPT backup header is missing at block "
                    + (size / 512 - 1)
                    + "; the source's fits its size"));
  }

  static void writeAt(Path file, long at, byte[] bytes) throws IOException {
    try (var ch =
        java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(bytes), at);
    }
  }

  @Test
  void replayedImageWithAnAppendedEfiPartitionPasses() {
    Path out =
        replay(appended, "appended-out.iso", "keep", "-map", answer.toString(), "/answer.toml");
    VerificationReport report =
        verifier.verify(
            appended, out, Map.of("/answer.toml", new ExpectedContent.Digest(answerSha)));
    assertThat(report.checks())
        .filteredOn(c -> c.status() != VerificationReport.Status.PASS)
        .isEmpty();
    assertThat(report.checks())
        .filteredOn(c -> c.name().equals("EFI partition"))
        .extracting(Check::detail)
        .singleElement()
        .asString()
        .endsWith("(appended)");
    assertThat(report.checks())
        .filteredOn(c -> c.name().startsWith("boot image 1"))
        .extracting(Check::detail)
        .last()
        .asString()
        .startsWith("identical except its boot info table and GRUB2 boot info");
  }

  @Test
  void aChangedVolumeDateFails() {
    Path out =
        replay(
            appended,
            "new-date.iso",
            "2020010203040500",
            "-map",
            answer.toString(),
            "/answer.toml");
    String expected;
    String actual;
    try (IsoImage a = IsoImage.open(appended);
        IsoImage b = IsoImage.open(out)) {
      expected = a.volumeDateUuid();
      actual = b.volumeDateUuid();
    }
    assertThatThrownBy(
            () ->
                verifier.verify(
                    appended, out, Map.of("/answer.toml", new ExpectedContent.Digest(answerSha))))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            out
                + " failed verification: volume date (GRUB UUID): '"
                + actual
                + "' but the source has '"
                + expected
                + "'");
  }

  @Test
  void anUnlistedChangeAndAWrongDigestFail() throws IOException {
    Path eula = Files.writeString(dir.resolve("EULA"), "changed\n");
    Path out =
        grow(
            amd64,
            "unlisted.iso",
            "-map",
            eula.toString(),
            "/EULA",
            "-map",
            answer.toString(),
            "/answer.toml",
            "-map",
            answer.toString(),
            "/extra.toml");
    VerificationReport report =
        verifier.compare(
            amd64, out, Map.of("/answer.toml", new ExpectedContent.Digest("00".repeat(32))));
    assertThat(report.checks())
        .filteredOn(c -> !c.passed())
        .containsExactly(
            Check.fail("source files", "/EULA has 8 bytes instead of 5"),
            Check.fail(
                "changed files",
                "/answer.toml has SHA-256 "
                    + answerSha
                    + " but the change list expects "
                    + "00".repeat(32)),
            Check.fail(
                "unexpected files", "/extra.toml is neither in the source nor in the change list"));
  }

  @Test
  void standaloneChecksAGoodImage() {
    VerificationReport report = verifier.standalone(amd64);
    assertThat(report.passed()).isTrue();
    assertThat(report.checks())
        .extracting(Check::name)
        .containsExactly(
            "ISO 9660 volume",
            "ISO 9660 tree",
            "El Torito catalog",
            "boot image 1 (BIOS)",
            "boot image 2 (UEFI)",
            "MBR partitions",
            "GPT",
            "Apple partition map");
    assertThat(report.source()).isNull();
  }

  @Test
  void standaloneFindsACorruptedGptCrc() throws IOException {
    Path bad = dir.resolve("bad-gpt.iso");
    Files.copy(amd64, bad, StandardCopyOption.REPLACE_EXISTING);
    long crc;
    try (IsoImage iso = IsoImage.open(bad)) {
      crc = iso.gpt().orElseThrow().primary().headerCrc();
    }
    try (var ch = java.nio.channels.FileChannel.open(bad, java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap("X".getBytes(StandardCharsets.US_ASCII)), 512 + 56);
    }
    long computed;
    try (IsoImage iso = IsoImage.open(bad)) {
      computed = iso.gpt().orElseThrow().primary().computedHeaderCrc();
      assertThat(iso.bootLayout().gpt()).isFalse();
    }
    assertThatThrownBy(() -> verifier.standalone(bad).orThrow())
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            String.format(
                "%s failed verification: GPT: GPT primary header CRC is %08x "
                    + "but its bytes give %08x",
                bad, crc, computed));
  }
}
