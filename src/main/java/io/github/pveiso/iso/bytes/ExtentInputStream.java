package io.github.pveiso.iso.bytes;

import java.io.InputStream;
import java.util.List;

/** Streams a file's bytes straight from its extents in the image; nothing is copied to disk. */
public final class ExtentInputStream extends InputStream {
  private static final int CHUNK = 1 << 16;

  private final ImageChannel image;
  private final List<Extent> extents;
  private int index;
  private long done;
  private final byte[] buffer = new byte[CHUNK];
  private int bufferPos;
  private int bufferLen;

  public ExtentInputStream(ImageChannel image, List<Extent> extents) {
    this.image = image;
    this.extents = List.copyOf(extents);
  }

  @Override
  public int read() {
    if (!fill()) {
      return -1;
    }
    return buffer[bufferPos++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, bufferLen - bufferPos);
    System.arraycopy(buffer, bufferPos, b, off, n);
    bufferPos += n;
    return n;
  }

  @Override
  public long skip(long n) {
    long skipped = Math.min(Math.max(n, 0), bufferLen - bufferPos);
    bufferPos += (int) skipped;
    while (skipped < n && index < extents.size()) {
      long step = Math.min(n - skipped, extents.get(index).length() - done);
      done += step;
      skipped += step;
      if (done >= extents.get(index).length()) {
        index++;
        done = 0;
      }
    }
    return skipped;
  }

  private boolean fill() {
    if (bufferPos < bufferLen) {
      return true;
    }
    while (index < extents.size() && done >= extents.get(index).length()) {
      index++;
      done = 0;
    }
    if (index >= extents.size()) {
      return false;
    }
    Extent extent = extents.get(index);
    int n = (int) Math.min(CHUNK, extent.length() - done);
    image.read(extent.offset() + done, buffer, 0, n);
    done += n;
    bufferPos = 0;
    bufferLen = n;
    return true;
  }
}
