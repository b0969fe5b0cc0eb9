package io.github.pveiso.iso.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.Xorriso;
import io.github.pveiso.iso.boot.Gpt;
import io.github.pveiso.iso.boot.GptHeader;
import io.github.pveiso.iso.boot.MbrPartition;
import io.github.pveiso.iso.boot.SystemArea;
import io.github.pveiso.iso.bytes.Bytes;
import io.github.pveiso.iso.bytes.ImageChannel;
import io.github.pveiso.iso.iso9660.PrimaryVolumeDescriptor;
import io.github.pveiso.testing.Fixtures.Fixture;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grows copies of the fixtures by a known amount (a stand-in session of non-zero blocks appended to
 * the copy), fits them, and compares every changed field with xorriso's own report.
 */
class SystemAreaResizerTest {

  static final int GROWTH_BLOCKS = 100;

  @TempDir Path tmp;

  static SystemArea area(Path iso) {
    try (ImageChannel image = ImageChannel.open(iso)) {
      return SystemArea.read(image);
    }
  }

  /** A copy of {@code source} with {@code bytes} bytes of 0x5A appended. */
  Path grown(Path source, String name, int bytes) throws IOException {
    Path copy = tmp.resolve(name);
    Files.copy(source, copy);
    byte[] session = new byte[bytes];
    Arrays.fill(session, (byte) 0x5A);
    try (OutputStream out = Files.newOutputStream(copy, StandardOpenOption.APPEND)) {
      out.write(session);
    }
    return copy;
  }

  /** xorriso's system area report, runs of blanks made one. */
  static List<String> report(Path iso) {
    return Xorriso.run("-indev", iso.toString(), "-report_system_area", "plain")
        .lines()
        .map(l -> l.replaceAll("\\s+", " "))
        .toList();
  }

  /**
   * The source's report with changed lines: {@code changes} alternates a line's start (its key and
   * partition number) and the whole new line.
   */
  static List<String> replaced(List<String> report, String... changes) {
    List<String> out = new ArrayList<>(report);
    for (int c = 0; c < changes.length; c += 2) {
      int hits = 0;
      for (int i = 0; i < out.size(); i++) {
        if (out.get(i).startsWith(changes[c] + " ")) {
          out.set(i, changes[c + 1]);
          hits++;
        }
      }
      assertThat(hits).as(changes[c]).isEqualTo(1);
    }
    return out;
  }

  static long volumeBlocks(Path iso, boolean joliet) {
    try (IsoImage image = IsoImage.open(iso)) {
      PrimaryVolumeDescriptor d = joliet ? image.joliet().orElseThrow() : image.primary();
      return d.volumeSpaceSize();
    }
  }

