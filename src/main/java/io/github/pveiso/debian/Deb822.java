package io.github.pveiso.debian;

import io.github.pveiso.VerificationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Parses deb822 text (control files, Release, Packages, {@code .sources}) into {@link Stanza}s.
 *
 * <p>Stanzas are separated by blank lines; lines starting with {@code #} are comments; a line
 * starting with a blank continues the previous field. Errors are {@link VerificationException}s
 * naming the caller's label and the line; callers that read user files rethrow them as invalid
 * input.
 */
public final class Deb822 {
  private static final int CHUNK = 1 << 20;

  private Deb822() {}

  /** Parses all stanzas of {@code text}; {@code label} names the source in error messages. */
  public static List<Stanza> parse(String label, String text) {
    return parse(label, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses all stanzas of UTF-8 {@code bytes}. */
  public static List<Stanza> parse(String label, byte[] bytes) {
    List<Stanza> out = new ArrayList<>();
    Deb822Parser parser = new Deb822Parser(label, new StringCache(), out::add);
    parser.feed(bytes, 0, bytes.length);
    parser.finish();
    return out;
  }

  /** Parses exactly one stanza (a control file); more or fewer is an error. */
  public static Stanza parseSingle(String label, byte[] bytes) {
    List<Stanza> all = parse(label, bytes);
    if (all.size() != 1) {
      throw new VerificationException(
          label + ": expected one deb822 stanza but found " + all.size());
    }
    return all.get(0);
  }

  /**
   * Streams the stanzas of {@code in} to {@code sink} without holding the whole text; repeated
   * short values share one string instance.
   */
  public static void stream(String label, InputStream in, Consumer<Stanza> sink)
      throws IOException {
    Deb822Parser parser = new Deb822Parser(label, new StringCache(), sink);
    byte[] buf = new byte[CHUNK];
    int len = 0;
    while (true) {
      if (len == buf.length) {
        buf = java.util.Arrays.copyOf(buf, buf.length * 2);
      }
      int n = in.read(buf, len, buf.length - len);
      if (n < 0) {
        break;
      }
      len += n;
      int lastNewline = lastIndexOf(buf, len, (byte) '\n');
      if (lastNewline >= 0) {
        parser.feed(buf, 0, lastNewline + 1);
        int rest = len - lastNewline - 1;
        System.arraycopy(buf, lastNewline + 1, buf, 0, rest);
        len = rest;
      }
    }
    parser.feed(buf, 0, len);
    parser.finish();
  }

  private static int lastIndexOf(byte[] buf, int len, byte b) {
    for (int i = len - 1; i >= 0; i--) {
      if (buf[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
