package io.github.pveiso.initrd;

import io.github.pveiso.VerificationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads newc cpio headers and data from a stream, one entry at a time, keeping the offset so the
 * 4-byte padding is computed the way the kernel does it (from the start of the initrd).
 *
 * <p>Between archives the kernel skips zero bytes; {@link #skipZeros()} does the same, and {@link
 * #peek(int)} tells what follows without consuming it.
 */
final class NewcReader {

  private final InputStream in;
  private byte[] pushedBack = new byte[0];
  private long offset;
  private @Nullable ByteArrayOutputStream capture;

  NewcReader(InputStream in) {
    this.in = in;
  }

  /** From now on, keeps a copy of every byte consumed, until {@link #endCapture()}. */
  void startCapture() {
    capture = new ByteArrayOutputStream();
  }

  /** The bytes consumed since {@link #startCapture()}; stops keeping them. */
  byte[] endCapture() {
    ByteArrayOutputStream captured = capture;
    capture = null;
    return captured == null ? new byte[0] : captured.toByteArray();
  }

  /** Bytes consumed so far. */
  long offset() {
    return offset;
  }

  /**
   * Reads the next header at the current offset.
   *
   * @throws VerificationException when there is no valid header there
   */
  NewcHeader readHeader() throws IOException {
    long start = offset;
    if ((start & 3) != 0) {
      throw new VerificationException(
          "newc cpio header at offset " + start + " is not 4-byte aligned");
    }
    NewcHeader.Fixed fixed = NewcHeader.parseFixed(readExactly(NewcHeader.FIXED_LENGTH), start);
    long nameSize = fixed.nameSize();
    if (nameSize < 1 || nameSize > 4096) {
      throw new VerificationException(
          "newc cpio entry at offset " + start + " has a name size of " + nameSize);
    }
    NewcHeader header = fixed.withName(readExactly((int) nameSize), start);
    skipExactly(NewcHeader.padding(offset));
    return header;
  }

  /** Reads the data of the entry whose header was just read, and its padding. */
  byte[] readData(NewcHeader header) throws IOException {
    if (header.fileSize() > Integer.MAX_VALUE - 8) {
      throw new VerificationException(
          "newc cpio entry " + header.name() + " is too large to hold: " + header.fileSize());
    }
    byte[] data = readExactly((int) header.fileSize());
    skipExactly(NewcHeader.padding(offset));
    return data;
  }

  /** Skips the data of the entry whose header was just read, and its padding. */
  void skipData(NewcHeader header) throws IOException {
    skipExactly(header.fileSize());
    skipExactly(NewcHeader.padding(offset));
  }

  /** Skips zero bytes (padding between archives); returns how many. */
  long skipZeros() throws IOException {
    long skipped = 0;
    while (true) {
      byte[] next = peek(1);
      if (next.length == 0 || next[0] != 0) {
        return skipped;
      }
      skipExactly(1);
      skipped++;
    }
  }

  /** Up to {@code n} of the next bytes, without consuming them (fewer at the end). */
  byte[] peek(int n) throws IOException {
    if (pushedBack.length < n) {
      byte[] more = in.readNBytes(n - pushedBack.length);
      byte[] joined = new byte[pushedBack.length + more.length];
      System.arraycopy(pushedBack, 0, joined, 0, pushedBack.length);
      System.arraycopy(more, 0, joined, pushedBack.length, more.length);
      pushedBack = joined;
    }
    return Arrays.copyOf(pushedBack, Math.min(n, pushedBack.length));
  }

  /** The rest of the stream: bytes peeked but not consumed, then the underlying stream. */
  InputStream remainder() {
    byte[] head = pushedBack;
    pushedBack = new byte[0];
    return new SequenceInputStream(new ByteArrayInputStream(head), in);
  }

  /** The entry's header and data read whole, or empty at the end of the stream. */
  Optional<CpioEntry> readEntry() throws IOException {
    if (peek(1).length == 0) {
      return Optional.empty();
    }
    NewcHeader header = readHeader();
    return Optional.of(CpioEntry.owning(header, readData(header)));
  }

  byte[] readExactly(int n) throws IOException {
    byte[] out = new byte[n];
    int fromPushback = Math.min(n, pushedBack.length);
    System.arraycopy(pushedBack, 0, out, 0, fromPushback);
    pushedBack = Arrays.copyOfRange(pushedBack, fromPushback, pushedBack.length);
    int read = fromPushback + in.readNBytes(out, fromPushback, n - fromPushback);
    if (read < n) {
      throw new VerificationException(
          "newc cpio archive ends early at offset "
              + (offset + read)
              + ": wanted "
              + n
              + " more bytes");
    }
    offset += n;
    if (capture != null) {
      capture.write(out, 0, n);
    }
    return out;
  }

  private void skipExactly(long n) throws IOException {
    long left = n;
    while (left > 0) {
      int chunk = (int) Math.min(left, 1 << 16);
      readExactly(chunk);
      left -= chunk;
    }
  }
}
