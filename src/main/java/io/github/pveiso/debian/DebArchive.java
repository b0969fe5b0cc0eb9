package io.github.pveiso.debian;

import io.github.pveiso.Threads;
import io.github.pveiso.VerificationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Reads a .deb: the ar container ({@code debian-binary}, {@code control.tar.*}, {@code
 * data.tar.*}), the control fields, and the data entries as a stream. Anything malformed or
 * escaping the root is a {@link VerificationException} naming the .deb and the entry.
 *
 * <p>Open it, read {@link #control()}, then call {@link #readData} once.
 */
public final class DebArchive {
  private final String label;
  private final ArReader ar;
  private final String formatVersion;
  private final Map<String, byte[]> controlFiles;
  private final Stanza control;

  /** Data entries are handed to a visitor with a stream over their content. */
  @FunctionalInterface
  public interface DataVisitor {
    /** Receives one entry; {@code content} is valid until this method returns. */
    void entry(DebEntry entry, InputStream content) throws IOException;
  }

  private DebArchive(String label, InputStream in) throws IOException {
    this.label = label;
    this.ar = new ArReader(label, in);
    ArReader.Member first = member("debian-binary");
    if (!first.name().equals("debian-binary")) {
      throw new VerificationException(
          label + ": first ar member is " + first.name() + ", not debian-binary");
    }
    String version = new String(first.content().readNBytes(64), StandardCharsets.US_ASCII);
    if (!version.startsWith("2.") || !version.endsWith("\n")) {
      throw new VerificationException(
          label + ": unsupported .deb format version '" + version.strip() + "'");
    }
    this.formatVersion = version.strip();
    ArReader.Member controlMember = nextNonUnderscore("control.tar");
    this.controlFiles = readControl(controlMember);
    byte[] controlBytes = controlFiles.get("control");
    if (controlBytes == null) {
      throw new VerificationException(label + ": control.tar has no control file");
    }
    this.control = Deb822.parseSingle(label + " control", controlBytes);
  }

  /** Opens the .deb read from {@code in}; {@code label} names it in errors (file name or URL). */
  public static DebArchive open(String label, InputStream in) throws IOException {
    return new DebArchive(label, in);
  }

  /** The {@code debian-binary} version, e.g. {@code 2.0}. */
  public String formatVersion() {
    return formatVersion;
  }

  /** The {@code control} file's fields. */
  public Stanza control() {
    return control;
  }

  /** The files of control.tar by name ({@code control}, {@code md5sums}, {@code postinst}...). */
  public Map<String, byte[]> controlFiles() {
    return controlFiles;
  }

  /**
   * Streams the data.tar entries in archive order to {@code visitor}, within {@link DebLimits}.
   *
   * @throws VerificationException when the data is damaged, past a limit, or has an entry that
   *     escapes the root, lies below a link or is not a file, folder or link
   */
  public void readData(DataVisitor visitor) throws IOException {
    ArReader.Member data = nextNonUnderscore("data.tar");
    EarlierEntries earlier = new EarlierEntries();
    try (TarMember tar = new TarMember(label, data, DebLimits.DATA_MEMBER)) {
      Optional<TarArchiveEntry> e;
      while ((e = tar.next()).isPresent()) {
        Threads.throwIfInterrupted("reading " + label);
        Optional<DebEntry> entry = entry(data.name(), e.get(), earlier);
        if (entry.isPresent()) {
          visitor.entry(entry.get(), tar.content());
        }
      }
    }
  }

  private Optional<DebEntry> entry(String member, TarArchiveEntry e, EarlierEntries earlier) {
    String where = label + ": " + member + " entry '" + e.getName() + "'";
    Optional<DebEntry> entry = entry(where, e);
    entry.ifPresent(d -> earlier.check(where, d));
    return entry;
  }

  private Optional<DebEntry> entry(String where, TarArchiveEntry e) {
    String path =
        DebPaths.normalise(e.getName())
            .orElseThrow(() -> new VerificationException(where + " escapes the package root"));
    if (path.isEmpty()) {
      return Optional.empty();
    }
    int mode = e.getMode() & 07777;
    if (e.isBlockDevice() || e.isCharacterDevice() || e.isFIFO()) {
      throw new VerificationException(where + " is a device, fifo or other special file");
    }
    if (e.isSymbolicLink()) {
      if (!DebPaths.symlinkStaysInside(path, e.getLinkName())) {
        throw new VerificationException(
            where + " is a symlink to '" + e.getLinkName() + "' outside the package root");
      }
      return Optional.of(new DebEntry(path, DebEntry.Type.SYMLINK, mode, 0, e.getLinkName()));
    }
    if (e.isLink()) {
      String target =
          DebPaths.normalise(e.getLinkName())
              .filter(t -> !t.isEmpty())
              .orElseThrow(
                  () ->
                      new VerificationException(
                          where + " is a hard link to '" + e.getLinkName() + "' outside the root"));
      return Optional.of(new DebEntry(path, DebEntry.Type.HARDLINK, mode, 0, target));
    }
    if (e.isDirectory()) {
      return Optional.of(new DebEntry(path, DebEntry.Type.DIRECTORY, mode, 0, ""));
    }
    if (e.isFile()) {
      return Optional.of(new DebEntry(path, DebEntry.Type.FILE, mode, e.getSize(), ""));
    }
    throw new VerificationException(where + " is a device, fifo or other special file");
  }

  private Map<String, byte[]> readControl(ArReader.Member member) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    EarlierEntries earlier = new EarlierEntries();
    try (TarMember tar = new TarMember(label, member, DebLimits.CONTROL_MEMBER)) {
      Optional<TarArchiveEntry> e;
      while ((e = tar.next()).isPresent()) {
        Optional<DebEntry> entry = entry(member.name(), e.get(), earlier);
        if (entry.isPresent() && entry.get().type() == DebEntry.Type.FILE) {
          if (entry.get().size() > DebLimits.CONTROL_MEMBER) {
            throw new VerificationException(
                label
                    + ": "
                    + member.name()
                    + " entry '"
                    + e.get().getName()
                    + "' is "
                    + entry.get().size()
                    + " bytes, more than pveiso's limit of "
                    + DebLimits.describe(DebLimits.CONTROL_MEMBER)
                    + " for a control archive");
          }
          files.put(entry.get().path(), tar.content().readAllBytes());
        }
      }
    }
    return Collections.unmodifiableMap(files);
  }

  private ArReader.Member nextNonUnderscore(String prefix) throws IOException {
    while (true) {
      ArReader.Member m = member(prefix);
      if (m.name().startsWith("_")) {
        continue;
      }
      if (!m.name().equals(prefix) && !m.name().startsWith(prefix + ".")) {
        throw new VerificationException(
            label + ": expected ar member " + prefix + "[.gz|.xz|.zst] but found " + m.name());
      }
      return m;
    }
  }

  private ArReader.Member member(String expected) throws IOException {
    return ar.next()
        .orElseThrow(
            () -> new VerificationException(label + ": ar archive ends before " + expected));
  }

  @Override
  public String toString() {
    return label;
  }
}
