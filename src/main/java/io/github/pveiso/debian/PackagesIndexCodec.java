package io.github.pveiso.debian;

import io.github.pveiso.VerificationException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * The binary cache form of a {@link PackagesIndex}: magic (with the format version), label, a table
 * of distinct strings, then the packages in sections (count and byte length each, read in
 * parallel), each package's kept fields ({@link BinaryPackage#fields}) as field count and (name,
 * value) string numbers, numbers as unsigned LEB128. Each string is decoded once however many
 * packages share it, and the records are rebuilt by the same code a text parse uses, so the cache
 * cannot disagree with a fresh parse. Version 1 (every field of every stanza) is refused as an
 * older format: the caller parses the text again.
 */
final class PackagesIndexCodec {
  private static final String FORMAT = "PVEISO-PKGIDX-";
  private static final byte[] MAGIC = (FORMAT + "2\n").getBytes(StandardCharsets.US_ASCII);

  /** Indexes of at least this many packages are stored in {@link #SECTIONS} parts read at once. */
  private static final int SECTION_MIN = 1 << 12;

  private static final int SECTIONS = 2;
  private static final int MAX_SECTIONS = 64;

  private PackagesIndexCodec() {}

  static void write(PackagesIndex index, OutputStream sink) throws IOException {
    List<BinaryPackage> packages = index.packages();
    int sections = packages.size() >= SECTION_MIN ? SECTIONS : 1;
    // One pass numbers the strings (in the order first seen) and encodes each section's records,
    // which are a few MB: no reference array per package and no boxed numbers are held beside the
    // index, whose cold parse is a build's largest use of the heap (issue 14).
    StringIds ids = new StringIds();
    Buffer[] encoded = new Buffer[sections];
    int[] counts = new int[sections];
    for (int s = 0; s < sections; s++) {
      int from = (int) ((long) packages.size() * s / sections);
      int to = (int) ((long) packages.size() * (s + 1) / sections);
      Buffer section = new Buffer();
      for (int p = from; p < to; p++) {
        Stanza st = packages.get(p).fields();
        section.varint(st.size());
        for (int i = 0; i < st.size(); i++) {
          section.varint(ids.id(st.name(i)));
          section.varint(ids.id(st.value(i)));
        }
      }
      encoded[s] = section;
      counts[s] = to - from;
    }
    Buffer out = new Buffer();
    out.bytes(MAGIC);
    out.string(index.label());
    out.varint(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      out.string(ids.string(i));
      if (out.len >= 1 << 20) { // the table is most of the form: out in pieces, never whole
        sink.write(out.buf, 0, out.len);
        out.len = 0;
      }
    }
    out.varint(sections);
    for (int s = 0; s < sections; s++) {
      Buffer section = encoded[s];
      out.varint(counts[s]);
      out.varint(section.len);
      // each section goes out on its own: the whole form is never copied into one array
      sink.write(out.buf, 0, out.len);
      out.len = 0;
      sink.write(section.buf, 0, section.len);
      encoded[s] = null;
    }
    sink.write(out.buf, 0, out.len);
    sink.flush();
  }

  static PackagesIndex read(byte[] bytes) throws IOException {
    checkMagic(bytes);
    Reader in = new Reader(bytes, MAGIC.length, bytes.length);
    String label = in.string();
    String[] table = new String[in.varint()];
    for (int i = 0; i < table.length; i++) {
      table[i] = in.string();
    }
    int sections = in.varint();
    if (sections < 1 || sections > MAX_SECTIONS) {
      throw new IOException(sections + " sections in Packages index cache");
    }
    List<Callable<List<BinaryPackage>>> tasks = new ArrayList<>(sections);
    for (int i = 0; i < sections; i++) {
      int count = in.varint();
      int length = in.varint();
      if (length > in.limit - in.pos) {
        throw new IOException("truncated Packages index cache");
      }
      Reader section = new Reader(in.buf, in.pos, in.pos + length);
      tasks.add(() -> section(label, table, section, count));
      in.pos += length;
    }
    if (in.pos != in.limit) {
      throw new IOException("trailing bytes after the Packages index cache");
    }
    List<BinaryPackage> packages = new ArrayList<>();
    if (sections == 1) {
      try {
        packages.addAll(tasks.get(0).call());
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException(e);
      }
    } else {
      for (List<BinaryPackage> part : PackagesWorkers.run(tasks)) {
        packages.addAll(part);
      }
    }
    return new PackagesIndex(label, packages);
  }