  @Test
  void mkrescueGrownByAHundredBlocksDescribesItsNewSize() throws IOException {
    Path source = Fixture.MKRESCUE.iso();
    assertThat(Files.size(source)).isEqualTo(866 * 2048L);
    Path image = grown(source, "mkrescue.iso", GROWTH_BLOCKS * 2048);

    SystemAreaResizer.Fit fit = SystemAreaResizer.fit(image, area(source));

    // 966 blocks of data + 12 blocks for the backup GPT (176 entries = 44 sectors + header)
    assertThat(fit)
        .isEqualTo(
            new SystemAreaResizer.Fit(
                866 * 2048L,
                966 * 2048L,
                978 * 2048L,
                List.of(
                    "volume space size 978 blocks in 1 volume descriptors",
                    "MBR partition 1 to sector 3911",
                    "GPT partition 4 to block 3863",
                    "GPT primary header, last usable block 3866",
                    "GPT backup at block 3911",
                    "APM entry 4 to 274 blocks")));
    assertThat(Files.size(image)).isEqualTo(978 * 2048L);
    assertThat(volumeBlocks(image, false)).isEqualTo(978);
    assertThat(report(image))
        .isEqualTo(
            replaced(
                report(source),
                "ISO image size/512 :",
                "ISO image size/512 : 3912",
                "MBR partition : 1",
                "MBR partition : 1 0x00 0xee 1 3911",
                "GPT lba range :",
                "GPT lba range : 64 3866 3911",
                "GPT start and size : 4",
                "GPT start and size : 4 2816 1048",
                "APM start and size : 3",
                "APM start and size : 3 704 274"));
    assertThat(report(image)).noneMatch(l -> l.contains("roblem"));
    assertGptFits(image, 978 * 2048L);
    // the appended session and the source's bytes outside the system area are untouched
    byte[] before = Files.readAllBytes(source);
    byte[] after = Files.readAllBytes(image);
    assertThat(Arrays.copyOfRange(after, 32768, 16 * 2048 + 80))
        .isEqualTo(Arrays.copyOfRange(before, 32768, 16 * 2048 + 80));
    assertThat(Arrays.copyOfRange(after, 16 * 2048 + 88, before.length))
        .isEqualTo(Arrays.copyOfRange(before, 16 * 2048 + 88, before.length));
    assertThat(Arrays.copyOfRange(after, before.length, 966 * 2048)).containsOnly((byte) 0x5A);
    assertThat(Arrays.copyOfRange(after, 966 * 2048, 3867 * 512)).containsOnly((byte) 0);
    assertThat(Arrays.copyOfRange(after, 0, 446)).isEqualTo(Arrays.copyOfRange(before, 0, 446));
  }

  @Test
  void arm64GrownByAHundredBlocksAndAHalfDescribesItsNewSize() throws IOException {
    Path source = Fixture.ARM64.iso();
    assertThat(Files.size(source)).isEqualTo(830 * 2048L);
    Path image = grown(source, "arm64.iso", GROWTH_BLOCKS * 2048 + 1000);

    SystemAreaResizer.Fit fit = SystemAreaResizer.fit(image, area(source));

    // 931 blocks of data (the last one padded) + 16 for the backup GPT (248 entries + header)
    assertThat(fit.imageBytes()).isEqualTo(947 * 2048L);
    assertThat(fit.rewritten())
        .containsExactly(
            "volume space size 947 blocks in 2 volume descriptors",
            "MBR partition 1 to sector 3787",
            "GPT partition 3 to block 3723",
            "GPT primary header, last usable block 3724",
            "GPT backup at block 3787");
    assertThat(report(image))
        .isEqualTo(
            replaced(
                report(source),
                "ISO image size/512 :",
                "ISO image size/512 : 3788",
                "MBR partition : 1",
                "MBR partition : 1 0x00 0xee 1 3787",
                "GPT lba range :",
                "GPT lba range : 64 3724 3787",
                "GPT start and size : 3",
                "GPT start and size : 3 2580 1144"));
    assertGptFits(image, 947 * 2048L);
  }

  static void assertGptFits(Path image, long size) {
    try (ImageChannel ch = ImageChannel.open(image)) {
      Gpt gpt = Gpt.read(ch).orElseThrow();
      assertThat(gpt.problems(size)).isEmpty();
      assertThat(gpt.warnings(size)).isEmpty();
      GptHeader backup = gpt.backup().orElseThrow();
      assertThat(backup.currentLba()).isEqualTo(size / 512 - 1);
      assertThat(backup.backupLba()).isEqualTo(1);
      assertThat(backup.entriesLba())
          .isEqualTo(size / 512 - 1 - gpt.primary().entryCount() * 128 / 512);
      assertThat(gpt.backupEntriesBytes()).isEqualTo(gpt.entriesBytes());
    }
  }

