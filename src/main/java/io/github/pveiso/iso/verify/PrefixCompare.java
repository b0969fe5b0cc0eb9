package io.github.pveiso.iso.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How many leading bytes two files share, read side by side in 1 MiB chunks into direct buffers and
 * compared with {@link ByteBuffer#mismatch} (several times faster here than hashing the same bytes,
 * and than comparing memory-mapped windows, which fault page by page).
 */
final class PrefixCompare {
  private static final int CHUNK = 1 << 20;

  private PrefixCompare() {}

  /** The offset of the first byte where {@code a} and {@code b} differ, or the shorter's size. */
  static long samePrefix(Path a, Path b) {
    try (FileChannel ca = FileChannel.open(a, StandardOpenOption.READ);
        FileChannel cb = FileChannel.open(b, StandardOpenOption.READ)) {
      long size = Math.min(ca.size(), cb.size());
      ByteBuffer ba = ByteBuffer.allocateDirect(CHUNK);
      ByteBuffer bb = ByteBuffer.allocateDirect(CHUNK);
      for (long done = 0; done < size; ) {
        int n = (int) Math.min(CHUNK, size - done);
        fill(ca, ba, done, n, a);
        fill(cb, bb, done, n, b);
        int mismatch = ba.mismatch(bb);
        if (mismatch >= 0) {
          return done + mismatch;
        }
        done += n;
      }
      return size;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot compare " + a + " with " + b + ": " + e.getMessage(), e);
    }
  }

  private static void fill(FileChannel channel, ByteBuffer buffer, long at, int n, Path file)
      throws IOException {
    buffer.clear().limit(n);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, at + buffer.position()) < 0) {
        throw new IOException(file + " ended at byte " + (at + buffer.position()));
      }
    }
    buffer.flip();
  }
}
