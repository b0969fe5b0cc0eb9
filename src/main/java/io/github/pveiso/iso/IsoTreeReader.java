package io.github.pveiso.iso;

import io.github.pveiso.VerificationException;
import io.github.pveiso.iso.bytes.Extent;
import io.github.pveiso.iso.bytes.ImageChannel;
import io.github.pveiso.iso.iso9660.DirectoryRecord;
import io.github.pveiso.iso.iso9660.PrimaryVolumeDescriptor;
import io.github.pveiso.iso.iso9660.RockRidge;
import io.github.pveiso.iso.iso9660.SuspEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Walks an ISO's directory tree from a volume descriptor's root, reading Rock Ridge or Joliet
 * names, joining multi-extent files and refusing directory loops.
 */
final class IsoTreeReader {
  private static final int MAX_DIRECTORY_BYTES = 64 << 20;
  private static final int MAX_CONTINUATIONS = 64;

  /** Deeper than any real tree (Linux's 4096-byte paths allow 2048 levels of one letter). */
  private static final int MAX_DEPTH = 256;

  private final ImageChannel image;
  private final NameSource names;
  private final int suspSkip;
  private final Map<Long, String> visited = new HashMap<>();
  private final List<IsoEntry> entries = new ArrayList<>();

  /**
   * The bytes of directories and continuation areas still to be read: in a sound image they never
   * overlap, so together they fit in it; overlapping ones that go beyond are refused.
   */
  private long unread;

  private IsoTreeReader(ImageChannel image, NameSource names, int suspSkip) {
    this.image = image;
    this.names = names;
    this.suspSkip = suspSkip;
    this.unread = image.size();
  }

  /** The name source the tree of {@code primary} supports, given an optional Joliet descriptor. */
  static NameSource nameSource(
      ImageChannel image, PrimaryVolumeDescriptor primary, boolean hasJoliet) {
    if (rockRidgeSkip(image, primary).isPresent()) {
      return NameSource.ROCK_RIDGE;
    }
    return hasJoliet ? NameSource.JOLIET : NameSource.ISO9660;
  }

  /**
   * Reads every entry under the root of {@code volume}, sorted by path.
   *
   * @throws VerificationException on a directory loop or a malformed record
   */
  static List<IsoEntry> read(ImageChannel image, PrimaryVolumeDescriptor volume, NameSource names) {
    int skip = names == NameSource.ROCK_RIDGE ? rockRidgeSkip(image, volume).orElse(0) : 0;
    IsoTreeReader reader = new IsoTreeReader(image, names, skip);
    DirectoryRecord root = volume.root();
    DirectoryRecord self =
        DirectoryRecord.parse(image.read(root.extent() * Extent.BLOCK, Extent.BLOCK), 0);
    RockRidge rr =
        names == NameSource.ROCK_RIDGE
            ? reader.inRecord("/", () -> RockRidge.of(SuspEntry.parseAll(self.systemUse(), 0)))
            : RockRidge.NONE;
    reader.entries.add(
        new IsoEntry(
            "/",
            IsoEntry.Kind.DIRECTORY,
            0,
            List.of(new Extent(root.extent(), root.dataLength())),
            rr.mode(),
            rr.modified().or(() -> root.recorded().toInstant()),
            Optional.empty()));
    reader.walk("/", root.extent(), root.dataLength());
    reader.entries.sort(Comparator.comparing(IsoEntry::path));
    return List.copyOf(reader.entries);
  }

  /** The SUSP skip length when the root's "." record starts with an SP entry (Rock Ridge). */
  private static Optional<Integer> rockRidgeSkip(
      ImageChannel image, PrimaryVolumeDescriptor volume) {
    byte[] sector = image.read(volume.root().extent() * Extent.BLOCK, Extent.BLOCK);
    DirectoryRecord self = DirectoryRecord.parse(sector, 0);
    byte[] su = self.systemUse();
    if (su.length >= 7
        && su[0] == 'S'
        && su[1] == 'P'
        && su[4] == (byte) 0xBE
        && su[5] == (byte) 0xEF) {
      return Optional.of(su[6] & 0xff);
    }
    return Optional.empty();
  }

  private void walk(String dirPath, long extent, long length) {
    String seen = visited.putIfAbsent(extent, dirPath);
    if (seen != null) {
      throw new VerificationException(
          "directory "
              + dirPath
              + " points at block "
              + extent
              + " already read as "
              + seen
              + ": the ISO's directory tree has a loop");
    }
    if (length > MAX_DIRECTORY_BYTES) {
      throw new VerificationException(
          "directory " + dirPath + " claims " + length + " bytes, more than any real directory");
    }
    if (extent * Extent.BLOCK + length > image.size()) {
      throw new VerificationException(
          image.path()
              + ": directory "
              + dirPath
              + " at block "
              + extent
              + " holds "
              + length
              + " bytes, past the image's end at "
              + image.size());
    }
    long depth = dirPath.chars().filter(c -> c == '/').count();
    if (depth > MAX_DEPTH) {
      throw new VerificationException(
          image.path() + ": directory " + dirPath + " nests deeper than " + MAX_DEPTH + " levels");
    }
    spend(length, image.path() + ": directory " + dirPath);
    List<DirectoryRecord> records =
        DirectoryRecord.parseAll(image.read(extent * Extent.BLOCK, (int) length));
    List<DirectoryRecord> pending = new ArrayList<>();
    for (DirectoryRecord record : records) {
      if (record.isSelfOrParent()) {
        continue;
      }
      pending.add(record);
      if (!record.isMultiExtent()) {
        addEntry(dirPath, pending);
        pending = new ArrayList<>();
      }
    }
    if (!pending.isEmpty()) {
      throw new VerificationException(
          "directory " + dirPath + " ends inside a multi-extent file's records");
    }
  }

