package io.github.pveiso.iso.write;

import static io.github.pveiso.iso.write.XorrisoIsoWriterTest.layoutOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.bytes.Extent;
import io.github.pveiso.iso.verify.ExpectedContent;
import io.github.pveiso.iso.verify.IsoVerifier;
import io.github.pveiso.iso.verify.VerificationReport;
import io.github.pveiso.iso.verify.VerificationReport.Check;
import io.github.pveiso.proc.SystemProcessRunner;
import io.github.pveiso.testing.Fixtures.Fixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two trees whose files are hard links of each other (as {@code /installer-firmware} is of {@code
 * /firmware}): every writer stores the bytes once and gives both directory records the same extent,
 * and the verifier accepts it.
 */
class SharedExtentsWriteTest {

  static final Instant TIME = Instant.parse("2025-06-01T12:00:00Z");

  /** 100,000 bytes: 49 blocks. */
  static final int BLOB = 100_000;

  @TempDir Path tmp;

  private final GrowingIsoWriter java = new GrowingIsoWriter(EventListener.NONE);
  private final XorrisoIsoWriter xorriso =
      new XorrisoIsoWriter(new SystemProcessRunner(), EventListener.NONE);

  /** {@code /firmware} alone, and {@code /firmware} with {@code /installer-firmware} linked in. */
  private record Trees(List<IsoChange> firmwareOnly, List<IsoChange> both) {}

  private Trees trees() throws IOException {
    Path firmware = Files.createDirectories(tmp.resolve("firmware"));
    Files.createDirectories(firmware.resolve("rtl_nic"));
    byte[] blob = new byte[BLOB];
    for (int i = 0; i < blob.length; i++) {
      blob[i] = (byte) (i * 31 % 251);
    }
    Files.write(firmware.resolve("rtl_nic/rtl8125b-2.fw"), blob);
    Files.writeString(firmware.resolve("kept.bin"), "only in /firmware\n");
    Files.createSymbolicLink(firmware.resolve("alias.fw"), Path.of("rtl_nic/rtl8125b-2.fw"));
    Path installer = Files.createDirectories(tmp.resolve("installer-firmware"));
    Files.createDirectories(installer.resolve("rtl_nic"));
    Files.createLink(
        installer.resolve("rtl_nic/rtl8125b-2.fw"), firmware.resolve("rtl_nic/rtl8125b-2.fw"));
    Files.createSymbolicLink(installer.resolve("alias.fw"), Path.of("rtl_nic/rtl8125b-2.fw"));
    IsoChange first = new IsoChange.AddTree("/firmware", firmware, 0644, 0755, TIME);
    IsoChange second = new IsoChange.AddTree("/installer-firmware", installer, 0644, 0755, TIME);
    return new Trees(List.of(first), List.of(first, second));
  }

  private static Map<String, ExpectedContent> expected(Path firmware) {
    String blob = Sha256Digest.ofFile(firmware.resolve("rtl_nic/rtl8125b-2.fw")).toString();
    Map<String, ExpectedContent> expected = new TreeMap<>();
    expected.put("/firmware/rtl_nic/rtl8125b-2.fw", new ExpectedContent.Digest(blob));
    expected.put(
        "/firmware/kept.bin",
        new ExpectedContent.Digest(Sha256Digest.ofFile(firmware.resolve("kept.bin")).toString()));
    expected.put("/firmware/alias.fw", new ExpectedContent.Link("rtl_nic/rtl8125b-2.fw"));
    expected.put("/installer-firmware/rtl_nic/rtl8125b-2.fw", new ExpectedContent.Digest(blob));
    expected.put("/installer-firmware/alias.fw", new ExpectedContent.Link("rtl_nic/rtl8125b-2.fw"));
    return expected;
  }

  private static List<Extent> extents(Path iso, String path) {
    try (IsoImage image = IsoImage.open(iso)) {
      return image.find(path).orElseThrow().extents();
    }
  }

  private static long size(Path file) throws IOException {
    return Files.size(file);
  }

  /** Writes both, checks the sharing and the verifier; returns the growth in blocks. */
  private long sharedGrowth(IsoWriter writer, Fixture fixture) throws IOException {
    Trees trees = trees();
    Path source = fixture.iso();
    Path alone =
        writer.write(source, layoutOf(source), trees.firmwareOnly(), tmp.resolve("a.iso")).output();
    Path both = writer.write(source, layoutOf(source), trees.both(), tmp.resolve("b.iso")).output();

    List<Extent> firmware = extents(both, "/firmware/rtl_nic/rtl8125b-2.fw");
    assertThat(firmware).hasSize(1);
    assertThat(firmware.get(0).length()).isEqualTo(BLOB);
    assertThat(extents(both, "/installer-firmware/rtl_nic/rtl8125b-2.fw")).isEqualTo(firmware);

    VerificationReport report =
        new IsoVerifier(EventListener.NONE).verify(source, both, expected(tmp.resolve("firmware")));
    assertThat(report.checks())
        .contains(
            Check.pass(
                "shared extents",
                "1 changed files share the extents of another file: 100000 bytes stored once"));
    long grown = size(both) - size(alone);
    assertThat(grown % Extent.BLOCK).isZero();
    // the blob's 49 blocks are not written a second time: only folders and path tables grow
    assertThat(grown / Extent.BLOCK).isLessThan(BLOB / Extent.BLOCK);
    return grown / Extent.BLOCK;
  }

  @ParameterizedTest
  @EnumSource(
      value = Fixture.class,
      names = {"MKRESCUE", "ARM64"})
  void theJavaWriterStoresAHardLinkedFileOnce(Fixture fixture) throws IOException {
    // /installer-firmware and /installer-firmware/rtl_nic: a block each in the primary tree and,
    // where the fixture has one (ARM64), in the Joliet tree
    assertThat(sharedGrowth(java, fixture)).isEqualTo(fixture == Fixture.ARM64 ? 4 : 2);
  }

  @ParameterizedTest
  @EnumSource(
      value = Fixture.class,
      names = {"MKRESCUE", "APPENDED"})
  void xorrisoStoresAHardLinkedFileOnceWhenGrowingAndReplaying(Fixture fixture) throws IOException {
    // the folders' blocks, where xorriso's rounding of the session does not absorb them
    assertThat(sharedGrowth(xorriso, fixture)).isEqualTo(fixture == Fixture.APPENDED ? 4 : 0);
  }

  @Test
  void copiesThatAreNotLinkedAreStoredTwice() throws IOException {
    Trees trees = trees();
    Path copy = tmp.resolve("installer-firmware/rtl_nic/rtl8125b-2.fw");
    Files.delete(copy);
    Files.copy(tmp.resolve("firmware/rtl_nic/rtl8125b-2.fw"), copy);
    Path source = Fixture.MKRESCUE.iso();
    Path both = java.write(source, layoutOf(source), trees.both(), tmp.resolve("c.iso")).output();
    assertThat(extents(both, "/installer-firmware/rtl_nic/rtl8125b-2.fw"))
        .isNotEqualTo(extents(both, "/firmware/rtl_nic/rtl8125b-2.fw"));
    VerificationReport report =
        new IsoVerifier(EventListener.NONE).verify(source, both, expected(tmp.resolve("firmware")));
    assertThat(report.checks())
        .contains(Check.pass("shared extents", "no changed file shares its bytes with another"));
  }
}
