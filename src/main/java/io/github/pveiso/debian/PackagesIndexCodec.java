package io.github.pveiso.debian;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
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
 * each stanza as field count and (name, value) string numbers. Reading rebuilds the stanzas and
 * parses them again, so the cache cannot disagree with a fresh parse.
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
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(sink, 1 << 16));
    out.write(MAGIC);
    writeString(out, index.label());
    writeVarint(out, table.size());
    for (String s : table) {
      writeString(out, s);
    }
    writeVarint(out, refs.length);
    for (int[] r : refs) {
      writeVarint(out, r.length / 2);
      for (int x : r) {
        writeVarint(out, x);
      }
    }
    out.flush();
  }

  static PackagesIndex read(InputStream source) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(source, 1 << 16));
    byte[] magic = new byte[MAGIC.length];
    in.readFully(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new IOException("not a pveiso Packages index cache (bad magic)");
    }
    String label = readString(in);
    String[] table = new String[readVarint(in)];
    for (int i = 0; i < table.length; i++) {
      table[i] = readString(in);
    }
    int count = readVarint(in);
    List<Stanza> stanzas = new ArrayList<>(count);
    for (int p = 0; p < count; p++) {
      int fields = readVarint(in);
      String[] names = new String[fields];
      String[] values = new String[fields];
      for (int i = 0; i < fields; i++) {
        names[i] = string(table, readVarint(in));
        values[i] = string(table, readVarint(in));
      }
      stanzas.add(new Stanza(names, values));
    }
    if (in.read() != -1) {
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

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    writeVarint(out, b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] b = new byte[readVarint(in)];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static void writeVarint(DataOutputStream out, int v) throws IOException {
    while ((v & ~0x7F) != 0) {
      out.write((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.write(v);
  }

  private static int readVarint(DataInputStream in) throws IOException {
    int v = 0;
    for (int shift = 0; shift < 32; shift += 7) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("truncated Packages index cache");
      }
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
}
