package io.github.pveiso.iso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.VerificationException;
import io.github.pveiso.iso.bytes.Extent;
import io.github.pveiso.iso.bytes.ImageChannel;
import io.github.pveiso.iso.iso9660.DirectoryRecord;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sizes and counts an image gives are checked against the image and against what is plausible
 * before anything is allocated or read for them (finding 5 of issue 15).
 */
class IsoImageBoundsTest {
  @TempDir Path dir;

  private static long allocated() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  @Test
  void aReadPastTheEndIsRefusedBeforeItsBufferIsAllocated() throws IOException {
    Path file = Files.write(dir.resolve("small.bin"), new byte[4096]);
    try (ImageChannel channel = ImageChannel.open(file)) {
      long before = allocated();
      assertThatThrownBy(() -> channel.read(2048, Integer.MAX_VALUE - 8))
          .isInstanceOf(VerificationException.class)
          .hasMessage(
              file
                  + " is truncated: bytes 2048..2147485687 lie beyond its end at 4096; obtain the"
                  + " complete image again");
      assertThat(allocated() - before).isLessThan(1 << 20);
    }
  }

  @Test
  void aTreeDeeperThan256LevelsIsRefused() throws IOException {
    Path src = dir.resolve("deep");
    Path leaf = src;
    for (int i = 0; i < 300; i++) {
      leaf = leaf.resolve("d");
    }
    Files.createDirectories(leaf);
    Path iso = Xorriso.mkisofs(dir.resolve("deep.iso"), src, "-R");
    assertThatThrownBy(() -> IsoImage.open(iso))
        .isInstanceOf(VerificationException.class)
        .hasMessage(iso + ": directory " + "/d".repeat(257) + " nests deeper than 256 levels");
  }

  @Test
  void overlappingDirectoriesThatHoldMoreThanTheImageAreRefused() throws IOException {
    Path src = Files.createDirectories(dir.resolve("overlap/big"));
    for (int i = 0; i < 4000; i++) {
      Files.createFile(src.resolve(String.format("file-with-a-long-name-%04d", i)));
    }
    for (int i = 0; i < 20; i++) {
      Files.createDirectories(dir.resolve("overlap/d" + i));
    }
    Path iso = Xorriso.mkisofs(dir.resolve("overlap.iso"), dir.resolve("overlap"), "-R");
    long big;
    long bigLength;
    long size = Files.size(iso);
    try (IsoImage image = IsoImage.open(iso)) {
      Extent x = image.find("/big").orElseThrow().extents().get(0);
      big = x.offset() / Extent.BLOCK;
      bigLength = x.length();
    }
    assertThat(20 * bigLength / 2).isGreaterThan(size);
    CraftedIso crafted = CraftedIso.copy(iso, dir.resolve("crafted.iso"));
    long[] offsets = new long[20];
    DirectoryRecord[] records = new DirectoryRecord[20];
    for (int i = 0; i < 20; i++) {
      offsets[i] = crafted.recordOffset("/d" + i);
      records[i] = crafted.record("/d" + i);
    }
    // each /dN starts N+1 blocks into /big: records never cross a block, so each reads cleanly
    for (int i = 0; i < 20; i++) {
      long length = bigLength - (1 + i) * Extent.BLOCK;
      crafted.write(offsets[i], CraftedIso.withExtent(records[i], big + 1 + i, length).record());
    }
    assertThatThrownBy(() -> IsoImage.open(crafted.path()))
        .isInstanceOf(VerificationException.class)
        .hasMessageStartingWith(crafted.path() + ": directory /d")
        .hasMessageEndingWith(
            ": the directories and continuation areas read up to here hold more bytes than the"
                + " image's "
                + size
                + "; they overlap");
  }
}