  @Test
  void anImageThatDidNotGrowIsLeftAlone() throws IOException {
    Path source = Fixture.MKRESCUE.iso();
    Path copy = grown(source, "same.iso", 0);
    SystemAreaResizer.Fit fit = SystemAreaResizer.fit(copy, area(source));
    assertThat(fit.rewritten()).isEmpty();
    assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(source));
  }

  @Test
  void aPlainIsoOnlyGetsTheVolumeSizeInEveryDescriptor() throws IOException {
    Path tree = Files.createDirectories(tmp.resolve("tree"));
    Files.writeString(tree.resolve("a.txt"), "a\n");
    Path source = Xorriso.mkisofs(tmp.resolve("plain.iso"), tree, "-R", "-J", "-V", "PLAIN");
    long blocks = Files.size(source) / 2048;
    Path image = grown(source, "plain-grown.iso", 5000);

    SystemAreaResizer.Fit fit = SystemAreaResizer.fit(image, area(source));

    assertThat(fit.rewritten())
        .containsExactly("volume space size " + (blocks + 3) + " blocks in 2 volume descriptors");
    assertThat(Files.size(image)).isEqualTo((blocks + 3) * 2048);
    assertThat(volumeBlocks(image, false)).isEqualTo(blocks + 3);
    assertThat(volumeBlocks(image, true)).isEqualTo(blocks + 3);
    byte[] pvd = Arrays.copyOfRange(Files.readAllBytes(image), 16 * 2048, 17 * 2048);
    assertThat(Bytes.be32(pvd, 84)).isEqualTo(blocks + 3);
  }

  @Test
  void anIsohybridDataPartitionFollowsTheEndWithItsChsAddress() throws IOException {
    Path tree = Files.createDirectories(tmp.resolve("tree"));
    Files.writeString(tree.resolve("a.txt"), "a\n");
    Path source = Xorriso.mkisofs(tmp.resolve("hybrid.iso"), tree, "-R", "-V", "HYBRID");
    long sectors = Files.size(source) / 512;
    // an isohybrid-style table: partition 1 (0x17, active) covers the image from sector 0,
    // partition 2 (0xEF) a fixed range
    byte[] mbr = new byte[512];
    new MbrPartition(0x80, MbrPartition.chs(0), 0x17, MbrPartition.chs(sectors - 1), 0, sectors)
        .write(mbr, 446);
    new MbrPartition(0, MbrPartition.chs(8), 0xEF, MbrPartition.chs(15), 8, 8).write(mbr, 462);
    Bytes.putLe16(mbr, 510, 0xAA55);
    try (var ch = java.nio.channels.FileChannel.open(source, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(mbr), 0);
    }
    Path image = grown(source, "hybrid-grown.iso", 1 << 20);

    SystemAreaResizer.Fit fit = SystemAreaResizer.fit(image, area(source));

    long newSectors = sectors + 2048;
    assertThat(fit.rewritten())
        .containsExactly(
            "volume space size " + newSectors / 4 + " blocks in 1 volume descriptors",
            "MBR partition 1 to sector " + (newSectors - 1));
    assertThat(report(image))
        .filteredOn(l -> l.startsWith("MBR partition :"))
        .containsExactly(
            "MBR partition : 1 0x80 0x17 0 " + newSectors, "MBR partition : 2 0x00 0xef 8 8");
    SystemArea after = area(image);
    MbrPartition p = after.mbr().orElseThrow().partitions().get(0);
    assertThat(p.chsLast()).isEqualTo(MbrPartition.chs(newSectors - 1));
    assertThat(after.mbrPartitionsAtEnd()).containsExactly(0);
  }

  @Test
  void chsAddressesUseXorrisosGeometryAndCapAtCylinder1023() {
    // sector 3463: cylinder 1, head 44, sector 8 (bytes 2c 08 01, as xorriso writes it)
    assertThat(MbrPartition.chs(3463)).isEqualTo(0x01082c);
    assertThat(MbrPartition.chs(0)).isEqualTo(0x000100);
    assertThat(MbrPartition.chs(1L << 40)).isEqualTo(MbrPartition.chs(1024L * 2048 - 1));
    assertThat(MbrPartition.chs(1024L * 2048 - 1)).isEqualTo(0xffe03f);
  }
}
