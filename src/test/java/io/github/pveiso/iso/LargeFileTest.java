package io.github.pveiso.iso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file over 4 GiB, which ISO 9660 stores as two extents. The source is sparse; the ISO xorriso
 * writes is 4.4 GiB on disk for the test's duration (about a minute).
 */
@Tag("slow")
class LargeFileTest {
  static final long SIZE = 4L * 1024 * 1024 * 1024 + 300_000_005L;

  @TempDir Path dir;

  @Test
  void readsAFileOverFourGibAsTwoExtents() throws IOException {
    assumeTrue(
        Files.getFileStore(dir).getUsableSpace() > 12L << 30,
        "needs 12 GiB free for a 4.4 GiB ISO");
    Path src = Files.createDirectories(dir.resolve("src"));
    Path huge = src.resolve("huge.bin");
    try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(SIZE - 5);
      f.seek(SIZE - 5);
      f.write("tail\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    Path iso = Xorriso.mkisofs(dir.resolve("huge.iso"), src, "-iso-level", "3", "-R");
    Files.delete(huge);
    try (IsoImage image = IsoImage.open(iso)) {
      IsoEntry entry = image.find("/huge.bin").orElseThrow();
      assertThat(entry.size()).isEqualTo(SIZE);
      assertThat(entry.extents()).hasSize(2);
      assertThat(entry.extents().get(0).length()).isEqualTo(0xFFFFF800L);
      try (var in = image.open(entry)) {
        assertThat(in.skip(SIZE - 5)).isEqualTo(SIZE - 5);
        assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII))
            .isEqualTo("tail\n");
      }
    }
    assertThat(Xorriso.lsdl(iso)).extracting(Xorriso.Listed::size).containsExactly(0L, SIZE);
  }
}
