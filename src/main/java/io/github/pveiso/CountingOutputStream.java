package io.github.pveiso;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Counts the bytes written through it (the early-microcode prepender, derived cache payloads). */
public final class CountingOutputStream extends FilterOutputStream {

  private long count;

  /** Counts what goes through to {@code out}. */
  public CountingOutputStream(OutputStream out) {
    super(out);
  }

  /** Bytes written so far. */
  public long count() {
    return count;
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    count++;
  }

  @Override
  public void write(byte[] buffer, int offset, int length) throws IOException {
    out.write(buffer, offset, length);
    count += length;
  }
}
