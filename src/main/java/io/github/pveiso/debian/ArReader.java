package io.github.pveiso.debian;

import io.github.pveiso.VerificationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads the members of a Unix {@code ar} archive (the container of a .deb) one after another. */
final class ArReader {
  static final byte[] MAGIC = "!<arch>\n".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER = 60;

  /** One member: its name (trailing {@code /} removed), size, and a stream over its bytes. */
  record Member(String name, long size, InputStream content) {}

  private final String label;
  private final InputStream in;
  private long remaining;
  private boolean odd;
  private String current = "";
  private long size;

  ArReader(String label, InputStream in) throws IOException {
    this.label = label;
    this.in = in;
    byte[] magic = in.readNBytes(MAGIC.length);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new VerificationException(label + ": not a .deb (no ar archive magic '!<arch>')");
    }
  }

  /** The next member, or empty at the end; the previous member's unread bytes are skipped. */
  Optional<Member> next() throws IOException {
    skipFully(remaining + (odd ? 1 : 0));
    remaining = 0;
    odd = false;
    byte[] h = in.readNBytes(HEADER);
    if (h.length == 0) {
      return Optional.empty();
    }
    if (h.length == 1 && h[0] == '\n') {
      return Optional.empty();
    }
    if (h.length < HEADER) {
      throw new VerificationException(label + ": truncated ar member header");
    }
    if (h[58] != '`' || h[59] != '\n') {
      throw new VerificationException(label + ": malformed ar member header (bad end marker)");
    }
    String name = field(h, 0, 16);
    if (name.endsWith("/")) {
      name = name.substring(0, name.length() - 1);
    }
    String sizeText = field(h, 48, 10);
    long size;
    try {
      size = Long.parseLong(sizeText);
    } catch (NumberFormatException e) {
      throw new VerificationException(
          label + ": malformed size '" + sizeText + "' of ar member " + name);
    }
    if (name.isEmpty() || size < 0) {
      throw new VerificationException(label + ": malformed ar member header");
    }
    this.size = size;
    remaining = size;
    odd = (size & 1) == 1;
    current = name;
    return Optional.of(new Member(name, size, new MemberStream()));
  }

  private VerificationException truncated(long missing) {
    return new VerificationException(
        label
            + ": the file ends inside ar member "
            + current
            + ", "
            + missing
            + " of its "
            + size
            + " bytes missing (truncated, or a wrong size in its header)");
  }

  private static String field(byte[] h, int off, int len) {
    return new String(h, off, len, StandardCharsets.US_ASCII).strip();
  }

  private void skipFully(long n) throws IOException {
    while (n > 0) {
      long skipped = in.skip(n);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw truncated(n);
        }
        skipped = 1;
      }
      n -= skipped;
    }
  }

  /** The current member's bytes; reading past its end returns -1, a short archive fails. */
  private final class MemberStream extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n < 0) {
        throw truncated(remaining);
      }
      remaining -= n;
      return n;
    }

    @Override
    public void close() {}
  }
}
