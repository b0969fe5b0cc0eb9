package io.github.pveiso.debian;

import io.github.pveiso.VerificationException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.MemoryLimitException;

/**
 * One tar member of a .deb ({@code control.tar.*}, {@code data.tar.*}), decompressed and read entry
 * by entry within {@link DebLimits}: at most {@code limit} bytes uncompressed in all, at most
 * {@link DebLimits#HEADERS} of headers per entry (long names, PAX records, which the tar library
 * holds in memory), at most {@link DebLimits#ENTRIES} entries, no sparse files.
 *
 * <p>Damaged data (bad compression, a broken tar, a member that ends early) is a {@link
 * VerificationException} naming the package and the member; a failure to read the file itself stays
 * an {@link IOException}.
 */
final class TarMember implements AutoCloseable {
  private static final Set<String> SUFFIXES = Set.of(".tar", ".tar.gz", ".tar.xz", ".tar.zst");

  private final String where;
  private final long limit;
  private final Raw raw;
  private final Meter meter;
  private final TarArchiveInputStream tar;
  private final InputStream content;
  private long entryEnd;
  private int entries;

  /**
   * Opens {@code member} of the .deb {@code label}.
   *
   * @param limit the most uncompressed bytes the member may hold
   */
  TarMember(String label, ArReader.Member member, long limit) throws IOException {
    String name = member.name();
    this.where = label + ": " + name;
    int tarAt = name.indexOf(".tar");
    if (tarAt < 0 || !SUFFIXES.contains(name.substring(tarAt))) {
      throw new VerificationException(label + ": unsupported compression of ar member " + name);
    }
    this.limit = limit;
    this.raw = new Raw(member.content());
    InputStream decompressed;
    try {
      decompressed = Compression.decompress(name, raw);
    } catch (IOException | RuntimeException e) {
      throw failure(e);
    }
    this.meter = new Meter(decompressed);
    this.tar = new TarArchiveInputStream(meter);
    this.content = new Content();
  }

  /** The next entry, or empty at the end of the member. */
  Optional<TarArchiveEntry> next() throws IOException {
    meter.headersUntil = Math.max(entryEnd, meter.position) + DebLimits.HEADERS;
    TarArchiveEntry e;
    try {
      e = tar.getNextEntry();
    } catch (IOException | RuntimeException x) {
      throw failure(x);
    }
    meter.headersUntil = Long.MAX_VALUE;
    if (e == null) {
      return Optional.empty();
    }
    if (++entries > DebLimits.ENTRIES) {
      throw new VerificationException(
          where + " has more than " + DebLimits.ENTRIES + " entries; pveiso reads no more");
    }
    if (e.isSparse()) {
      throw new VerificationException(
          where + " entry '" + e.getName() + "' is a sparse file, which dpkg does not unpack");
    }
    entryEnd = meter.position + (e.getSize() + 511) / 512 * 512;
    return Optional.of(e);
  }

  /** The current entry's bytes; valid until {@link #next()}. */
  InputStream content() {
    return content;
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }

  /**
   * What to throw for {@code e}, raised while decompressing or reading the tar: the file's own read
   * failure is returned as it is; anything else is the package's fault and thrown as a {@link
   * VerificationException}.
   */
  private IOException failure(Throwable e) {
    if (e instanceof VerificationException v) {
      throw v;
    }
    if (raw.failed && e instanceof IOException io) {
      return io;
    }
    if (e instanceof MemoryLimitException m) {
      throw new VerificationException(
          where
              + " asks the xz decoder for "
              + (m.getMemoryNeeded() + 1023) / 1024
              + " MiB of memory, more than pveiso's limit of "
              + DebLimits.describe((long) DebLimits.XZ_MEMORY_KIB << 10)
              + " (dpkg-deb's strongest setting needs 65 MiB)",
          e);
    }
    throw new VerificationException(where + " is damaged: " + reason(e), e);
  }

  /** One line saying what went wrong, never {@code null}. */
  static String reason(Throwable e) {
    String message = e.getMessage();
    // gzip and xz throw EOFException (xz's without a message), zstd says "Truncated source"
    if (e instanceof EOFException || "Truncated source".equals(message)) {
      return "it ends early";
    }
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /** The member's compressed bytes; remembers whether reading the file failed. */
  private static final class Raw extends InputStream {
    private final InputStream in;
    boolean failed;

    Raw(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      try {
        return in.read();
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }
  }

  /**
   * The decompressed bytes as the tar library reads them: counted, and refused past the member's
   * limit, or past the header allowance while the library reads an entry's headers.
   */
  private final class Meter extends InputStream {
    private final InputStream in;
    long position;
    long headersUntil = Long.MAX_VALUE;

    Meter(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      long allowed = Math.min(limit, headersUntil) - position;
      if (allowed <= 0) {
        int more = in.read();
        if (more < 0) {
          return -1;
        }
        throw over();
      }
      int n = in.read(b, off, (int) Math.min(len, allowed));
      if (n > 0) {
        position += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buffer = new byte[8192];
      long skipped = 0;
      while (skipped < n) {
        int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
        if (r < 0) {
          break;
        }
        skipped += r;
      }
      return skipped;
    }

    private VerificationException over() {
      if (position >= limit) {
        return new VerificationException(
            where
                + " holds more than "
                + DebLimits.describe(limit)
                + " uncompressed, pveiso's limit for it");
      }
      return new VerificationException(
          where
              + " has more than "
              + DebLimits.describe(DebLimits.HEADERS)
              + " of tar headers (long names, PAX records) for entry "
              + (entries + 1)
              + "; pveiso reads no more");
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** The tar library's stream over the current entry, with its failures turned as above. */
  private final class Content extends InputStream {
    @Override
    public int read() throws IOException {
      try {
        return tar.read();
      } catch (IOException | RuntimeException e) {
        throw failure(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return tar.read(b, off, len);
      } catch (IOException | RuntimeException e) {
        throw failure(e);
      }
    }

    @Override
    public long skip(long n) throws IOException {
      try {
        return tar.skip(n);
      } catch (IOException | RuntimeException e) {
        throw failure(e);
      }
    }

    @Override
    public int available() throws IOException {
      return tar.available();
    }

    @Override
    public void close() {}
  }

  @Override
  public String toString() {
    return where;
  }
}
