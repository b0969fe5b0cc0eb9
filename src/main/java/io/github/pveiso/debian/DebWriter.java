package io.github.pveiso.debian;

import com.github.luben.zstd.ZstdOutputStream;
import io.github.pveiso.Threads;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
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
 * (0/0), one fixed mtime, gzip, xz, zstd or uncompressed members ({@link MemberFormat}), an {@code
 * md5sums} control file and {@code Installed-Size} computed when the control stanza lacks it. Same
 * inputs, same bytes.
 *
 * <p>Over 300 lines because the in-memory and the streaming (scratch file) ways of writing share
 * the one ordering, parent-directory and md5sums rule that makes the bytes reproducible; split, the
 * two would drift apart.
 */
public final class DebWriter {
  /** Member compression. */
  public enum Compressor {
    /** {@code .tar.gz} (gzip header without time or name). */
    GZ(".gz"),
    /** {@code .tar.xz} (xz, CRC64; preset 6 unless given). */
    XZ(".xz"),
    /**
     * {@code .tar.zst} (zstd, one frame with the content's checksum, compressed by worker threads;
     * dpkg reads it since 1.21.18).
     */
    ZSTD(".zst"),
    /** {@code .tar}, not compressed. */
    NONE("");

    private final String suffix;

    Compressor(String suffix) {
      this.suffix = suffix;
    }
  }

  /**
   * How both members are compressed.
   *
   * <p>zstd runs {@code workers} threads (zstd's multi-threaded mode, at least one). Its output
   * depends on the level and on zstd's version (zstd-jni's, pinned by the build), never on the
   * number of workers or their timing: the input is cut into jobs of {@value #ZSTD_JOB_BYTES} bytes
   * (or one window, if the level's is larger), each job is compressed on its own with the window of
   * input before it as its prefix (overlap log {@value #ZSTD_OVERLAP_LOG}: all of it) and the
   * results are written in order. The writer never flushes the compressor before the end, so
   * nothing else cuts a job short.
   *
   * <p>Why these jobs: zstd holds several jobs' worth of buffers outside the Java heap, and left to
   * itself it makes a job four windows long (8 MiB at level 6), with an eighth of a window as
   * prefix. On the repacked firmware package (219 MB of tar at level 6, one worker), 2 MiB jobs
   * with a whole window as prefix took peak memory 36 MB lower and wrote 79.9 MB instead of 80.8,
   * for about 0.6 s more of the worker's time (bench/README.md, "Issue 14, target 3 with room").
   *
   * @param compressor the format
   * @param level gzip 1 to 9, xz preset 0 to 9, zstd 1 to 19; 0 for none
   * @param workers zstd's worker threads, 1 or more; 1 for the others
   */
  public record MemberFormat(Compressor compressor, int level, int workers) {
    /** The length of zstd's jobs, when the level's window is not larger. */
    public static final int ZSTD_JOB_BYTES = 2 << 20;

    /** How much of the window before a zstd job is its prefix: 9, all of it. */
    public static final int ZSTD_OVERLAP_LOG = 9;

    /** Checks the level and the workers against the format. */
    public MemberFormat {
      int[] levels =
          switch (compressor) {
            case GZ -> new int[] {1, 9};
            case XZ -> new int[] {0, 9};
            case ZSTD -> new int[] {1, 19};
            case NONE -> new int[] {0, 0};
          };
      if (level < levels[0] || level > levels[1]) {
        throw new IllegalArgumentException(
            compressor + " level " + level + " is not in " + levels[0] + " to " + levels[1]);
      }
      if (workers < 1 || (workers > 1 && compressor != Compressor.ZSTD)) {
        throw new IllegalArgumentException(compressor + " cannot use " + workers + " workers");
      }
    }

    /** gzip at its default level (6). */
    public static MemberFormat gzip() {
      return new MemberFormat(Compressor.GZ, 6, 1);
    }

    /** xz at {@code preset}. */
    public static MemberFormat xz(int preset) {
      return new MemberFormat(Compressor.XZ, preset, 1);
    }

