package io.github.pveiso.debian;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Builds hostile and malformed .deb files in code, byte by byte where a packaging tool would
 * refuse: entries in exactly the order and with exactly the names given (no parent folders added),
 * symlinks and hard links anywhere, tar headers that declare more bytes than follow, members in any
 * compression, ar members with any size field, xz headers asking for any dictionary.
 */
public final class CraftedDeb {

  /**
   * One data.tar entry as written.
   *
   * @param name the tar name, as is
   * @param type the tar type flag
   * @param link the link name (symlinks and hard links)
   * @param content the bytes that follow the header
   * @param declaredSize the size the header declares (usually the content's length)
   */
  public record Entry(String name, byte type, String link, byte[] content, long declaredSize) {}

  /**
   * One ar member as written.
   *
   * @param name the member name
   * @param sizeField the size field of its header, as text
   * @param content its bytes
   */
  public record Member(String name, String sizeField, byte[] content) {
    /** A member whose size field is its length. */
    public static Member of(String name, byte[] content) {
      return new Member(name, Integer.toString(content.length), content);
    }
  }

  private final String name;
  private final String version;
  private String controlText;
  private String compression = ".gz";
  private final List<Entry> data = new ArrayList<>();

  /** A package {@code name} at {@code version} with an ordinary control file and no data. */
  public CraftedDeb(String name, String version) {
    this.name = name;
    this.version = version;
    this.controlText =
        "Package: "
            + name
            + "\nVersion: "
            + version
            + "\nArchitecture: all\nMaintainer: t <t@example.invalid>\nDescription: crafted\n";
  }

  /** Replaces the whole control file. */
  public CraftedDeb controlText(String text) {
    this.controlText = text;
    return this;
  }

  /** The suffix of both tar members: {@code ""}, {@code .gz}, {@code .xz} or {@code .zst}. */
  public CraftedDeb compression(String suffix) {
    this.compression = suffix;
    return this;
  }

  /** Adds any data entry. */
  public CraftedDeb entry(Entry entry) {
    data.add(entry);
    return this;
  }

  /** Adds a folder. */
  public CraftedDeb dir(String path) {
    return entry(new Entry(path, TarConstants.LF_DIR, "", new byte[0], 0));
  }

  /** Adds a file. */
  public CraftedDeb file(String path, String content) {
    return file(path, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Adds a file. */
  public CraftedDeb file(String path, byte[] content) {
    return entry(new Entry(path, TarConstants.LF_NORMAL, "", content, content.length));
  }

  /** Adds a symlink. */
  public CraftedDeb symlink(String path, String target) {
    return entry(new Entry(path, TarConstants.LF_SYMLINK, target, new byte[0], 0));
  }

  /** Adds a hard link. */
  public CraftedDeb hardLink(String path, String target) {
    return entry(new Entry(path, TarConstants.LF_LINK, target, new byte[0], 0));
  }

  /** The package file name, {@code <name>_<version>_all.deb}. */
  public String fileName() {
    return name + "_" + version + "_all.deb";
  }

  /** The .deb's bytes. */
  public byte[] build() {
    List<Entry> controlEntries = new ArrayList<>();
    byte[] c = controlText.getBytes(StandardCharsets.UTF_8);
    controlEntries.add(new Entry("./control", TarConstants.LF_NORMAL, "", c, c.length));
    return ar(
        List.of(
            Member.of("debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII)),
            Member.of("control.tar" + compression, compress(compression, tar(controlEntries))),
            Member.of("data.tar" + compression, compress(compression, tar(data)))));
  }

  /** Writes the .deb into {@code dir} as {@link #fileName()}. */
  public Path write(Path dir) {
    try {
      return Files.write(dir.resolve(fileName()), build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A tar of {@code entries}, each header as declared, then two zero records. */
  public static byte[] tar(List<Entry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Entry e : entries) {
      TarArchiveEntry header = new TarArchiveEntry(e.name(), e.type(), true);
      header.setMode(
          switch (e.type()) {
            case TarConstants.LF_DIR -> 040755;
            case TarConstants.LF_SYMLINK -> 0120777;
            default -> 0100644;
          });
      header.setModTime(1_700_000_000_000L);
      if (!e.link().isEmpty()) {
        header.setLinkName(e.link());
      }
      header.setSize(e.declaredSize());
      byte[] record = new byte[512];
      header.writeEntryHeader(record);
      out.writeBytes(record);
      out.writeBytes(e.content());
      int pad = (512 - e.content().length % 512) % 512;
      out.writeBytes(new byte[pad]);
    }
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  /** {@code bytes} compressed as {@code suffix} says ({@code ""}: as they are). */
  public static byte[] compress(String suffix, byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      try (OutputStream c =
          switch (suffix) {
            case "" -> out;
            case ".gz" -> new GZIPOutputStream(out);
            case ".xz" -> new XZOutputStream(out, new LZMA2Options(1));
            case ".zst" -> new ZstdOutputStream(out);
            default -> throw new IllegalArgumentException(suffix);
          }) {
        c.write(bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * {@code bytes} as xz whose block header asks for a dictionary of {@code 2 or 3 << n} bytes
   * ({@code dictByte} is the LZMA2 property: 37 asks for 1.5 GiB), its CRC32 fixed.
   */
  public static byte[] xzAskingForDictionary(byte[] bytes, int dictByte) {
    byte[] xz = compress(".xz", bytes);
    // stream header (12), block header: size, flags, filter id 0x21, props size 1, dict byte
    if (xz[12] != 0x02 || xz[13] != 0x00 || xz[14] != 0x21 || xz[15] != 0x01) {
      throw new IllegalStateException("unexpected xz block header");
    }
    byte[] out = Arrays.copyOf(xz, xz.length);
    out[16] = (byte) dictByte;
    CRC32 crc = new CRC32();
    crc.update(out, 12, 8);
    long v = crc.getValue();
    for (int i = 0; i < 4; i++) {
      out[20 + i] = (byte) (v >>> (8 * i));
    }
    return out;
  }

  /** An ar archive of {@code members}, each padded to an even length. */
  public static byte[] ar(List<Member> members) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("!<arch>\n".getBytes(StandardCharsets.US_ASCII));
    for (Member m : members) {
      out.writeBytes(
          String.format(
                  "%-16s%-12s%-6s%-6s%-8s%-10s`\n",
                  m.name(), "0", "0", "0", "100644", m.sizeField())
              .getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(m.content());
      if (m.content().length % 2 == 1) {
        out.write('\n');
      }
    }
    return out.toByteArray();
  }

  /** The members of the .deb this builds, to change one and write them with {@link #ar}. */
  public List<Member> members() {
    byte[] deb = build();
    List<Member> members = new ArrayList<>();
    int at = 8;
    while (at + 60 <= deb.length) {
      String header = new String(deb, at, 60, StandardCharsets.US_ASCII);
      int size = Integer.parseInt(header.substring(48, 58).strip());
      members.add(
          Member.of(
              header.substring(0, 16).strip(), Arrays.copyOfRange(deb, at + 60, at + 60 + size)));
      at += 60 + size + (size % 2);
    }
    return members;
  }
}
