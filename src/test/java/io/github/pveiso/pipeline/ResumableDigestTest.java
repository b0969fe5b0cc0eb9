package io.github.pveiso.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.Sha256Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumableDigestTest {

  @TempDir Path tmp;

  Path file(String name, byte[] bytes) throws IOException {
    return Files.write(tmp.resolve(name), bytes);
  }

  @Test
  void aFileThatSharesAPrefixIsHashedFromTheLastStateInsideIt() throws IOException {
    byte[] bytes = new byte[50_000];
    new Random(7).nextBytes(bytes);
    Path a = file("a.iso", bytes);
    bytes[30_000] ^= 1;
    byte[] longer = java.util.Arrays.copyOf(bytes, 61_234);
    Path b = file("b.iso", longer);
    ResumableDigest digest = ResumableDigest.of(a, 4096);
    assertThat(digest.sha256()).isEqualTo(Sha256Digest.ofFile(a).toString());
    String expected = Sha256Digest.ofFile(b).toString();
    assertThat(digest.resume(b, 30_000)).isEqualTo(expected);
    assertThat(digest.resumesAt(30_000)).isEqualTo(28_672);
    assertThat(digest.resume(b, 0)).isEqualTo(expected);
    assertThat(digest.resumesAt(0)).isZero();
    assertThat(digest.resume(b, 4096)).isEqualTo(expected);
    assertThat(digest.resumesAt(4096)).isEqualTo(4096);
  }

  @Test
  void aPrefixAsLongAsTheFileResumesFromItsLastState() throws IOException {
    byte[] bytes = new byte[3 * 4096];
    new Random(8).nextBytes(bytes);
    Path a = file("a.iso", bytes);
    Path b = file("b.iso", java.util.Arrays.copyOf(bytes, bytes.length + 10));
    ResumableDigest digest = ResumableDigest.of(a, 4096);
    assertThat(digest.resumesAt(bytes.length)).isEqualTo(3 * 4096);
    assertThat(digest.resume(b, bytes.length)).isEqualTo(Sha256Digest.ofFile(b).toString());
  }

  @Test
  void statesAreKeptAbout32TimesAtLeastAMebibyteApart() throws IOException {
    byte[] bytes = new byte[(3 << 20) + 5];
    Path a = file("a.iso", bytes);
    ResumableDigest digest = ResumableDigest.of(a);
    assertThat(digest.resumesAt(bytes.length)).isEqualTo(3L << 20);
    assertThat(digest.resumesAt((2L << 20) - 1)).isEqualTo(1L << 20);
    assertThat(digest.sha256()).isEqualTo(Sha256Digest.ofFile(a).toString());
  }

  @Test
  void aStateKeptWhereThePrefixEndsResumesExactlyThere() throws IOException {
    byte[] bytes = new byte[50_000];
    new Random(9).nextBytes(bytes);
    Path a = file("a.iso", bytes);
    bytes[30_720] ^= 1;
    Path b = file("b.iso", bytes);
    ResumableDigest digest = ResumableDigest.of(a, 4096, 30_720);
    assertThat(digest.sha256()).isEqualTo(Sha256Digest.ofFile(a).toString());
    assertThat(digest.resumesAt(30_720)).isEqualTo(30_720);
    assertThat(digest.resumesAt(30_719)).isEqualTo(28_672);
    assertThat(digest.resumesAt(40_000)).isEqualTo(36_864);
    assertThat(digest.resume(b, 30_720)).isEqualTo(Sha256Digest.ofFile(b).toString());
  }
}
