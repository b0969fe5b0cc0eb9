package io.github.pveiso.initrd;

import static io.github.pveiso.initrd.IntelMicrocodeTest.concat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import io.github.pveiso.VerificationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlyMicrocodePrependTest {

  @TempDir Path tmp;

  final EarlyMicrocode early = EarlyMicrocodeTest.early();

  static byte[] mainPart() {
    return Zstd.compress(
        NewcCpio.write(
                List.of(NewcCpio.Member.file("init", "#!/bin/sh\necho hi\n".getBytes(UTF_8))), 0)
            .record());
  }

  record Run(PrependResult result, byte[] output) {}

  Run prepend(EarlyMicrocode archive, byte[] initrd) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrependResult result = archive.prepend(new ByteArrayInputStream(initrd), out);
    return new Run(result, out.toByteArray());
  }

  /** Debian's amd64-microcode hook output: GNU cpio of ".", kernel/..., padded to 512 bytes. */
  byte[] debianStyleEarlyArchive() throws IOException {
    Path root = tmp.resolve("d");
    Files.createDirectories(root.resolve("kernel/x86/microcode"));
    Files.write(root.resolve("kernel/x86/microcode/AuthenticAMD.bin"), "DMA\0old".getBytes(UTF_8));
    return GnuCpio.create(root, ".", tmp);
  }

  @Test
  void prependsToAnInitrdWithoutEarlyMicrocode() throws IOException {
    byte[] initrd = mainPart();

    Run run = prepend(early, initrd);

    assertThat(run.output()).isEqualTo(concat(early.bytes(), initrd));
    PrependResult r = run.result();
    assertThat(r.action()).isEqualTo(PrependResult.Action.PREPENDED);
    assertThat(r.replaced()).isEmpty();
    assertThat(r.rest()).isEqualTo(Payload.ZSTD);
    assertThat(r.sizeBefore()).isEqualTo(initrd.length);
    assertThat(r.sizeAfter()).isEqualTo(run.output().length);
    assertThat(r.earlyArchiveSize()).isEqualTo(early.bytes().length);
    assertThat(r.sha256Before()).isEqualTo(IntelMicrocode.sha256(initrd));
    assertThat(r.sha256After()).isEqualTo(IntelMicrocode.sha256(run.output()));
    assertThat(r.vendors()).isEqualTo(early.vendors());
    assertThat(r.summary())
        .isEqualTo(
            "prepended early microcode (GenuineIntel, AuthenticAMD, "
                + early.bytes().length
                + " bytes): initrd "
                + initrd.length
                + " -> "
                + run.output().length
                + " bytes");
  }

  @Test
  void prependingTwiceGivesTheSameBytesAsOnce() throws IOException {
    Run once = prepend(early, mainPart());
    Run twice = prepend(early, once.output());

    assertThat(twice.output()).isEqualTo(once.output());
    assertThat(twice.result().action()).isEqualTo(PrependResult.Action.REPLACED_PVEISO);
    assertThat(twice.result().replaced())
        .containsExactly(
            new PrependResult.Replaced(
                0, early.bytes().length, early.archive().names(), early.marker()));
    assertThat(twice.result().summary()).startsWith("replaced pveiso early microcode (");
  }

  @Test
  void newerMicrocodeReplacesOurOlderArchive() throws IOException {
    EarlyMicrocode older =
        EarlyMicrocode.build(
            List.of(
                new MicrocodeFile(
                    "lib/firmware/amd-ucode/microcode_amd.bin", "DMA\0v1".getBytes(UTF_8))),
            List.of("amd64-microcode=1"),
            0);
    Run first = prepend(older, mainPart());

    Run second = prepend(early, first.output());

    assertThat(second.output()).isEqualTo(prepend(early, mainPart()).output());
    assertThat(second.result().replaced())
        .singleElement()
        .satisfies(r -> assertThat(r.pveisoMarker()).contains("source amd64-microcode=1\n"));
  }

  @Test
  void replacesADistributionsEarlyArchiveAndItsPadding() throws IOException {
    byte[] debian = debianStyleEarlyArchive();
    byte[] main = mainPart();

    assertThat(debian).hasSize(1024); // GNU cpio pads to 512-byte blocks
    Run run = prepend(early, concat(debian, main));

    assertThat(run.output()).isEqualTo(concat(early.bytes(), main));
    assertThat(run.result().action()).isEqualTo(PrependResult.Action.REPLACED_FOREIGN);
    assertThat(run.result().replaced())
        .containsExactly(
            new PrependResult.Replaced(
                0,
                1024,
                List.of(
                    ".",
                    "kernel",
                    "kernel/x86",
                    "kernel/x86/microcode",
                    "kernel/x86/microcode/AuthenticAMD.bin"),
                ""));
    assertThat(run.result().summary()).startsWith("replaced an existing early microcode archive (");
  }

  @Test
  void replacesSeveralLeadingMicrocodeArchives() throws IOException {
    byte[] main = mainPart();
    Run run = prepend(early, concat(debianStyleEarlyArchive(), early.bytes(), main));

    assertThat(run.output()).isEqualTo(concat(early.bytes(), main));
    assertThat(run.result().action()).isEqualTo(PrependResult.Action.REPLACED_PVEISO);
    assertThat(run.result().replaced())
        .extracting(PrependResult.Replaced::fromPveiso)
        .containsExactly(false, true);
  }

  @Test
  void anArchiveWithMoreThanMicrocodeIsKeptAsItIs() throws IOException {
    byte[] mixed =
        NewcCpio.write(
                List.of(
                    NewcCpio.Member.file(
                        "kernel/x86/microcode/GenuineIntel.bin", IntelMicrocodeTest.B),
                    NewcCpio.Member.file("kernel/firmware/acpi/dsdt.aml", new byte[] {1, 2, 3})),
                0)
            .record();
    // Lowercase hex, which record() would not reproduce: kept bytes must be the original bytes.
    byte[] original =
        new String(mixed, java.nio.charset.StandardCharsets.ISO_8859_1)
            .replace("000081A4", "000081a4")
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    byte[] main = mainPart();

    Run run = prepend(early, concat(original, main));

    assertThat(run.output()).isEqualTo(concat(early.bytes(), original, main));
    assertThat(run.result().action()).isEqualTo(PrependResult.Action.PREPENDED);
    assertThat(run.result().rest()).isEqualTo(Payload.CPIO);
    assertThat(prepend(early, run.output()).output()).isEqualTo(run.output());
  }

  @Test
  void anUncompressedInitrdIsKeptWhole() throws IOException {
    byte[] plain =
        NewcCpio.write(List.of(NewcCpio.Member.file("init", new byte[] {1})), 0).record();
    Run run = prepend(early, plain);
    assertThat(run.output()).isEqualTo(concat(early.bytes(), plain));
  }

  @Test
  void aMarkerWithAnotherFirstLineIsNotOurs() throws IOException {
    byte[] lookalike =
        NewcCpio.write(
                List.of(
                    NewcCpio.Member.file(
                        EarlyMicrocode.MARKER_PATH, "someone else\n".getBytes(UTF_8))),
                0)
            .record();
    Run run = prepend(early, concat(lookalike, mainPart()));
    assertThat(run.result().action()).isEqualTo(PrependResult.Action.REPLACED_FOREIGN);
  }

  @Test
  void filesToFilesAndNeverOntoItself() throws IOException {
    Path in = tmp.resolve("initrd.img");
    Files.write(in, mainPart());
    PrependResult result = early.prepend(in, tmp.resolve("new.img"));
    assertThat(tmp.resolve("new.img")).hasBinaryContent(concat(early.bytes(), mainPart()));
    assertThat(result.sizeAfter()).isEqualTo(Files.size(tmp.resolve("new.img")));
    assertThatThrownBy(() -> early.prepend(in, tmp.resolve("./initrd.img")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("early microcode: the new initrd must go to another file than " + in);
  }

  @Test
  void somethingThatIsNoInitrdIsRefused() {
    byte[] zip = "PK\3\4 not an initrd".getBytes(UTF_8);
    assertThatThrownBy(() -> prepend(early, zip))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "initrd at offset 0 is neither a cpio archive nor compressed data the kernel reads"
                + " (starts with 504b0304206e); is this really an initrd?");
  }

  @Test
  void aBrokenEarlyArchiveIsRefused() {
    byte[] cut = Arrays.copyOf(early.bytes(), 200);
    assertThatThrownBy(() -> prepend(early, cut))
        .isInstanceOf(VerificationException.class)
        .hasMessageStartingWith("newc cpio archive ends early at offset 200");
  }
}
