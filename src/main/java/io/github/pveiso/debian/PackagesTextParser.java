package io.github.pveiso.debian;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The fast path of {@link PackagesIndex#parse}: reads Packages text straight from bytes into {@link
 * BinaryPackage}s, making strings only for the fields in {@link PackageField}. It accepts exactly
 * the text {@link Deb822Parser} accepts (same lines, folding, comments, CRLF, blank separators);
 * anything else makes it give up with {@link Unusual}, and the caller re-parses with the general
 * parser, which names the error. Not thread-safe: one instance per thread.
 */
final class PackagesTextParser {
  private static final int NONE = -1;
  private static final int DROPPED = -2;

  /** The text needs the general parser: it has an error, or something this parser skips. */
  static final class Unusual extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unusual(String why) {
      super(why, null, false, false);
    }
  }

  private final String label;
  private final List<BinaryPackage> out;
  private final StringCache cache = new StringCache();
  private final FieldIds ids = new FieldIds();
  private final @Nullable String[] values = new String[PackageField.COUNT];
  private final String[] names = new String[PackageField.COUNT];
  private final int[] order = new int[PackageField.COUNT];
  private int[] seen = new int[64];
  private int stanza = 1;
  private boolean any;
  private int kept;
  private int current = NONE;
  private @Nullable StringBuilder more;

  /** A parser adding the packages it reads to {@code out}; {@code label} names the index. */
  PackagesTextParser(String label, List<BinaryPackage> out) {
    this.label = label;
    this.out = out;
  }

  /**
   * Parses {@code buf[from, to)}, which starts a stanza and ends one (after a blank line, or at the
   * end of the file).
   */
  void parse(byte[] buf, int from, int to) {
    int pos = from;
    while (pos < to) {
      int end = pos;
      while (end < to && buf[end] != '\n') {
        end++;
      }
      int next = end + 1;
      if (end > pos && buf[end - 1] == '\r') {
        end--;
      }
      line(buf, pos, end);
      pos = next;
    }
    endStanza();
  }

  private void line(byte[] buf, int from, int to) {
    if (from == to) {
      endStanza();
      return;
    }
    byte first = buf[from];
    if (first == '#') {
      return;
    }
    if (first == ' ' || first == '\t') {
      if (skipBlanks(buf, from, to) == to) {
        endStanza();
      } else {
        continuation(buf, from + 1, to);
      }
      return;
    }
    int colon = from;
    while (colon < to && buf[colon] != ':') {
      colon++;
    }
    if (colon == to || colon == from) {
      throw new Unusual("a line without a field name");
    }
    finishField();
    int id = ids.id(buf, from, colon);
    if (id >= seen.length) {
      seen = Arrays.copyOf(seen, Math.max(seen.length * 2, id + 1));
    }
    if (seen[id] == stanza) {
      throw new Unusual("a duplicate field");
    }
    seen[id] = stanza;
    any = true;
    if (id >= PackageField.COUNT) {
      current = DROPPED;
      return;
    }
    int vStart = skipBlanks(buf, colon + 1, to);
    values[id] = cache.get(buf, vStart, trimEnd(buf, vStart, to));
    names[id] = cache.get(buf, from, colon);
    order[kept++] = id;
    current = id;
  }

  private void continuation(byte[] buf, int from, int to) {
    if (current == NONE) {
      throw new Unusual("a continuation line without a field");
    }
    if (current == DROPPED) {
      return;
    }
    int end = trimEnd(buf, from, to);
    StringBuilder sb = more;
    if (sb == null) {
      String first = values[current];
      sb = new StringBuilder(first == null ? "" : first);
      more = sb;
    }
    sb.append('\n');
    if (!(end - from == 1 && buf[from] == '.')) {
      sb.append(new String(buf, from, end - from, StandardCharsets.UTF_8));
    }
  }

  private void finishField() {
    StringBuilder sb = more;
    if (sb != null) {
      values[current] = sb.toString();
      more = null;
    }
  }

  private void endStanza() {
    finishField();
    current = NONE;
    if (!any) {
      return;
    }
    any = false;
    stanza++;
    String[] n = new String[kept];
    String[] v = new String[kept];
    for (int i = 0; i < kept; i++) {
      n[i] = names[order[i]];
      String value = values[order[i]];
      v[i] = value == null ? "" : value;
    }
    kept = 0;
    try {
      out.add(BinaryPackage.build(label, values, new Stanza(n, v)));
    } finally {
      Arrays.fill(values, null);
    }
  }

  private static int skipBlanks(byte[] buf, int from, int to) {
    while (from < to && (buf[from] == ' ' || buf[from] == '\t')) {
      from++;
    }
    return from;
  }

  private static int trimEnd(byte[] buf, int from, int to) {
    while (to > from && (buf[to - 1] == ' ' || buf[to - 1] == '\t')) {
      to--;
    }
    return to;
  }

  /**
   * Numbers field names case-insensitively (ASCII only; a name with other bytes is {@link
   * Unusual}): the fields of {@link PackageField} by ordinal, then any other name as first seen.
   */
  private static final class FieldIds {
    private static final int MAX_NAMES = 1 << 12;
    private byte[][] keys = new byte[256][];
    private int[] idOf = new int[256];
    private int size;

    FieldIds() {
      for (PackageField f : PackageField.values()) {
        byte[] b = f.text.getBytes(StandardCharsets.US_ASCII);
        id(b, 0, b.length);
      }
    }

    int id(byte[] buf, int from, int to) {
      int h = 0;
      for (int i = from; i < to; i++) {
        h = 31 * h + lower(buf[i]);
      }
      int mask = keys.length - 1;
      int slot = (h ^ (h >>> 15)) & mask;
      for (byte[] key = keys[slot]; key != null; key = keys[slot]) {
        if (sameLower(key, buf, from, to)) {
          return idOf[slot];
        }
        slot = (slot + 1) & mask;
      }
      if (size >= MAX_NAMES) {
        throw new Unusual("too many distinct field names");
      }
      byte[] key = new byte[to - from];
      for (int i = 0; i < key.length; i++) {
        key[i] = (byte) lower(buf[from + i]);
      }
      keys[slot] = key;
      idOf[slot] = size++;
      if (size * 2 > keys.length) {
        grow();
      }
      return size - 1;
    }

    private void grow() {
      byte[][] oldKeys = keys;
      int[] oldIds = idOf;
      keys = new byte[oldKeys.length * 2][];
      idOf = new int[oldKeys.length * 2];
      int mask = keys.length - 1;
      for (int i = 0; i < oldKeys.length; i++) {
        byte[] key = oldKeys[i];
        if (key != null) {
          int h = 0;
          for (byte b : key) {
            h = 31 * h + b;
          }
          int slot = (h ^ (h >>> 15)) & mask;
          while (keys[slot] != null) {
            slot = (slot + 1) & mask;
          }
          keys[slot] = key;
          idOf[slot] = oldIds[i];
        }
      }
    }

    private static boolean sameLower(byte[] key, byte[] buf, int from, int to) {
      if (key.length != to - from) {
        return false;
      }
      for (int i = 0; i < key.length; i++) {
        if (key[i] != lower(buf[from + i])) {
          return false;
        }
      }
      return true;
    }

    private static int lower(byte b) {
      if (b < 0) {
        throw new Unusual("a field name that is not ASCII");
      }
      return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }
  }
}
