package io.github.pveiso.debian;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Opens a decompressing stream chosen by file name suffix ({@code .xz}, {@code .gz}, {@code .zst}).
 * The xz decoder may use at most {@link DebLimits#XZ_MEMORY_KIB} (a header asking for more throws
 * {@link org.tukaani.xz.MemoryLimitException}); zstd's default window limit (128 MiB) holds.
 */
public final class Compression {
  private Compression() {}

  /** Wraps {@code in} in the decompressor {@code fileName}'s suffix names; no suffix: as is. */
  public static InputStream decompress(String fileName, InputStream in) throws IOException {
    InputStream buffered = new BufferedInputStream(in, 1 << 16);
    if (fileName.endsWith(".xz")) {
      return new XZInputStream(buffered, DebLimits.XZ_MEMORY_KIB);
    }
    if (fileName.endsWith(".gz")) {
      return new GZIPInputStream(buffered, 1 << 16);
    }
    if (fileName.endsWith(".zst")) {
      return new ZstdInputStream(buffered);
    }
    return buffered;
  }
}
