package io.github.pveiso.iso.bytes;

import io.github.pveiso.VerificationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Random-access, read-only reads from an image file; reads past its end say it is truncated. */
public final class ImageChannel implements AutoCloseable {
  private final Path path;
  private final FileChannel channel;
  private final long size;

  private ImageChannel(Path path, FileChannel channel, long size) {
    this.path = path;
    this.channel = channel;
    this.size = size;
  }

  /** Opens {@code path} for reading. */
  public static ImageChannel open(Path path) {
    try {
      FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
      return new ImageChannel(path, channel, channel.size());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  /** The file's path, for messages. */
  public Path path() {
    return path;
  }

  /** The file's size in bytes. */
  public long size() {
    return size;
  }

  /**
   * Reads {@code length} bytes at {@code offset}.
   *
   * @throws VerificationException when the range lies beyond the end of the file
   */
  public byte[] read(long offset, int length) {
    checkRange(offset, length);
    byte[] out = new byte[length];
    read(offset, out, 0, length);
    return out;
  }

  /** Reads into {@code dst}; see {@link #read(long, int)}. */
  public void read(long offset, byte[] dst, int dstOffset, int length) {
    checkRange(offset, length);
    ByteBuffer buffer = ByteBuffer.wrap(dst, dstOffset, length);
    try {
      while (buffer.hasRemaining()) {
        int n = channel.read(buffer, offset + buffer.position() - dstOffset);
        if (n < 0) {
          throw new VerificationException(path + " ended early at byte " + offset);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  /** Refuses a range outside the file before anything is allocated for it. */
  private void checkRange(long offset, int length) {
    if (length < 0) {
      throw new IllegalArgumentException("negative length " + length + " to read from " + path);
    }
    if (offset < 0 || offset + length > size) {
      throw new VerificationException(
          path
              + " is truncated: bytes "
              + offset
              + ".."
              + (offset + length)
              + " lie beyond its end at "
              + size
              + "; obtain the complete image again");
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + path + ": " + e.getMessage(), e);
    }
  }
}