    /** zstd at {@code level} with {@code workers} threads. */
    public static MemberFormat zstd(int level, int workers) {
      return new MemberFormat(Compressor.ZSTD, level, workers);
    }

    /** Not compressed. */
    public static MemberFormat none() {
      return new MemberFormat(Compressor.NONE, 0, 1);
    }

    /**
     * {@code xz -6}, {@code zstd -19 (2 workers)}, {@code zstd -6 (1 worker)}, {@code gzip -6},
     * {@code none}.
     */
    @Override
    public String toString() {
      return switch (compressor) {
        case NONE -> "none";
        case GZ -> "gzip -" + level;
        case XZ -> "xz -" + level;
        case ZSTD -> "zstd -" + level + " (" + workers + (workers == 1 ? " worker)" : " workers)");
      };
    }
  }

  /** A file's bytes: in memory, or in a file read while the package is written. */
  public interface Content {
    /** The number of bytes. */
    long size();

    /** A stream over exactly {@link #size()} bytes. */
    InputStream open() throws IOException;

    /** These bytes (not copied: do not change them). */
    static Content of(byte[] bytes) {
      return new Content() {
        @Override
        public long size() {
          return bytes.length;
        }

        @Override
        public InputStream open() {
          return new ByteArrayInputStream(bytes);
        }
      };
    }

    /** The bytes of {@code file}, which must still be {@code size} bytes long when it is read. */
    static Content of(Path file, long size) {
      return new Content() {
        @Override
        public long size() {
          return size;
        }

        @Override
        public InputStream open() throws IOException {
          return Files.newInputStream(file);
        }
      };
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
  public record Item(
      String path, DebEntry.Type type, int mode, Content content, String linkTarget) {
    private static final Content NONE = Content.of(new byte[0]);

    /** A regular file. */
    public static Item file(String path, int mode, byte[] content) {
      return new Item(path, DebEntry.Type.FILE, mode, Content.of(content), "");
    }

    /** A regular file whose {@code size} bytes are in {@code content}, read when it is written. */
    public static Item file(String path, int mode, Path content, long size) {
      return new Item(path, DebEntry.Type.FILE, mode, Content.of(content, size), "");
    }

    /** A directory. */
    public static Item directory(String path) {
      return new Item(path, DebEntry.Type.DIRECTORY, 0755, NONE, "");
    }

    /** A symbolic link. */
    public static Item symlink(String path, String target) {
      return new Item(path, DebEntry.Type.SYMLINK, 0777, NONE, target);
    }
  }

  private final MemberFormat format;
  private final long mtimeSeconds;

  /**
   * A writer using {@code compressor} at its default level (gzip 6, xz 6; zstd 19 on one worker)
   * and stamping every entry with {@code mtimeSeconds}.
   */
  public DebWriter(Compressor compressor, long mtimeSeconds) {
    this(
        switch (compressor) {
          case GZ -> MemberFormat.gzip();
          case XZ -> MemberFormat.xz(6);
          case ZSTD -> MemberFormat.zstd(19, 1);
          case NONE -> MemberFormat.none();
        },
        mtimeSeconds);
  }

  /** A writer compressing as {@code format} and stamping every entry with {@code mtimeSeconds}. */
  public DebWriter(MemberFormat format, long mtimeSeconds) {
    this.format = format;
    this.mtimeSeconds = mtimeSeconds;
  }

  /**
   * Writes the package with {@code control} fields and {@code items} to {@code out}, its data
   * member held in memory (for small packages).
   */
  public void write(Stanza control, List<Item> items, OutputStream out) throws IOException {
    Map<String, Item> tree = tree(items);
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    Map<String, String> md5sums = data(tree, data);
    finish(control, List.of(), tree, md5sums, data.size(), data::writeTo, out);
  }

  /**
   * Writes the package as above, its data member streamed through a temporary file in {@code
   * scratch} (deleted before this returns): no file's bytes are held in memory.
   */
  public void write(Stanza control, List<Item> items, OutputStream out, Path scratch)
      throws IOException {
    write(control, List.of(), items, out, scratch);
  }

  /**
   * Writes the package streamed as above, with more files in its control archive ({@code postinst},
   * {@code postrm}, {@code triggers}...: plain names, files only, each with its mode; they are
   * small and read into the control member, which is built in memory).
   *
   * @throws IllegalArgumentException when a control file is not a file, has a {@code /} in its
   *     name, or is {@code control}, {@code md5sums} or given twice
   */
  public void write(
      Stanza control, List<Item> controlFiles, List<Item> items, OutputStream out, Path scratch)
      throws IOException {
    checkControlFiles(controlFiles);
    Map<String, Item> tree = tree(items);
    Path data = Files.createTempFile(scratch, ".data-tar-", ".tmp");
    try {
      Map<String, String> md5sums;
      try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(data), 1 << 16)) {
        md5sums = data(tree, o);
      }
      finish(control, controlFiles, tree, md5sums, Files.size(data), o -> Files.copy(data, o), out);
    } finally {
      Files.deleteIfExists(data);
    }
  }

