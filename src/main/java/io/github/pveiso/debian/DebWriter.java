package io.github.pveiso.debian;

import io.github.pveiso.Threads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Writes a .deb reproducibly: entries sorted by path with their parent directories, owner root
 * (0/0), one fixed mtime, gzip or xz members, an {@code md5sums} control file and {@code
 * Installed-Size} computed when the control stanza lacks it. Same inputs, same bytes.
 */
public final class DebWriter {
  /** Member compression. */
  public enum Compressor {
    /** {@code .tar.gz} (gzip header without time or name). */
    GZ(".gz"),
    /** {@code .tar.xz} (xz preset 6, CRC64). */
    XZ(".xz");

    private final String suffix;

    Compressor(String suffix) {
      this.suffix = suffix;
    }
  }

  /**
   * A file, directory or symlink to put in the package.
   *
   * @param path relative path, e.g. {@code usr/lib/firmware/updates/x.bin}
   * @param type FILE, DIRECTORY or SYMLINK
   * @param mode permission bits
   * @param content file bytes (empty for others)
   * @param linkTarget symlink target (empty for others)
   */
  public record Item(String path, DebEntry.Type type, int mode, byte[] content, String linkTarget) {
    /** A regular file. */
    public static Item file(String path, int mode, byte[] content) {
      return new Item(path, DebEntry.Type.FILE, mode, content, "");
    }

    /** A directory. */
    public static Item directory(String path) {
      return new Item(path, DebEntry.Type.DIRECTORY, 0755, new byte[0], "");
    }

    /** A symbolic link. */
    public static Item symlink(String path, String target) {
      return new Item(path, DebEntry.Type.SYMLINK, 0777, new byte[0], target);
    }
  }

  private static final int COMPRESS_SLICE = 1 << 20;

  private final Compressor compressor;
  private final long mtimeSeconds;

  /** A writer using {@code compressor} and stamping every entry with {@code mtimeSeconds}. */
  public DebWriter(Compressor compressor, long mtimeSeconds) {
    this.compressor = compressor;
    this.mtimeSeconds = mtimeSeconds;
  }

  /** Writes the package with {@code control} fields and {@code items} to {@code out}. */
  public void write(Stanza control, List<Item> items, OutputStream out) throws IOException {
    Map<String, Item> tree = tree(items);
    Map<String, String> fields = new LinkedHashMap<>(control.asMap());
    if (!control.has("Installed-Size")) {
      fields.put("Installed-Size", Long.toString(installedSize(tree)));
    }
    byte[] controlFile = Stanza.of(fields).format().getBytes(StandardCharsets.UTF_8);
    Map<String, Item> controlTree = new TreeMap<>();
    controlTree.put("control", Item.file("control", 0644, controlFile));
    controlTree.put("md5sums", Item.file("md5sums", 0644, md5sums(tree)));

    byte[] controlTar = compress(tar(controlTree));
    byte[] dataTar = compress(tar(tree));
    out.write(ArReader.MAGIC);
    arMember(out, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
    arMember(out, "control.tar" + compressor.suffix, controlTar);
    arMember(out, "data.tar" + compressor.suffix, dataTar);
    out.flush();
  }

  private static Map<String, Item> tree(List<Item> items) {
    Map<String, Item> tree = new TreeMap<>();
    for (Item item : items) {
      String path =
          DebPaths.normalise(item.path())
              .filter(p -> !p.isEmpty())
              .orElseThrow(
                  () -> new IllegalArgumentException("bad path in package: '" + item.path() + "'"));
      if (item.type() == DebEntry.Type.HARDLINK) {
        throw new IllegalArgumentException("hard links are not supported: " + path);
      }
      if (tree.put(path, item) != null) {
        throw new IllegalArgumentException("path given twice: " + path);
      }
      for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
        tree.putIfAbsent(path.substring(0, slash), Item.directory(path.substring(0, slash)));
      }
    }
    return tree;
  }

  private byte[] tar(Map<String, Item> tree) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      put(tar, "./", Item.directory("."));
      for (Map.Entry<String, Item> e : tree.entrySet()) {
        Item item = e.getValue();
        String name = "./" + e.getKey() + (item.type() == DebEntry.Type.DIRECTORY ? "/" : "");
        put(tar, name, item);
      }
    }
    return bytes.toByteArray();
  }

  private void put(TarArchiveOutputStream tar, String name, Item item) throws IOException {
    TarArchiveEntry entry =
        item.type() == DebEntry.Type.SYMLINK
            ? new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK)
            : new TarArchiveEntry(name);
    entry.setMode(
        (item.type() == DebEntry.Type.DIRECTORY
                ? 040000
                : item.type() == DebEntry.Type.SYMLINK ? 0120000 : 0100000)
            | (item.mode() & 07777));
    entry.setModTime(mtimeSeconds * 1000);
    entry.setIds(0, 0);
    entry.setNames("root", "root");
    if (item.type() == DebEntry.Type.SYMLINK) {
      entry.setLinkName(item.linkTarget());
    }
    if (item.type() == DebEntry.Type.FILE) {
      entry.setSize(item.content().length);
    }
    tar.putArchiveEntry(entry);
    if (item.type() == DebEntry.Type.FILE) {
      tar.write(item.content());
    }
    tar.closeArchiveEntry();
  }

  private byte[] compress(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out =
        compressor == Compressor.GZ
            ? new GZIPOutputStream(bytes)
            : new XZOutputStream(bytes, new LZMA2Options(6))) {
      // in slices, so that an interrupt (a signal) stops a long compression between two
      for (int from = 0; from < data.length; from += COMPRESS_SLICE) {
        Threads.throwIfInterrupted("compressing a package");
        out.write(data, from, Math.min(COMPRESS_SLICE, data.length - from));
      }
    }
    return bytes.toByteArray();
  }

  private void arMember(OutputStream out, String name, byte[] content) throws IOException {
    String header =
        pad(name, 16)
            + pad(Long.toString(mtimeSeconds), 12)
            + pad("0", 6)
            + pad("0", 6)
            + pad("100644", 8)
            + pad(Integer.toString(content.length), 10)
            + "`\n";
    out.write(header.getBytes(StandardCharsets.US_ASCII));
    out.write(content);
    if ((content.length & 1) == 1) {
      out.write('\n');
    }
  }

  private static String pad(String s, int width) {
    if (s.length() > width) {
      throw new IllegalArgumentException("ar header field too long: " + s);
    }
    return s + " ".repeat(width - s.length());
  }

  private static long installedSize(Map<String, Item> tree) {
    long kib = 0;
    for (Item item : tree.values()) {
      kib += item.type() == DebEntry.Type.FILE ? (item.content().length + 1023) / 1024 : 1;
    }
    return kib;
  }

  private static byte[] md5sums(Map<String, Item> tree) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Item> e : tree.entrySet()) {
      if (e.getValue().type() == DebEntry.Type.FILE) {
        sb.append(md5(e.getValue().content())).append("  ").append(e.getKey()).append('\n');
      }
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String md5(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
