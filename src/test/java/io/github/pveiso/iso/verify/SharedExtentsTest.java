package io.github.pveiso.iso.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.CraftedIso;
import io.github.pveiso.iso.Xorriso;
import io.github.pveiso.iso.bytes.Extent;
import io.github.pveiso.iso.verify.VerificationReport.Check;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records that share extents: whole extents pass, a changed file's partial overlap fails. */
class SharedExtentsTest {
  @TempDir static Path dir;
  static Path source;
  static Path output;
  static String digestA;

  private final IsoVerifier verifier = new IsoVerifier(EventListener.NONE);

  @BeforeAll
  static void makeIsos() throws IOException {
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.writeString(src.resolve("base.txt"), "base\n");
    source = Xorriso.mkisofs(dir.resolve("source.iso"), src, "-R", "-V", "PVE");
    byte[] a = new byte[3 * Extent.BLOCK];
    for (int i = 0; i < a.length; i++) {
      a[i] = (byte) (i % 253);
    }
    Files.write(src.resolve("a.bin"), a);
    Files.write(src.resolve("b.bin"), new byte[] {1, 2, 3});
    digestA = Sha256Digest.of(a).toString();
    output = Xorriso.mkisofs(dir.resolve("output.iso"), src, "-R", "-V", "PVE");
  }

  private Check sharedExtents(Path out) {
    return verifier
        .compare(
            source,
            out,
            Map.of(
                "/a.bin", new ExpectedContent.Digest(digestA),
                "/b.bin", new ExpectedContent.Digest(digestA)))
        .checks()
        .stream()
        .filter(c -> c.name().equals("shared extents"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aRecordPointingAtAnotherFilesWholeExtentPasses() {
    long a = CraftedIso.blockOf(output, "/a.bin");
    Path shared =
        CraftedIso.copy(output, dir.resolve("shared.iso"))
            .changeRecord("/b.bin", r -> CraftedIso.withExtent(r, a, 3 * Extent.BLOCK))
            .path();
    assertThat(sharedExtents(shared))
        .isEqualTo(
            Check.pass(
                "shared extents",
                "1 changed files share the extents of another file: 6144 bytes stored once"));
  }

  @Test
  void aChangedFileOverlappingPartOfAnotherFails() {
    long a = CraftedIso.blockOf(output, "/a.bin");
    Path overlapping =
        CraftedIso.copy(output, dir.resolve("overlap.iso"))
            .changeRecord("/b.bin", r -> CraftedIso.withExtent(r, a + 1, Extent.BLOCK))
            .path();
    long start = a * Extent.BLOCK;
    assertThat(sharedExtents(overlapping))
        .isEqualTo(
            Check.fail(
                "shared extents",
                "/b.bin (bytes "
                    + (start + Extent.BLOCK)
                    + ".."
                    + (start + 2 * Extent.BLOCK)
                    + ") overlaps /a.bin (bytes "
                    + start
                    + ".."
                    + (start + 3 * Extent.BLOCK)
                    + ") without sharing its extent"));
  }
}
