package io.github.pveiso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkedIoTest {

  @TempDir Path dir;

  /** More than two pieces and a part of one, so every piece boundary is crossed. */
  private static byte[] bytes() {
    byte[] bytes = new byte[ChunkedIo.CHUNK * 2 + 12_345];
    new Random(7).nextBytes(bytes);
    return bytes;
  }

  @Test
  void writesAndReadsAnArrayLargerThanOnePieceWhole() throws IOException {
    byte[] bytes = bytes();
    Path viaStream = dir.resolve("stream");
    try (OutputStream out = ChunkedIo.newOutputStream(viaStream)) {
      out.write(bytes, 0, bytes.length);
    }
    Path viaChannel = dir.resolve("channel");
    try (FileChannel channel =
        FileChannel.open(viaChannel, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ChunkedIo.writeFully(channel, bytes, 5, bytes.length - 5);
    }

    assertThat(Files.readAllBytes(viaStream)).isEqualTo(bytes);
    assertThat(ChunkedIo.readAllBytes(viaStream)).isEqualTo(bytes);
    assertThat(ChunkedIo.readAllBytes(viaChannel))
        .isEqualTo(java.util.Arrays.copyOfRange(bytes, 5, bytes.length));
  }

  @Test
  void readFullyFillsFromAnOffsetAndSaysWhenTheFileEndsFirst() throws IOException {
    byte[] bytes = bytes();
    Path file = Files.write(dir.resolve("f"), bytes);
    byte[] into = new byte[bytes.length + 3];
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      assertThat(ChunkedIo.readFully(channel, into, 3, bytes.length)).isTrue();
    }
    assertThat(java.util.Arrays.copyOfRange(into, 3, into.length)).isEqualTo(bytes);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      assertThat(ChunkedIo.readFully(channel, new byte[bytes.length + 1], 0, bytes.length + 1))
          .isFalse();
    }
  }

  @Test
  void readAllBytesOfAMissingFileIsNoSuchFile() {
    assertThatThrownBy(() -> ChunkedIo.readAllBytes(dir.resolve("missing")))
        .isInstanceOf(NoSuchFileException.class);
  }
}
