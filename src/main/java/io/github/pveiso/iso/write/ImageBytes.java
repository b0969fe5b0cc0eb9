package io.github.pveiso.iso.write;

import io.github.pveiso.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The bytes of an image that a Java writer edits in place, with a file's semantics: a write past
 * the end extends the image with zeros before it, a read past the end reads nothing. An open file
 * ({@link #of}) or an {@link ImageDraft}, which keeps the edits until it writes them in order.
 */
interface ImageBytes {

  /** The image's length in bytes. */
  long size() throws IOException;

  /**
   * Reads from byte {@code at} into {@code buffer}.
   *
   * @return the bytes read, or -1 when {@code at} is at or past the end
   */
  int read(ByteBuffer buffer, long at) throws IOException;

  /** Writes {@code buffer}'s remaining bytes at byte {@code at}; returns how many. */
  int write(ByteBuffer buffer, long at) throws IOException;

  /**
   * Writes the whole of {@code file}, which is {@code size} bytes long, at byte {@code at}.
   *
   * @throws InvalidInputException when the file's length is no longer {@code size}
   */
  void copy(Path file, long size, long at) throws IOException;

  /** Cuts the image to {@code size} bytes; nothing when it is not longer. */
  void truncate(long size) throws IOException;

  /** The image {@code channel} holds, edited in place. */
  static ImageBytes of(FileChannel channel) {
    return new ImageBytes() {
      @Override
      public long size() throws IOException {
        return channel.size();
      }

      @Override
      public int read(ByteBuffer buffer, long at) throws IOException {
        return channel.read(buffer, at);
      }

      @Override
      public int write(ByteBuffer buffer, long at) throws IOException {
        return channel.write(buffer, at);
      }

      @Override
      public void copy(Path file, long size, long at) throws IOException {
        try (FileChannel in = open(file)) {
          requireSize(in, file, size);
          transfer(in, file, 0, size, channel, at);
        }
      }

      @Override
      public void truncate(long size) throws IOException {
        channel.truncate(size);
      }
    };
  }

  /**
   * Refuses {@code file} when its length is no longer {@code size}, the one a plan was made for.
   */
  static void requireSize(FileChannel in, Path file, long size) throws IOException {
    if (in.size() != size) {
      throw new InvalidInputException(
          "local file " + file + " changed size while the ISO was written; retry");
    }
  }

  /**
   * Copies {@code length} bytes of {@code in} (the file {@code file}) from byte {@code from} to
   * byte {@code at} of {@code out}, in the kernel where it can ({@code copy_file_range}).
   */
  static void transfer(FileChannel in, Path file, long from, long length, FileChannel out, long at)
      throws IOException {
    long done = 0;
    while (done < length) {
      long n = out.transferFrom(in.position(from + done), at + done, length - done);
      if (n <= 0) {
        throw new IOException(file + " ended early at byte " + (from + done));
      }
      done += n;
    }
  }

  /** Opens {@code file} for reading. */
  static FileChannel open(Path file) throws IOException {
    return FileChannel.open(file, StandardOpenOption.READ);
  }

  /**
   * Opens {@code target} for writing from its start, created or emptied. Not with {@code
   * TRUNCATE_EXISTING}: on ext4, truncating a file, even an empty one (as the output's claim makes
   * it), makes its close flush it, and the close then waits while its gigabyte goes to the disk
   * (0.2 to 1.2 s), which a new file's close (cp's) does not; {@code truncate(0)} leaves an empty
   * file alone.
   */
  static FileChannel create(Path target) throws IOException {
    FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
    try {
      out.truncate(0);
    } catch (IOException | RuntimeException e) {
      out.close();
      throw e;
    }
    return out;
  }
}
