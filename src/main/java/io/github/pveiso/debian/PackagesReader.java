package io.github.pveiso.debian;

import io.github.pveiso.ChunkedIo;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Packages file into {@link BinaryPackage}s the fast way: the (compressed) bytes are read
 * whole, decoded by {@link PackagesDecoder} (xz blocks in parallel) and parsed by {@link
 * PackagesTextParser} in pieces split at stanza boundaries, the pieces joined in file order. When
 * the fast path gives up (an error, or text it does not handle), the same bytes are read again by
 * the general parser ({@link Deb822} and {@link BinaryPackage#of}), so every error is exactly the
 * one it reports, with the same exception and message.
 */
final class PackagesReader {
  private PackagesReader() {}

  /**
   * Parses {@code in}, compressed as {@code fileName} says ({@code .xz}, {@code .gz}, {@code .zst},
   * anything else: plain text); {@code in} is read to its end but not closed.
   */
  static List<BinaryPackage> read(String label, String fileName, InputStream in)
      throws IOException {
    Captured raw = Captured.read(in);
    if (raw.failure == null) {
      try {
        return PackagesDecoder.decodeAndParse(label, fileName, raw.bytes, raw.length);
      } catch (InterruptedIOException e) {
        throw e;
      } catch (Exception e) { // NOPMD: any failure is left for the general parser to name
        // fall through to the general parser, the reference for every error
      }
    }
    return general(label, fileName, raw.replay());
  }

  /** The general parser over {@code in}: deb822 stanzas, then {@link BinaryPackage#of}. */
  static List<BinaryPackage> general(String label, String fileName, InputStream in)
      throws IOException {
    List<BinaryPackage> packages = new ArrayList<>(1 << 12);
    try (InputStream plain = Compression.decompress(fileName, in)) {
      Deb822.stream(label, plain, s -> packages.add(BinaryPackage.of(label, s)));
    }
    return packages;
  }

  /** What a stream gave before its end or its failure; replays both to the general parser. */
  private static final class Captured {
    final byte[] bytes;
    final int length;
    final @Nullable IOException failure;

    private Captured(byte[] bytes, int length, @Nullable IOException failure) {
      this.bytes = bytes;
      this.length = length;
      this.failure = failure;
    }

    static Captured read(InputStream in) {
      byte[] buf = new byte[1 << 16];
      int len = 0;
      try {
        int hint = in.available(); // a file's or array's remaining size: read without copies
        if (hint >= buf.length && hint < 1 << 30) {
          buf = new byte[hint + 1];
        }
        while (true) {
          if (len == buf.length) {
            buf = java.util.Arrays.copyOf(buf, buf.length * 2);
          }
          // in pieces: a file's stream reads through a native buffer as large as the call
          int n = in.read(buf, len, Math.min(buf.length - len, ChunkedIo.CHUNK));
          if (n < 0) {
            return new Captured(buf, len, null);
          }
          len += n;
        }
      } catch (IOException e) {
        return new Captured(buf, len, e);
      }
    }

    InputStream replay() {
      IOException fail = failure;
      return new InputStream() {
        private int pos;

        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int n) throws IOException {
          if (n == 0) {
            return 0;
          }
          if (pos == length) {
            if (fail != null) {
              throw fail;
            }
            return -1;
          }
          int k = Math.min(n, length - pos);
          System.arraycopy(bytes, pos, b, off, k);
          pos += k;
          return k;
        }
      };
    }
  }
}
