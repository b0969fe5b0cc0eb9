package io.github.pveiso.iso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.VerificationException;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.VerificationReport.Check;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

  /** Proxmox's way: grow a copy with a new session, keeping boot images and the volume date. */
  static Path grow(Path source, String name, String... mapArgs) throws IOException {
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
  void grownCopyPassesWithWarningsAboutTheOldSystemArea() throws IOException {
    Path out = grow(amd64, "grown.iso", "-map", answer.toString(), "/answer.toml");
    VerificationReport report = verifier.verify(amd64, out, Map.of("/answer.toml", answerSha));
    long backup;
    long last = Files.size(out) / 512 - 1;
    try (IsoImage iso = IsoImage.open(amd64)) {
      backup = iso.gpt().orElseThrow().primary().backupLba();
    }
    assertThat(report.checks())
        .extracting(Check::name)
        .containsExactly(
            "ISO 9660 volume",
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
            "source files",
            "changed files",
            "unexpected files");
    assertThat(report.checks())
        .filteredOn(c -> c.status() != VerificationReport.Status.PASS)
        .containsExactly(
            Check.warn(
                "GPT",
                "4 partitions, header and entry CRCs ok; GPT backup header is at "
                    + "block "
                    + backup
                    + ", not at the image's last block "
                    + last),
            Check.warn(
                "MBR partition types",
                "types [238, 0, 0, 0] as in the source; the "
                    + "protective partition ends at sector "
                    + backup
                    + ", not at the image's last "
                    + "sector "
                    + last));
  }

  @Test
  void replayedImageWithAnAppendedEfiPartitionPasses() {
    Path out =
        replay(appended, "appended-out.iso", "keep", "-map", answer.toString(), "/answer.toml");
    VerificationReport report = verifier.verify(appended, out, Map.of("/answer.toml", answerSha));
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
    assertThatThrownBy(() -> verifier.verify(appended, out, Map.of("/answer.toml", answerSha)))
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
        verifier.compare(amd64, out, Map.of("/answer.toml", "00".repeat(32)));
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
