package io.github.pveiso.iso.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.BootLayout;
import io.github.pveiso.iso.IsoEntry;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.write.GrowingIsoWriter;
import io.github.pveiso.iso.write.IsoChange;
import io.github.pveiso.testing.Fixtures;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link IsoVerifier#verifyBeside}: two images grown from one base by a file each are compared up
 * to their first difference, which is where the second's own file starts; a damaged byte anywhere
 * is still found, before it (the prefix ends there, and the file is read) or after it.
 */
class VerifyBesideTest {

  static final Instant MTIME = Instant.ofEpochSecond(1_700_000_000L);

  @TempDir static Path dir;
  static Path source;
  static Path base;
  static BootLayout baseLayout;
  static Path shared;

  final IsoVerifier verifier = new IsoVerifier(EventListener.NONE);

  @BeforeAll
  static void base() throws IOException {
    source = Fixtures.Fixture.MKRESCUE.iso();
    byte[] bytes = new byte[200_000];
    new Random(5).nextBytes(bytes);
    shared = Files.write(dir.resolve("shared.bin"), bytes);
    BootLayout layout;
    try (IsoImage image = IsoImage.open(source)) {
      layout = image.bootLayout();
    }
    base = dir.resolve("base.iso");
    new GrowingIsoWriter(EventListener.NONE)
        .write(
            source,
            layout,
            List.of(new IsoChange.AddFile("/shared.bin", shared, 0644, MTIME)),
            base);
    try (IsoImage image = IsoImage.open(base)) {
      baseLayout = image.bootLayout();
    }
  }

  /** The base grown by {@code /node.txt} holding {@code text}. */
  static Path node(String name, String text) throws IOException {
    Path local = Files.writeString(dir.resolve(name + ".txt"), text);
    Path iso = dir.resolve(name + ".iso");
    new GrowingIsoWriter(EventListener.NONE)
        .write(
            base, baseLayout, List.of(new IsoChange.AddFile("/node.txt", local, 0644, MTIME)), iso);
    return iso;
  }

  static Map<String, ExpectedContent> expected(String text) throws IOException {
    return Map.of(
        "/shared.bin",
        new ExpectedContent.Digest(Sha256Digest.ofFile(shared).toString()),
        "/node.txt",
        new ExpectedContent.Digest(
            Sha256Digest.of(text.getBytes(StandardCharsets.UTF_8)).toString()));
  }

  static long offset(Path iso, String path) {
    try (IsoImage image = IsoImage.open(iso)) {
      return image.find(path).orElseThrow().extents().get(0).offset();
    }
  }

  static void flip(Path iso, long at) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(iso.toFile(), "rw")) {
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x01);
    }
  }

  IsoVerifier.Beside beside(Path out, String text, Path sibling, String siblingText)
      throws IOException {
    try (IsoImage src = IsoImage.open(source)) {
      return verifier.verifyBeside(
          src, out, expected(text), new IsoVerifier.Sibling(sibling, expected(siblingText)));
    }
  }

  @Test
  void theSecondIsTheFirstUpToItsOwnFile() throws IOException {
    Path one = node("one", "node one\n");
    Path two = node("two", "node two\n");
    verifier.verify(source, one, expected("node one\n"));
    IsoVerifier.Beside result = beside(two, "node two\n", one, "node one\n");
    assertThat(result.samePrefix()).isEqualTo(offset(two, "/node.txt") + "node ".length());
    assertThat(result.report().passed()).isTrue();
    assertThat(result.report().checks())
        .filteredOn(c -> c.name().equals("changed files"))
        .extracting(VerificationReport.Check::detail)
        .containsExactly("2 added or replaced files with the expected SHA-256");
  }

  @Test
  void aDamagedSharedFileIsFound() throws IOException {
    Path one = node("one-a", "node one\n");
    Path two = node("two-a", "node two\n");
    flip(two, offset(two, "/shared.bin") + 100);
    assertThatThrownBy(() -> beside(two, "node two\n", one, "node one\n"))
        .isInstanceOf(VerificationException.class)
        .hasMessageStartingWith(
            two + " failed verification: changed files: /shared.bin has SHA-256 ");
  }

  @Test
  void aDamagedSourceFileIsFound() throws IOException {
    Path one = node("one-b", "node one\n");
    Path two = node("two-b", "node two\n");
    String path;
    try (IsoImage image = IsoImage.open(two)) {
      path =
          image.entries().stream()
              .filter(e -> e.isFile() && e.path().equals("/boot/linux26"))
              .map(IsoEntry::path)
              .findFirst()
              .orElseThrow();
    }
    flip(two, offset(two, path) + 3);
    assertThatThrownBy(() -> beside(two, "node two\n", one, "node one\n"))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            two
                + " failed verification: source files: /boot/linux26 differs from the source at byte 3");
  }

  @Test
  void aDamagedOwnFileIsFound() throws IOException {
    Path one = node("one-c", "node one\n");
    Path two = node("two-c", "node two\n");
    flip(two, offset(two, "/node.txt"));
    assertThatThrownBy(() -> beside(two, "node two\n", one, "node one\n"))
        .isInstanceOf(VerificationException.class)
        .hasMessageStartingWith(
            two + " failed verification: changed files: /node.txt has SHA-256 ");
  }

  @Test
  void anImageOfAnotherSizeSharesNoPrefixAndIsReadWhole() throws IOException {
    Path one = node("one-d", "node one\n");
    String long_ = "node two\n".repeat(1000);
    Path two = node("two-d", long_);
    IsoVerifier.Beside result = beside(two, long_, one, "node one\n");
    assertThat(result.samePrefix()).isLessThan(32 * 1024);
    assertThat(result.report().passed()).isTrue();
  }
}
