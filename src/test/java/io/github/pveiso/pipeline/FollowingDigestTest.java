package io.github.pveiso.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.Sha256Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FollowingDigestTest {

  @TempDir Path tmp;

  /** The threads hashing a file named {@code name} that are still alive. */
  static List<Thread> hashing(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("hash " + name) && t.isAlive())
        .toList();
  }

  @Test
  void hashesTheFileAsTheWriterMakesItFinal() throws IOException {
    Path file = tmp.resolve("out.iso");
    byte[] block = new byte[300_000];
    Random random = new Random(1);
    try (FollowingDigest digest = FollowingDigest.of(file);
        OutputStream out = Files.newOutputStream(file)) {
      long written = 0;
      for (int i = 0; i < 20; i++) {
        random.nextBytes(block);
        out.write(block);
        out.flush();
        written += block.length;
        digest.finalThrough(written);
      }
      out.close();
      digest.written(written);
      assertThat(digest.sha256()).isEqualTo(Sha256Digest.ofFile(file).hex());
    }
    assertThat(hashing("out.iso")).isEmpty();
  }

  @Test
  void aWriterThatTellsNothingGetsItsFileHashedAfterIt() throws IOException {
    Path file = tmp.resolve("out.iso");
    try (FollowingDigest digest = FollowingDigest.of(file)) {
      Files.writeString(file, "abc");
      digest.written(3);
      assertThat(digest.sha256())
          .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
    try (FollowingDigest digest = FollowingDigest.of(tmp.resolve("empty.iso"))) {
      Files.writeString(tmp.resolve("empty.iso"), "");
      digest.written(0);
      assertThat(digest.sha256())
          .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
  }

  @Test
  void aFileOfAnotherLengthThanWrittenIsAnIoError() throws IOException {
    Path file = Files.writeString(tmp.resolve("short.iso"), "abc");
    try (FollowingDigest digest = FollowingDigest.of(file)) {
      digest.written(4);
      assertThatThrownBy(digest::sha256)
          .isInstanceOf(UncheckedIOException.class)
          .hasMessage("cannot hash " + file + ": " + file + " ended at byte 3, before byte 4");
    }
    Path longer = Files.writeString(tmp.resolve("long.iso"), "abcd");
    try (FollowingDigest digest = FollowingDigest.of(longer)) {
      digest.written(3);
      assertThatThrownBy(digest::sha256)
          .isInstanceOf(UncheckedIOException.class)
          .hasMessage(
              "cannot hash " + longer + ": " + longer + " is 4 bytes long, not the 3 written");
    }
  }

  @Test
  void closingBeforeTheWriteEndsStopsTheHashing() throws IOException {
    Path file = Files.writeString(tmp.resolve("half.iso"), "abc");
    FollowingDigest digest = FollowingDigest.of(file);
    digest.finalThrough(2);
    assertThat(hashing("half.iso")).hasSize(1);
    digest.close();
    assertThat(hashing("half.iso")).isEmpty();
  }
}