  /** Writes the member's bytes. */
  @FunctionalInterface
  private interface MemberBytes {
    void writeTo(OutputStream out) throws IOException;
  }

  /** The compressed data tar of {@code tree} into {@code out}; the MD5 of each file by path. */
  private Map<String, String> data(Map<String, Item> tree, OutputStream out) throws IOException {
    Map<String, String> md5sums = new TreeMap<>();
    try (OutputStream compressed = compressing(new NoClose(out))) {
      tar(tree, compressed, md5sums);
    }
    return md5sums;
  }

  private static void checkControlFiles(List<Item> controlFiles) {
    Map<String, Item> names = new TreeMap<>();
    for (Item extra : controlFiles) {
      if (extra.type() != DebEntry.Type.FILE
          || extra.path().isEmpty()
          || extra.path().contains("/")
          || extra.path().equals("control")
          || extra.path().equals("md5sums")
          || names.put(extra.path(), extra) != null) {
        throw new IllegalArgumentException("bad control file: '" + extra.path() + "'");
      }
    }
  }

  private void finish(
      Stanza control,
      List<Item> controlFiles,
      Map<String, Item> tree,
      Map<String, String> md5sums,
      long dataSize,
      MemberBytes dataBytes,
      OutputStream out)
      throws IOException {
    Map<String, String> fields = new LinkedHashMap<>(control.asMap());
    if (!control.has("Installed-Size")) {
      fields.put("Installed-Size", Long.toString(installedSize(tree)));
    }
    byte[] controlFile = Stanza.of(fields).format().getBytes(StandardCharsets.UTF_8);
    Map<String, Item> controlTree = new TreeMap<>();
    controlTree.put("control", Item.file("control", 0644, controlFile));
    controlTree.put("md5sums", Item.file("md5sums", 0644, md5sums(md5sums)));
    for (Item extra : controlFiles) {
      controlTree.put(extra.path(), extra);
    }
    ByteArrayOutputStream controlTar = new ByteArrayOutputStream();
    try (OutputStream compressed = compressing(controlTar)) {
      tar(controlTree, compressed, new TreeMap<>());
    }

    out.write(ArReader.MAGIC);
    byte[] binary = "2.0\n".getBytes(StandardCharsets.US_ASCII);
    arMember(out, "debian-binary", binary.length, o -> o.write(binary));
    String suffix = format.compressor().suffix;
    arMember(out, "control.tar" + suffix, controlTar.size(), controlTar::writeTo);
    arMember(out, "data.tar" + suffix, dataSize, dataBytes);
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

  private void tar(Map<String, Item> tree, OutputStream out, Map<String, String> md5sums)
      throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(new NoClose(out));
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    put(tar, "./", Item.directory("."));
    for (Map.Entry<String, Item> e : tree.entrySet()) {
      Item item = e.getValue();
      String name = "./" + e.getKey() + (item.type() == DebEntry.Type.DIRECTORY ? "/" : "");
      String md5 = put(tar, name, item);
      if (item.type() == DebEntry.Type.FILE) {
        md5sums.put(e.getKey(), md5);
      }
    }
    tar.finish();
    tar.close();
  }

