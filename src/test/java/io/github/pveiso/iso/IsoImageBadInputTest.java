package io.github.pveiso.iso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.VerificationException;
import io.github.pveiso.iso.iso9660.DirectoryRecord;
import io.github.pveiso.iso.verify.IsoVerifier;
import io.github.pveiso.iso.verify.VerificationReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged and unusual input: each a one-line message and the right exception. */
class IsoImageBadInputTest {
  @TempDir static Path dir;
  static Path plain;

  @BeforeAll
  static void makeIso() throws IOException {
    Path src = Files.createDirectories(dir.resolve("src/a/b"));
    Files.writeString(src.resolve("c.txt"), "c\n");
    Files.writeString(dir.resolve("src/big.bin"), "0123456789".repeat(500));
    plain = Xorriso.mkisofs(dir.resolve("plain.iso"), dir.resolve("src"), "-R", "-V", "DATA");
  }

  @Test
  void aTextFileIsNotAnIso() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.txt"), "x".repeat(40_000));
    assertThatThrownBy(() -> IsoImage.open(text))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            text
                + " is not an ISO 9660 image: no volume descriptor 'CD001' at byte 32768;"
                + " pass an ISO file");
    Path tiny = Files.writeString(dir.resolve("tiny.iso"), "x");
    assertThatThrownBy(() -> IsoImage.open(tiny))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            tiny
                + " is not an ISO 9660 image: no volume descriptor 'CD001' at byte 32768;"
                + " pass an ISO file");
  }

  @Test
  void aDirectoryIsNotAnIso() {
    assertThatThrownBy(() -> IsoImage.open(dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(dir + " is not a file; pass the path of an ISO image");
  }

  @Test
  void aTruncatedIsoSaysSo() throws IOException {
    byte[] image = Files.readAllBytes(plain);
    Path cut = Files.write(dir.resolve("cut.iso"), Arrays.copyOf(image, 40 * 2048));
    assertThatThrownBy(() -> IsoImage.open(cut))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            cut
                + " is truncated: its volume holds "
                + image.length
                + " bytes but the file has 81920; obtain the complete image again");
  }

  @Test
  void aDirectoryLoopIsAnErrorNotAHang() throws IOException {
    Path loop = dir.resolve("loop.iso");
    Files.copy(plain, loop);
    long aBlock;
    long bBlock;
    try (IsoImage iso = IsoImage.open(loop)) {
      aBlock = iso.find("/a").orElseThrow().firstLba();
      bBlock = iso.find("/a/b").orElseThrow().firstLba();
    }
    // point /a/b's record (inside /a) back at /a itself
    patchRecordExtent(loop, aBlock, bBlock, aBlock);
    assertThatThrownBy(() -> IsoImage.open(loop))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "directory /a/b points at block "
                + aBlock
                + " already read as /a: the ISO's "
                + "directory tree has a loop");
  }

  @Test
  void anIsoWithoutBootRecordsReadsAndSaysSo() {
    try (IsoImage iso = IsoImage.open(plain)) {
      assertThat(iso.elTorito()).isEmpty();
      assertThat(iso.bootImages()).isEmpty();
      assertThat(iso.mbr()).isEmpty();
      assertThat(iso.gpt()).isEmpty();
      assertThat(iso.appleMap()).isEmpty();
      assertThat(iso.efiArchitectures()).isEmpty();
      assertThat(iso.bootLayout())
          .isEqualTo(
              new BootLayout(
                  "DATA",
                  iso.volumeDateUuid(),
                  false,
                  false,
                  false,
                  false,
                  false,
                  false,
                  false,
                  false));
      assertThat(
              new IsoVerifier(io.github.pveiso.events.EventListener.NONE)
                  .standalone(plain)
                  .checks())
          .contains(VerificationReport.Check.pass("El Torito", "no boot records"));
    }
  }

  @Test
  void multiExtentRecordsJoinIntoOneFile() throws IOException {
    Path multi = dir.resolve("multi.iso");
    Files.copy(plain, multi);
    long root;
    long rootLength;
    try (IsoImage iso = IsoImage.open(multi)) {
      root = iso.primary().root().extent();
      rootLength = iso.primary().root().dataLength();
    }
    byte[] image = Files.readAllBytes(multi);
    int at = (int) root * 2048;
    List<DirectoryRecord> records =
        DirectoryRecord.parseAll(Arrays.copyOfRange(image, at, at + (int) rootLength));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (DirectoryRecord r : records) {
      if (new String(r.identifier(), StandardCharsets.ISO_8859_1).startsWith("BIG.BIN")) {
        // split the 5000-byte file into three extents of 2048, 2048 and 904 bytes
        out.writeBytes(split(r, 0, 2048, DirectoryRecord.FLAG_MULTI_EXTENT).record());
        out.writeBytes(split(r, 1, 2048, DirectoryRecord.FLAG_MULTI_EXTENT).record());
        out.writeBytes(split(r, 2, 904, 0).record());
      } else {
        out.writeBytes(r.record());
      }
    }
    byte[] dirBytes = Arrays.copyOf(out.toByteArray(), 2048);
    System.arraycopy(dirBytes, 0, image, at, 2048);
    Files.write(multi, image);
    try (IsoImage iso = IsoImage.open(multi)) {
      IsoEntry big = iso.find("/big.bin").orElseThrow();
      assertThat(big.size()).isEqualTo(5000);
      assertThat(big.extents()).hasSize(3);
      assertThat(new String(iso.readAllBytes(big), StandardCharsets.US_ASCII))
          .isEqualTo("0123456789".repeat(500));
    }
    assertThat(Xorriso.lsdl(multi))
        .filteredOn(l -> l.path().equals("/big.bin"))
        .extracting(Xorriso.Listed::size)
        .containsExactly(5000L);
  }

  private static DirectoryRecord split(DirectoryRecord r, int part, long length, int flag) {
    return new DirectoryRecord(
        r.extAttrLength(),
        r.extent() + part,
        length,
        r.recorded(),
        (r.flags() & ~DirectoryRecord.FLAG_MULTI_EXTENT) | flag,
        r.fileUnitSize(),
        r.interleaveGap(),
        r.volumeSequence(),
        r.identifier(),
        r.systemUse());
  }

  /**
   * In the directory at block {@code dirBlock}, repoints the record of {@code from} to {@code to}.
   */
  private static void patchRecordExtent(Path iso, long dirBlock, long from, long to)
      throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(iso.toFile(), "rw")) {
      byte[] block = new byte[2048];
      file.seek(dirBlock * 2048);
      file.readFully(block);
      int at = 0;
      for (DirectoryRecord r : DirectoryRecord.parseAll(block)) {
        if (r.extent() == from) {
          DirectoryRecord patched =
              new DirectoryRecord(
                  r.extAttrLength(),
                  to,
                  r.dataLength(),
                  r.recorded(),
                  r.flags(),
                  r.fileUnitSize(),
                  r.interleaveGap(),
                  r.volumeSequence(),
                  r.identifier(),
                  r.systemUse());
          file.seek(dirBlock * 2048 + at);
          file.write(patched.record());
          return;
        }
        at += r.length();
      }
      throw new IllegalStateException("no record for block " + from);
    }
  }
}