  /** Takes {@code bytes} from what may still be read, for what {@code where} names. */
  private void spend(long bytes, String where) {
    unread -= bytes;
    if (unread < 0) {
      throw new VerificationException(
          where
              + ": the directories and continuation areas read up to here hold more bytes than the"
              + " image's "
              + image.size()
              + "; they overlap");
    }
  }

  private void addEntry(String dirPath, List<DirectoryRecord> parts) {
    DirectoryRecord first = parts.get(0);
    String recordPath =
        (dirPath.equals("/") ? "/" : dirPath + "/") + EntryNames.printable(first.isoName());
    RockRidge rr =
        names == NameSource.ROCK_RIDGE
            ? inRecord(recordPath, () -> rockRidge(first))
            : RockRidge.NONE;
    if (rr.relocated()) {
      return;
    }
    String raw =
        switch (names) {
          case ROCK_RIDGE -> rr.name().orElse(first.isoName());
          case JOLIET -> first.jolietName();
          case ISO9660 -> first.isoName();
        };
    NameSource from =
        names == NameSource.ROCK_RIDGE && rr.name().isEmpty() ? NameSource.ISO9660 : names;
    String name = inRecord(recordPath, () -> EntryNames.check(raw, from));
    String path = dirPath.equals("/") ? "/" + name : dirPath + "/" + name;
    Optional<Instant> modified = rr.modified().or(() -> first.recorded().toInstant());
    if (rr.childLink() >= 0) {
      DirectoryRecord self =
          DirectoryRecord.parse(image.read(rr.childLink() * Extent.BLOCK, Extent.BLOCK), 0);
      addDirectory(path, self, rr, modified);
      return;
    }
    if (first.isDirectory()) {
      addDirectory(path, first, rr, modified);
      return;
    }
    if (rr.isSymlink() || rr.symlinkTarget().isPresent()) {
      entries.add(
          new IsoEntry(
              path, IsoEntry.Kind.SYMLINK, 0, List.of(), rr.mode(), modified, rr.symlinkTarget()));
      return;
    }
    List<Extent> extents = new ArrayList<>();
    long size = 0;
    for (DirectoryRecord part : parts) {
      extents.add(new Extent(part.extent(), part.dataLength()));
      size += part.dataLength();
    }
    entries.add(
        new IsoEntry(
            path, IsoEntry.Kind.FILE, size, extents, rr.mode(), modified, Optional.empty()));
  }

  private void addDirectory(
      String path, DirectoryRecord dir, RockRidge rr, Optional<Instant> modified) {
    entries.add(
        new IsoEntry(
            path,
            IsoEntry.Kind.DIRECTORY,
            0,
            List.of(new Extent(dir.extent(), dir.dataLength())),
            rr.mode(),
            modified,
            Optional.empty()));
    walk(path, dir.extent(), dir.dataLength());
  }

  /**
   * Runs {@code read} on the record at {@code recordPath} (its directory's path and its ISO 9660
   * name): a damaged entry's or a bad name's message then says which image and record.
   */
  private <T> T inRecord(String recordPath, java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (VerificationException e) {
      throw new VerificationException(image.path() + ": " + recordPath + ": " + e.getMessage(), e);
    }
  }

  private RockRidge rockRidge(DirectoryRecord record) {
    byte[] su = record.systemUse();
    List<SuspEntry> susp = new ArrayList<>(SuspEntry.parseAll(su, Math.min(suspSkip, su.length)));
    RockRidge rr = RockRidge.of(susp);
    for (int i = 0; rr.continuation().isPresent(); i++) {
      if (i == MAX_CONTINUATIONS) {
        throw new VerificationException(
            "Rock Ridge continuation areas of '"
                + record.isoName()
                + "' form a chain longer than "
                + MAX_CONTINUATIONS);
      }
      RockRidge.Continuation ce = rr.continuation().get();
      susp.removeIf(e -> e.signature().equals("CE"));
      long at = ce.block() * Extent.BLOCK + ce.offset();
      if (at + ce.length() > image.size()) {
        throw new VerificationException(
            "Rock Ridge CE entry points at block "
                + ce.block()
                + ", beyond the image's end at byte "
                + image.size());
      }
      spend(ce.length(), "Rock Ridge continuation area at block " + ce.block());
      byte[] area = image.read(at, (int) ce.length());
      susp.addAll(SuspEntry.parseAll(area, 0));
      rr = RockRidge.of(susp);
    }
    return rr;
  }
}