  /** Writes one entry; returns the MD5 (hex) of a file's bytes, else an empty string. */
  private String put(TarArchiveOutputStream tar, String name, Item item) throws IOException {
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
      entry.setSize(item.content().size());
    }
    tar.putArchiveEntry(entry);
    String md5sum = "";
    if (item.type() == DebEntry.Type.FILE) {
      MessageDigest md5 = md5();
      long copied;
      try (InputStream in = new DigestInputStream(item.content().open(), md5)) {
        copied = copy(in, tar, item.content().size());
      }
      if (copied != item.content().size()) {
        throw new IllegalStateException(
            name + " has " + copied + " bytes, not " + item.content().size() + " as given");
      }
      md5sum = HexFormat.of().formatHex(md5.digest());
    }
    tar.closeArchiveEntry();
    return md5sum;
  }

  /** Copies at most {@code limit} bytes; returns how many there were, up to one more. */
  private static long copy(InputStream in, OutputStream out, long limit) throws IOException {
    byte[] buffer = new byte[1 << 16];
    long copied = 0;
    while (copied <= limit) {
      // a file at a time could be large: an interrupt (a signal) stops the copy between buffers
      Threads.throwIfInterrupted("writing a package");
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - copied + 1));
      if (n < 0) {
        break;
      }
      if (copied + n > limit) {
        return copied + n;
      }
      out.write(buffer, 0, n);
      copied += n;
    }
    return copied;
  }

  private OutputStream compressing(OutputStream out) throws IOException {
    return switch (format.compressor()) {
      case GZ -> new LeveledGzip(out, format.level());
      case XZ -> new XZOutputStream(out, new LZMA2Options(format.level()));
      case NONE -> new NoClose(out);
      case ZSTD -> {
        ZstdOutputStream zstd = new ZstdOutputStream(out, format.level());
        zstd.setChecksum(true);
        zstd.setWorkers(format.workers());
        zstd.setJobSize(MemberFormat.ZSTD_JOB_BYTES);
        zstd.setOverlapLog(MemberFormat.ZSTD_OVERLAP_LOG);
        // tar writes records of 512 bytes; a flush would end zstd's job early: see MemberFormat
        yield new BufferedOutputStream(new NoFlush(zstd), 1 << 17);
      }
    };
  }

  private void arMember(OutputStream out, String name, long size, MemberBytes content)
      throws IOException {
    String header =
        pad(name, 16)
            + pad(Long.toString(mtimeSeconds), 12)
            + pad("0", 6)
            + pad("0", 6)
            + pad("100644", 8)
            + pad(Long.toString(size), 10)
            + "`\n";
    out.write(header.getBytes(StandardCharsets.US_ASCII));
    content.writeTo(out);
    if ((size & 1) == 1) {
      out.write('\n');
    }
  }

  /** Passes everything on but {@link #close()}, so a compressor can finish into a shared stream. */
  private static final class NoClose extends java.io.FilterOutputStream {
    NoClose(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  /** gzip at a level (the header has neither time nor name). */
  private static final class LeveledGzip extends GZIPOutputStream {
    LeveledGzip(OutputStream out, int level) throws IOException {
      super(out);
      def.setLevel(level);
    }
  }

  /** Passes everything on but {@link #flush()}, so only the end of the stream ends a zstd job. */
  private static final class NoFlush extends java.io.FilterOutputStream {
    NoFlush(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void flush() {
      // on purpose: see MemberFormat
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
      kib += item.type() == DebEntry.Type.FILE ? (item.content().size() + 1023) / 1024 : 1;
    }
    return kib;
  }

  private static byte[] md5sums(Map<String, String> md5sums) {
    StringBuilder sb = new StringBuilder();
    md5sums.forEach((path, md5) -> sb.append(md5).append("  ").append(path).append('\n'));
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
