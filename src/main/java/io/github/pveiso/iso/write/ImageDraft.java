package io.github.pveiso.iso.write;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * An image to write, kept as pieces until it is written: ranges of local files (the source, new
 * files) and bytes (folders, descriptors, the fitted system area), each edit replacing what it
 * covers as a write to the file would. {@link #writeTo} then writes the image's final bytes once,
 * from the first to the last, and says after each piece how far the output is final: a hash of the
 * output can follow the writer instead of waiting for it. The bytes are those the same edits made
 * to a copy of the source in the order they came would give.
 */
final class ImageDraft implements ImageBytes {

  /** The most a single kernel copy moves before the progress is told again. */
  static final long STEP = 8L << 20;

  /** A range of the image's bytes: a range of a local file, or bytes in memory. */
  private sealed interface Piece {
    long length();

    /** The part of this piece from {@code from} on, {@code length} bytes. */
    Piece slice(long from, long length);
  }

  /**
   * Bytes {@code [offset, offset + length)} of a local file that was {@code fileSize} bytes long
   * when it was added.
   */
  private record FilePiece(Path file, long fileSize, long offset, long length) implements Piece {
    @Override
    public Piece slice(long from, long length) {
      return new FilePiece(file, fileSize, offset + from, length);
    }
  }

  /** Bytes {@code [offset, offset + count)} of {@code bytes}, never changed once added. */
  private record BytesPiece(byte[] bytes, int offset, int count) implements Piece {
    @Override
    public long length() {
      return count;
    }

    @Override
    public Piece slice(long from, long length) {
      return new BytesPiece(bytes, offset + (int) from, (int) length);
    }
  }

  /** The pieces by their first byte in the image; they never overlap, gaps read as zeros. */
  private final TreeMap<Long, Piece> pieces = new TreeMap<>();

  private long size;

  private ImageDraft() {}

  /** An image that is, so far, a copy of {@code source}. */
  static ImageDraft copyOf(Path source) {
    ImageDraft draft = new ImageDraft();
    try {
      long size = Files.size(source);
      draft.put(0, new FilePiece(source, size, 0, size));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
    }
    return draft;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public int read(ByteBuffer buffer, long at) throws IOException {
    if (at >= size) {
      return -1;
    }
    int total = (int) Math.min(buffer.remaining(), size - at);
    long end = at + total;
    long next = at;
    Map.Entry<Long, Piece> first = pieces.floorEntry(at);
    long from = first != null ? first.getKey() : at;
    for (Map.Entry<Long, Piece> e : pieces.subMap(from, true, end, false).entrySet()) {
      long start = Math.max(e.getKey(), next);
      long stop = Math.min(e.getKey() + e.getValue().length(), end);
      if (stop <= start) {
        continue;
      }
      zeros(buffer, start - next);
      readPiece(e.getValue().slice(start - e.getKey(), stop - start), buffer);
      next = stop;
    }
    zeros(buffer, end - next);
    return total;
  }

  @Override
  public int write(ByteBuffer buffer, long at) {
    int length = buffer.remaining();
    byte[] bytes = new byte[length];
    buffer.get(bytes);
    if (length > 0) {
      put(at, new BytesPiece(bytes, 0, length));
    }
    return length;
  }

  @Override
  public void copy(Path file, long fileSize, long at) throws IOException {
    try (FileChannel in = ImageBytes.open(file)) {
      ImageBytes.requireSize(in, file, fileSize);
    }
    if (fileSize > 0) {
      put(at, new FilePiece(file, fileSize, 0, fileSize));
    }
  }

  @Override
  public void truncate(long newSize) {
    if (newSize < size) {
      cut(newSize);
      pieces.tailMap(newSize, true).clear();
      size = newSize;
    }
  }

  /**
   * Writes the image to {@code target} (created, or emptied first), from its first byte to its
   * last, telling {@code progress} after each piece (and every {@link #STEP} bytes of a long one)
   * how far {@code target} is final. Gaps between pieces are left as holes, which read as zeros.
   *
   * @throws io.github.pveiso.InvalidInputException when a local file changed its length since it
   *     was added
   */
  void writeTo(Path target, WriteProgress progress) throws IOException {
    try (FileChannel out = ImageBytes.create(target)) {
      for (Map.Entry<Long, Piece> e : pieces.entrySet()) {
        long at = e.getKey();
        switch (e.getValue()) {
          case BytesPiece b -> {
            ByteBuffer buffer = ByteBuffer.wrap(b.bytes(), b.offset(), b.count());
            for (long to = at; buffer.hasRemaining(); ) {
              to += out.write(buffer, to);
            }
            progress.finalThrough(at + b.length());
          }
          case FilePiece f -> {
            try (FileChannel in = ImageBytes.open(f.file())) {
              ImageBytes.requireSize(in, f.file(), f.fileSize());
              for (long done = 0; done < f.length(); ) {
                long n = Math.min(STEP, f.length() - done);
                ImageBytes.transfer(in, f.file(), f.offset() + done, n, out, at + done);
                done += n;
                progress.finalThrough(at + done);
              }
            }
          }
        }
      }
      if (out.size() < size) {
        out.write(ByteBuffer.wrap(new byte[1]), size - 1);
      }
      progress.finalThrough(size);
    }
  }

  /** Puts {@code piece} at {@code at}, replacing whatever it covers. */
  private void put(long at, Piece piece) {
    long end = at + piece.length();
    cut(at);
    cut(end);
    pieces.subMap(at, true, end, false).clear();
    pieces.put(at, piece);
    size = Math.max(size, end);
  }

  /** Splits the piece that runs across byte {@code at}, if one does, into two at it. */
  private void cut(long at) {
    Map.Entry<Long, Piece> e = pieces.lowerEntry(at);
    if (e == null) {
      return;
    }
    long start = e.getKey();
    Piece p = e.getValue();
    if (start + p.length() > at) {
      pieces.put(start, p.slice(0, at - start));
      pieces.put(at, p.slice(at - start, start + p.length() - at));
    }
  }

  private static void readPiece(Piece piece, ByteBuffer buffer) throws IOException {
    switch (piece) {
      case BytesPiece b -> buffer.put(b.bytes(), b.offset(), b.count());
      case FilePiece f -> {
        ByteBuffer part = buffer.slice(buffer.position(), (int) f.length());
        try (FileChannel in = ImageBytes.open(f.file())) {
          while (part.hasRemaining()) {
            if (in.read(part, f.offset() + part.position()) < 0) {
              throw new IOException(
                  f.file() + " ended early at byte " + (f.offset() + part.position()));
            }
          }
        }
        buffer.position(buffer.position() + (int) f.length());
      }
    }
  }

  private static void zeros(ByteBuffer buffer, long count) {
    buffer.put(new byte[(int) count]);
  }
}
