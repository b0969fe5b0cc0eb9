package io.github.pveiso.debian;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary cache form of a {@link PackagesIndex}: magic, label, a table of distinct strings, then
 * each stanza as field count and (name, value) string numbers, numbers as unsigned LEB128. Reading
 * rebuilds the stanzas and parses them again, so the cache cannot disagree with a fresh parse.
 */
final class PackagesIndexCodec {
  private static final byte[] MAGIC = "PVEISO-PKGIDX-1\n".getBytes(StandardCharsets.US_ASCII);

  private PackagesIndexCodec() {}

  static void write(PackagesIndex index, OutputStream sink) throws IOException {
    Map<String, Integer> ids = new HashMap<>();
    List<String> table = new ArrayList<>();
    List<BinaryPackage> packages = index.packages();
    int[][] refs = new int[packages.size()][];
    for (int p = 0; p < packages.size(); p++) {
      Stanza s = packages.get(p).fields();
      int[] r = new int[s.size() * 2];
      for (int i = 0; i < s.size(); i++) {
        r[2 * i] = id(ids, table, s.name(i));
        r[2 * i + 1] = id(ids, table, s.value(i));
      }
      refs[p] = r;
    }
    Buffer out = new Buffer();
    out.bytes(MAGIC);
    out.string(index.label());
    out.varint(table.size());
    for (String s : table) {
      out.string(s);
    }
    out.varint(refs.length);
    for (int[] r : refs) {
      out.varint(r.length / 2);
      for (int x : r) {
        out.varint(x);
      }
    }
    sink.write(out.buf, 0, out.len);
    sink.flush();
  }

  static PackagesIndex read(InputStream source) throws IOException {
    Reader in = new Reader(source.readAllBytes());
    if (in.buf.length < MAGIC.length
        || !Arrays.equals(in.buf, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new IOException("not a pveiso Packages index cache (bad magic)");
    }
    in.pos = MAGIC.length;
    String label = in.string();
    String[] table = new String[in.varint()];
    for (int i = 0; i < table.length; i++) {
      table[i] = in.string();
    }
    int count = in.varint();
    List<Stanza> stanzas = new ArrayList<>(Math.min(count, 1 << 20));
    for (int p = 0; p < count; p++) {
      int fields = in.varint();
      String[] names = new String[fields];
      String[] values = new String[fields];
      for (int i = 0; i < fields; i++) {
        names[i] = string(table, in.varint());
        values[i] = string(table, in.varint());
      }
      stanzas.add(new Stanza(names, values));
    }
    if (in.pos != in.buf.length) {
      throw new IOException("trailing bytes after the Packages index cache");
    }
    return PackagesIndex.of(label, stanzas);
  }

  private static String string(String[] table, int id) throws IOException {
    if (id >= table.length) {
      throw new IOException("string reference " + id + " outside the table of " + table.length);
    }
    return table[id];
  }

  private static int id(Map<String, Integer> ids, List<String> table, String s) {
    Integer id = ids.get(s);
    if (id == null) {
      id = table.size();
      ids.put(s, id);
      table.add(s);
    }
    return id;
  }

  /** A growable byte array without the locking of the JDK's streams. */
  private static final class Buffer {
    byte[] buf = new byte[1 << 20];
    int len;

    void ensure(int extra) {
      if (len + extra > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
      }
    }

    void bytes(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, buf, len, b.length);
      len += b.length;
    }

    void string(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      varint(b.length);
      bytes(b);
    }

    void varint(int v) {
      ensure(5);
      while ((v & ~0x7F) != 0) {
        buf[len++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[len++] = (byte) v;
    }
  }

  /** Reads numbers and strings from the cache bytes, failing on truncation. */
  private static final class Reader {
    final byte[] buf;
    int pos;

    Reader(byte[] buf) {
      this.buf = buf;
    }

    int varint() throws IOException {
      int v = 0;
      for (int shift = 0; shift < 32; shift += 7) {
        if (pos >= buf.length) {
          throw new IOException("truncated Packages index cache");
        }
        int b = buf[pos++];
        v |= (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          if (v < 0) {
            throw new IOException("negative length in Packages index cache");
          }
          return v;
        }
      }
      throw new IOException("overlong number in Packages index cache");
    }

    String string() throws IOException {
      int n = varint();
      if (n > buf.length - pos) {
        throw new IOException("truncated Packages index cache");
      }
      String s = new String(buf, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }
  }
}
