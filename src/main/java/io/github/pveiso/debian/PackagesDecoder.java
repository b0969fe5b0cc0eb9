package io.github.pveiso.debian;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.tukaani.xz.SeekableInputStream;
import org.tukaani.xz.SeekableXZInputStream;

/**
 * Decodes a whole Packages file and parses it in pieces on several threads. An xz file of several
 * blocks (Debian writes 24 MiB blocks) has each block decoded and parsed by its own task; the
 * stanzas cut by a block edge are parsed afterwards from the two edges joined. Other files are
 * decompressed first, then their text is split at blank lines into pieces parsed in parallel. The
 * result is in file order; any failure is left to the caller ({@link PackagesReader}).
 */
final class PackagesDecoder {
  /** Text shorter than twice this is parsed on the calling thread. */
  static final int MIN_PIECE = 1 << 21;

  private static final int MAX_BLOCK = Integer.MAX_VALUE - 16;

  private PackagesDecoder() {}

  static List<BinaryPackage> decodeAndParse(String label, String fileName, byte[] bytes, int length)
      throws IOException {
    byte[] text;
    if (fileName.endsWith(".xz")) {
      SeekableXZInputStream xz = new SeekableXZInputStream(new SeekableBytes(bytes, length));
      int blocks = xz.getBlockCount();
      if (blocks > 1) {
        return blocks(label, bytes, length, blocks);
      }
      text = xz.readAllBytes();
    } else if (fileName.endsWith(".gz") || fileName.endsWith(".zst")) {
      try (InputStream in =
          Compression.decompress(fileName, new ByteArrayInputStream(bytes, 0, length))) {
        return parseStream(label, in);
      }
    } else {
      return parseText(label, bytes, length);
    }
    return parseText(label, text, text.length);
  }

  /** Parses plain text, in pieces on several threads when it is long. */
  static List<BinaryPackage> parseText(String label, byte[] text, int length) throws IOException {
    int pieces = (int) Math.min(PackagesWorkers.threads(), length / MIN_PIECE);
    if (pieces < 2) {
      return parse(label, text, 0, length);
    }
    List<Callable<List<BinaryPackage>>> tasks = new ArrayList<>();
    int from = 0;
    for (int i = 1; i <= pieces && from < length; i++) {
      int to =
          i == pieces
              ? length
              : afterBlankLine(text, Math.max(from, (int) ((long) length * i / pieces)), length);
      int start = from;
      int end = to < 0 ? length : to;
      tasks.add(() -> parse(label, text, start, end));
      from = end;
    }
    List<BinaryPackage> out = new ArrayList<>(length / 700);
    for (List<BinaryPackage> part : PackagesWorkers.run(tasks)) {
      out.addAll(part);
    }
    return out;
  }

  /**
   * Parses decompressed text as it comes, never whole in memory: read in chunks of {@link
   * #STREAM_CHUNK}, each cut after its last whole stanza (the rest carried into the next), and one
   * chunk per worker parsed at a time. Debian's main index is 57 MB of text; this holds a few MB of
   * it at once.
   */
  static List<BinaryPackage> parseStream(String label, InputStream in) throws IOException {
    int workers = Math.max(1, PackagesWorkers.threads());
    List<BinaryPackage> out = new ArrayList<>(1 << 12);
    List<Callable<List<BinaryPackage>>> batch = new ArrayList<>(workers);
    byte[] carry = new byte[0];
    while (true) {
      byte[] chunk = new byte[Math.max(STREAM_CHUNK, carry.length * 2)];
      System.arraycopy(carry, 0, chunk, 0, carry.length);
      int length = carry.length + in.readNBytes(chunk, carry.length, chunk.length - carry.length);
      boolean last = length < chunk.length;
      int cut = last ? length : lastAfterBlankLine(chunk, length);
      if (cut <= 0) { // no stanza boundary yet: read on with a larger chunk
        carry = Arrays.copyOf(chunk, length);
        if (!last) {
          continue;
        }
        cut = length;
      }
      int end = cut;
      batch.add(() -> parse(label, chunk, 0, end));
      carry = Arrays.copyOfRange(chunk, cut, length);
      if (batch.size() == workers || last) {
        for (List<BinaryPackage> part : PackagesWorkers.run(batch)) {
          out.addAll(part);
        }
        batch = new ArrayList<>(workers);
      }
      if (last) {
        return out;
      }
    }
  }

  /** The chunk {@link #parseStream} reads at a time. */
  static final int STREAM_CHUNK = 4 << 20;

