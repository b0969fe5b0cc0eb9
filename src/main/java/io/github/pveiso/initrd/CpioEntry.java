package io.github.pveiso.initrd;

import io.github.pveiso.Sha256Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * One entry of a newc archive: its header and its data (empty for directories and the trailer).
 *
 * <p>A value, compared by header and data. Not a record, because the data is copied only at this
 * package's edge: the public constructor and {@link #data()} copy, while the reader and the writer
 * of this package hand over arrays they never touch again ({@link #owning}), and {@link #writeTo}
 * writes the entry without a copy. An early microcode archive's entry is megabytes (15 MB for
 * Debian's Intel and AMD microcode), and each copy of it showed in a build's peak memory.
 */
public final class CpioEntry {
  private final NewcHeader header;
  private final byte[] data;

  /**
   * An entry of {@code header} and a copy of {@code data}.
   *
   * @throws IllegalArgumentException when the header's size is not the data's length
   */
  public CpioEntry(NewcHeader header, byte[] data) {
    this(header, data, true);
  }

  private CpioEntry(NewcHeader header, byte[] data, boolean copy) {
    this.header = Objects.requireNonNull(header);
    this.data = copy ? data.clone() : data;
    if (header.fileSize() != data.length) {
      throw new IllegalArgumentException(
          "cpio entry "
              + header.name()
              + " says "
              + header.fileSize()
              + " bytes but holds "
              + data.length);
    }
  }

  /** An entry that keeps {@code data} itself: for callers that never use the array again. */
  static CpioEntry owning(NewcHeader header, byte[] data) {
    return new CpioEntry(header, data, false);
  }

  /** The header, whose {@code fileSize} equals the data's length. */
  public NewcHeader header() {
    return header;
  }

  /** The entry's path inside the archive. */
  public String name() {
    return header.name();
  }

  /** The file's bytes (a copy). */
  public byte[] data() {
    return data.clone();
  }

  /** The SHA-256 of the file's bytes. */
  public Sha256Digest dataDigest() {
    return Sha256Digest.of(data);
  }

  /** True when the file's bytes are {@code bytes}. */
  public boolean dataEquals(byte[] bytes) {
    return Arrays.equals(data, bytes);
  }

  /** The length of {@link #record()}. */
  public long recordLength() {
    return header.record().length + (long) data.length + NewcHeader.padding(data.length);
  }

  /** The entry as bytes: header, name, padding, data, padding. */
  public byte[] record() {
    byte[] out = new byte[Math.toIntExact(recordLength())];
    copyInto(out, 0);
    return out;
  }

  /** Writes {@link #record()} to {@code out} without making it. */
  public void writeTo(OutputStream out) throws IOException {
    out.write(header.record());
    out.write(data);
    out.write(new byte[NewcHeader.padding(data.length)]);
  }

  /** Copies {@link #record()} into {@code out} at {@code at}; returns where it ends. */
  int copyInto(byte[] out, int at) {
    byte[] head = header.record();
    System.arraycopy(head, 0, out, at, head.length);
    System.arraycopy(data, 0, out, at + head.length, data.length);
    // the padding stays as it is: zero in a new array
    return at + head.length + data.length + NewcHeader.padding(data.length);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CpioEntry that
        && header.equals(that.header)
        && Arrays.equals(data, that.data);
  }

  @Override
  public int hashCode() {
    return 31 * header.hashCode() + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "CpioEntry[" + header.name() + ", " + data.length + " bytes]";
  }
}
