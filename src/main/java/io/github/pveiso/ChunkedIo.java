package io.github.pveiso;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * File reads and writes of a Java array in pieces of at most {@value #CHUNK} bytes.
 *
 * <p>Why: the JDK moves an array's bytes to or from a file through a temporary native buffer as
 * large as the one call, and keeps that buffer for the thread's next call (any size, by default),
 * outside the Java heap's bound. One read of a 13 MB {@code Packages.gz} or a 24 MB parsed index in
 * a single call left that much native memory held until the process ended (issue 14: a build's peak
 * memory). In pieces, the buffer kept is one piece.
 */
public final class ChunkedIo {

  /** The most bytes one call moves. */
  public static final int CHUNK = 1 << 18;

  private ChunkedIo() {}

  /**
   * Reads {@code length} bytes into {@code into} from {@code offset}; false when the channel ends
   * first (e.g. the file shrank while being read).
   */
  public static boolean readFully(FileChannel channel, byte[] into, int offset, int length)
      throws IOException {
    int end = offset + length;
    for (int at = offset; at < end; ) {
      int n = channel.read(ByteBuffer.wrap(into, at, Math.min(CHUNK, end - at)));
      if (n < 0) {
        return false;
      }
      at += n;
    }
    return true;
  }

  /** Writes {@code bytes[offset, offset + length)} to {@code channel} at its position. */
  public static void writeFully(FileChannel channel, byte[] bytes, int offset, int length)
      throws IOException {
    int end = offset + length;
    for (int at = offset; at < end; ) {
      at += channel.write(ByteBuffer.wrap(bytes, at, Math.min(CHUNK, end - at)));
    }
  }

  /**
   * The whole content of {@code file} (as {@link Files#readAllBytes}, in pieces).
   *
   * @throws IOException when it cannot be read, changes size while it is read, or is over 2 GiB
   */
  public static byte[] readAllBytes(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE - 8) {
        throw new IOException(file + " is too large to read into memory (" + size + " bytes)");
      }
      byte[] bytes = new byte[(int) size];
      if (!readFully(channel, bytes, 0, bytes.length)
          || channel.read(ByteBuffer.allocate(1)) >= 0) {
        throw new IOException(file + " changed size while it was read");
      }
      return bytes;
    }
  }

  /** As {@link Files#newOutputStream}, passing large writes on in pieces. */
  public static OutputStream newOutputStream(Path file, OpenOption... options) throws IOException {
    return new Pieces(Files.newOutputStream(file, options));
  }

  /** Passes every write on in pieces of at most {@link #CHUNK} bytes. */
  private static final class Pieces extends FilterOutputStream {
    Pieces(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      for (int at = off, end = off + len; at < end; ) {
        int n = Math.min(CHUNK, end - at);
        out.write(b, at, n);
        at += n;
      }
    }
  }
}