  private static List<BinaryPackage> parse(String label, byte[] text, int from, int to) {
    List<BinaryPackage> out = new ArrayList<>(Math.max(16, (to - from) / 700));
    new PackagesTextParser(label, out).parse(text, from, to);
    return out;
  }

  /**
   * One decoded block: the text before its first whole stanza, its whole stanzas, and the text
   * after them; a block without a stanza boundary is all head, continuing the previous tail.
   */
  private record Piece(byte[] head, List<BinaryPackage> body, byte[] tail, boolean whole) {}

  private static List<BinaryPackage> blocks(String label, byte[] bytes, int length, int count)
      throws IOException {
    List<Callable<Piece>> tasks = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      int block = k;
      tasks.add(() -> block(label, bytes, length, block, count));
    }
    List<Piece> pieces = PackagesWorkers.run(tasks);
    List<BinaryPackage> out = new ArrayList<>(pieces.size() * pieces.get(0).body().size() + 16);
    PackagesTextParser edges = new PackagesTextParser(label, out);
    byte[] carry = new byte[0];
    for (Piece p : pieces) {
      byte[] joined = Arrays.copyOf(carry, carry.length + p.head().length);
      System.arraycopy(p.head(), 0, joined, carry.length, p.head().length);
      if (p.whole()) {
        carry = joined;
        continue;
      }
      edges.parse(joined, 0, joined.length);
      out.addAll(p.body());
      carry = p.tail();
    }
    edges.parse(carry, 0, carry.length);
    return out;
  }

  private static Piece block(String label, byte[] bytes, int length, int k, int count)
      throws IOException {
    SeekableXZInputStream xz = new SeekableXZInputStream(new SeekableBytes(bytes, length));
    long size = xz.getBlockSize(k);
    if (size > MAX_BLOCK) {
      throw new PackagesTextParser.Unusual("an xz block too large for an array");
    }
    xz.seekToBlock(k);
    byte[] text = xz.readNBytes((int) size);
    if (text.length != size) {
      throw new PackagesTextParser.Unusual("an xz block shorter than its index says");
    }
    int start = k == 0 ? 0 : afterBlankLine(text, 0, text.length);
    int end = k == count - 1 ? text.length : lastAfterBlankLine(text);
    if (start < 0 || end < start) {
      return new Piece(text, List.of(), new byte[0], true);
    }
    return new Piece(
        Arrays.copyOfRange(text, 0, start),
        parse(label, text, start, end),
        Arrays.copyOfRange(text, end, text.length),
        false);
  }

  /**
   * The position just after the first blank line ({@code \n\n} or {@code \n\r\n}) found from {@code
   * from}: a stanza starts there. -1 when there is none.
   */
  static int afterBlankLine(byte[] text, int from, int to) {
    for (int i = from; i < to - 1; i++) {
      if (text[i] == '\n') {
        if (text[i + 1] == '\n') {
          return i + 2;
        }
        if (text[i + 1] == '\r' && i + 2 < to && text[i + 2] == '\n') {
          return i + 3;
        }
      }
    }
    return -1;
  }

  /** The position just after the last blank line of {@code text}, -1 when there is none. */
  static int lastAfterBlankLine(byte[] text) {
    return lastAfterBlankLine(text, text.length);
  }

  /** As {@link #lastAfterBlankLine(byte[])}, within the first {@code length} bytes. */
  static int lastAfterBlankLine(byte[] text, int length) {
    for (int i = length - 1; i >= 1; i--) {
      if (text[i] == '\n') {
        if (text[i - 1] == '\n') {
          return i + 1;
        }
        if (i >= 2 && text[i - 1] == '\r' && text[i - 2] == '\n') {
          return i + 1;
        }
      }
    }
    return -1;
  }

  /** The first {@code length} bytes of an array as xz-java's seekable input. */
  private static final class SeekableBytes extends SeekableInputStream {
    private final byte[] bytes;
    private final int length;
    private int pos;

    SeekableBytes(byte[] bytes, int length) {
      this.bytes = bytes;
      this.length = length;
    }

    @Override
    public long length() {
      return length;
    }

    @Override
    public long position() {
      return pos;
    }

    @Override
    public void seek(long position) throws IOException {
      if (position < 0) {
        throw new IOException("negative seek position " + position);
      }
      pos = (int) Math.min(position, length);
    }

    @Override
    public int read() {
      return pos < length ? bytes[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int n) {
      if (n == 0) {
        return 0;
      }
      if (pos >= length) {
        return -1;
      }
      int k = Math.min(n, length - pos);
      System.arraycopy(bytes, pos, b, off, k);
      pos += k;
      return k;
    }
  }
}
