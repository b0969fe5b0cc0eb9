package io.github.pveiso.debian;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Builds small .deb files in code (ar of debian-binary, control.tar.gz, data.tar.gz), including
 * malformed ones a packaging tool would refuse to make: entries with {@code ../} or absolute
 * symlinks.
 */
public final class TestDeb {

  /** One data.tar entry: a file with content, or a symlink. */
  sealed interface Entry {
    String path();
  }

  record File(String path, byte[] content) implements Entry {}

  record Symlink(String path, String target) implements Entry {}

  private final String name;
  private final String version;
  private final String architecture;
  private final List<Entry> entries = new ArrayList<>();

  /** A package {@code name_version_architecture} with no files yet. */
  public TestDeb(String name, String version, String architecture) {
    this.name = name;
    this.version = version;
    this.architecture = architecture;
  }

  /** Adds a file to data.tar. */
  public TestDeb file(String path, String content) {
    entries.add(new File(path, content.getBytes(StandardCharsets.UTF_8)));
    return this;
  }

  /** Adds a symlink to data.tar. */
  public TestDeb symlink(String path, String target) {
    entries.add(new Symlink(path, target));
    return this;
  }

  String name() {
    return name;
  }

  String version() {
    return version;
  }

  String architecture() {
    return architecture;
  }

  /** The .deb's bytes. */
  public byte[] build() {
    String control =
        "Package: "
            + name
            + "\nVersion: "
            + version
            + "\nArchitecture: "
            + architecture
            + "\nMaintainer: Test <test@example.invalid>\nDescription: test package\n";
    List<Entry> controlEntries =
        List.of(new File("./control", control.getBytes(StandardCharsets.UTF_8)));
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ArArchiveOutputStream ar = new ArArchiveOutputStream(out)) {
        addMember(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
        addMember(ar, "control.tar.gz", tarGz(controlEntries));
        addMember(ar, "data.tar.gz", tarGz(entries));
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void addMember(ArArchiveOutputStream ar, String member, byte[] bytes)
      throws IOException {
    ar.putArchiveEntry(new ArArchiveEntry(member, bytes.length, 0, 0, 0100644, 1_700_000_000L));
    ar.write(bytes);
    ar.closeArchiveEntry();
  }

  private static byte[] tarGz(List<Entry> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
      java.util.Set<String> dirs = new java.util.HashSet<>();
      for (Entry entry : entries) {
        String path = entry instanceof File f ? f.path() : ((Symlink) entry).path();
        // like dpkg-deb, every parent folder is an entry of its own before what it holds
        String[] parts = path.split("/");
        StringBuilder dir = new StringBuilder();
        for (int i = 0; i < parts.length - 1 && !parts[i].equals(".."); i++) {
          dir.append(parts[i]).append('/');
          if (!parts[i].equals(".") && dirs.add(dir.toString())) {
            TarArchiveEntry d = new TarArchiveEntry(dir.toString(), true);
            d.setMode(040755);
            tar.putArchiveEntry(d);
            tar.closeArchiveEntry();
          }
        }
        switch (entry) {
          case File file -> {
            TarArchiveEntry tarEntry = new TarArchiveEntry(file.path(), true);
            tarEntry.setSize(file.content().length);
            tarEntry.setMode(0100644);
            tar.putArchiveEntry(tarEntry);
            tar.write(file.content());
            tar.closeArchiveEntry();
          }
          case Symlink link -> {
            TarArchiveEntry tarEntry =
                new TarArchiveEntry(link.path(), TarConstants.LF_SYMLINK, true);
            tarEntry.setLinkName(link.target());
            tar.putArchiveEntry(tarEntry);
            tar.closeArchiveEntry();
          }
        }
      }
    }
    return out.toByteArray();
  }
}