  /** Reads {@code count} packages from one section. */
  private static List<BinaryPackage> section(String label, String[] table, Reader in, int count)
      throws IOException {
    int[] fieldOf = new int[table.length]; // PackageField ordinal + 1 of a name, -1 other, 0 new
    List<BinaryPackage> packages = new ArrayList<>(Math.min(count, 1 << 20));
    // a third as many distinct versions as packages in trixie main: each is parsed once
    @Nullable DebianVersion[] versions = new DebianVersion[table.length];
    @Nullable String[] v = new String[PackageField.COUNT];
    for (int p = 0; p < count; p++) {
      int fields = in.varint();
      if (fields > PackageField.COUNT) {
        throw new IOException("a package with " + fields + " fields in Packages index cache");
      }
      String[] names = new String[fields];
      String[] values = new String[fields];
      Arrays.fill(v, null);
      int versionId = -1;
      for (int i = 0; i < fields; i++) {
        int nameId = in.varint();
        int valueId = in.varint();
        names[i] = string(table, nameId);
        values[i] = string(table, valueId);
        int f = field(fieldOf, nameId, names[i]);
        if (v[f] != null) {
          throw new IOException("duplicate field " + names[i] + " in Packages index cache");
        }
        v[f] = values[i];
        if (f == PackageField.VERSION.ordinal()) {
          versionId = valueId;
        }
      }
      try {
        DebianVersion known = versionId < 0 ? null : versions[versionId];
        BinaryPackage pkg = BinaryPackage.build(label, v, new Stanza(names, values), known);
        if (versionId >= 0) {
          versions[versionId] = pkg.version();
        }
        packages.add(pkg);
      } catch (VerificationException e) {
        throw new IOException("a package in Packages index cache is invalid: " + e.getMessage(), e);
      }
    }
    if (in.pos != in.limit) {
      throw new IOException("trailing bytes in a section of the Packages index cache");
    }
    return packages;
  }

  private static void checkMagic(byte[] buf) throws IOException {
    if (buf.length >= MAGIC.length && Arrays.equals(buf, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      return;
    }
    byte[] format = FORMAT.getBytes(StandardCharsets.US_ASCII);
    if (buf.length >= format.length
        && Arrays.equals(buf, 0, format.length, format, 0, format.length)) {
      throw new IOException(
          "a Packages index cache in another format than "
              + new String(MAGIC, 0, MAGIC.length - 1, StandardCharsets.US_ASCII));
    }
    throw new IOException("not a pveiso Packages index cache (bad magic)");
  }

  /** The ordinal of the field named by string {@code id}; a name no record reads is an error. */
  private static int field(int[] fieldOf, int id, String name) throws IOException {
    int f = fieldOf[id];
    if (f == 0) {
      PackageField known = PackageField.of(name);
      f = known == null ? -1 : known.ordinal() + 1;
      fieldOf[id] = f;
    }
    if (f < 0) {
      throw new IOException("field " + name + " in Packages index cache is not one pveiso keeps");
    }
    return f - 1;
  }

  private static String string(String[] table, int id) throws IOException {
    if (id >= table.length) {
      throw new IOException("string reference " + id + " outside the table of " + table.length);
    }
    return table[id];
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

  /** Reads numbers and strings from the cache bytes {@code [pos, limit)}, failing on truncation. */
  private static final class Reader {
    final byte[] buf;
    final int limit;
    int pos;

    Reader(byte[] buf, int pos, int limit) {
      this.buf = buf;
      this.pos = pos;
      this.limit = limit;
    }

    int varint() throws IOException {
      int v = 0;
      for (int shift = 0; shift < 32; shift += 7) {
        if (pos >= limit) {
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
      if (n > limit - pos) {
        throw new IOException("truncated Packages index cache");
      }
      String s = new String(buf, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }
  }
}
