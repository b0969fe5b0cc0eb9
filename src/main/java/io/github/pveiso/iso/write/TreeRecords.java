package io.github.pveiso.iso.write;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.iso.bytes.Bytes;
import io.github.pveiso.iso.bytes.Extent;
import io.github.pveiso.iso.iso9660.DirectoryRecord;
import io.github.pveiso.iso.iso9660.RecordingDate;
import io.github.pveiso.iso.iso9660.SuspEntry;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes of a grown tree's rewritten folders and of its path tables: unchanged records copied,
 * moved folders with their new place, new records with Rock Ridge PX, TF, NM (and SL for links).
 */
final class TreeRecords {

  /** Largest extent of one record; bigger files are written as several (multi-extent). */
  static final long MAX_EXTENT = 0xFFFFF800L;

  private static final int S_IFDIR = 0040000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFLNK = 0120777;

  private final boolean joliet;
  private final RockRidgeStyle style;
  private final Map<String, Long> fileExtents;
  private final long emptyExtent;
  private final Map<String, Long> inodes = new HashMap<>();
  private long nextInode;
  private final ByteArrayOutputStream continuations = new ByteArrayOutputStream();
  private long continuationBlock;

  /**
   * Records for one tree.
   *
   * @param joliet the tree is Joliet (no System Use fields)
   * @param fileExtents where each new file's bytes start, by ISO path
   * @param emptyExtent the block empty files and links point at
   */
  TreeRecords(
      boolean joliet, RockRidgeStyle style, Map<String, Long> fileExtents, long emptyExtent) {
    this.joliet = joliet;
    this.style = style;
    this.fileExtents = fileExtents;
    this.emptyExtent = emptyExtent;
    this.nextInode = style.maxInode() + 1;
  }

  /** The folder's extent: its records packed into blocks, never across a block boundary. */
  byte[] directory(OutDir dir) {
    List<byte[]> records = new ArrayList<>();
    records.add(self(dir).record());
    records.add(parent(dir).record());
    for (OutDir.Item item : dir.items) {
      switch (item) {
        case OutDir.Copied c -> c.records().forEach(r -> records.add(r.record()));
        case OutDir.Child c ->
            records.add(
                c.dir().sourceRecord != null
                    ? c.dir().patched(c.dir().sourceRecord).record()
                    : dirRecord(c.dir(), c.identifier(), false).record());
        case OutDir.New n ->
            leaf(n).forEach(r -> records.add(checked(r, n.leaf().isoPath()).record()));
      }
    }
    return pack(records);
  }

  private DirectoryRecord self(OutDir dir) {
    if (dir.source.isPresent()) {
      return dir.patched(dir.source.get().self());
    }
    return dirRecord(dir, new byte[] {0}, true);
  }

  private DirectoryRecord parent(OutDir dir) {
    OutDir parent = dir.parent == null ? dir : dir.parent;
    if (dir.source.isPresent()) {
      return parent.patched(dir.source.get().parent());
    }
    if (parent.source.isPresent()) {
      DirectoryRecord self = parent.source.get().self();
      byte[] su = joliet ? new byte[0] : plainFields(self.systemUse());
      return parent.patched(
          new DirectoryRecord(0, 0, 0, self.recorded(), self.flags(), 0, 0, 1, new byte[] {1}, su));
    }
    return dirRecord(parent, new byte[] {1}, true);
  }

  /** PX and TF of a "." record (no SP, CE or ER), for a new child's "..". */
  private static byte[] plainFields(byte[] systemUse) {
    List<SuspEntry> kept =
        SuspEntry.parseAll(systemUse, 0).stream()
            .filter(e -> e.signature().equals("PX") || e.signature().equals("TF"))
            .toList();
    return SuspEntry.recordAll(kept);
  }

  private DirectoryRecord dirRecord(OutDir dir, byte[] identifier, boolean selfOrParent) {
    TreeEdit.Dir edit = dir.edit.orElseThrow();
    byte[] su =
        joliet
            ? new byte[0]
            : fit(
                identifier,
                style.entries(
                    S_IFDIR | edit.mode,
                    edit.mtime,
                    selfOrParent ? null : edit.name(),
                    inode(edit.path),
                    null));
    return checked(
        new DirectoryRecord(
            0,
            dir.extent,
            dir.size,
            RecordingDate.of(edit.mtime),
            DirectoryRecord.FLAG_DIRECTORY,
            0,
            0,
            1,
            identifier,
            su),
        edit.path);
  }

  private List<DirectoryRecord> leaf(OutDir.New item) {
    TreeEdit.Leaf leaf = item.leaf();
    Instant time = leaf.mtime();
    RecordingDate date = RecordingDate.of(time);
    long inode = inode(leaf.isoPath());
    if (leaf instanceof TreeEdit.NewLink link) {
      byte[] su =
          joliet
              ? new byte[0]
              : fit(
                  item.identifier(),
                  style.entries(S_IFLNK, time, item.name(), inode, link.target()));
      return List.of(
          new DirectoryRecord(0, emptyExtent, 0, date, 0, 0, 0, 1, item.identifier(), su));
    }
    TreeEdit.NewFile file = (TreeEdit.NewFile) leaf;
    byte[] su =
        joliet
            ? new byte[0]
            : fit(
                item.identifier(),
                style.entries(S_IFREG | file.mode(), time, item.name(), inode, null));
    if (file.size() == 0) {
      return List.of(
          new DirectoryRecord(0, emptyExtent, 0, date, 0, 0, 0, 1, item.identifier(), su));
    }
    long extent = fileExtents.getOrDefault(file.isoPath(), emptyExtent);
    List<DirectoryRecord> parts = new ArrayList<>();
    for (long done = 0; done < file.size(); done += MAX_EXTENT) {
      long length = Math.min(MAX_EXTENT, file.size() - done);
      int flags = done + length < file.size() ? DirectoryRecord.FLAG_MULTI_EXTENT : 0;
      parts.add(
          new DirectoryRecord(
              0,
              extent + done / Extent.BLOCK,
              length,
              date,
              flags,
              0,
              0,
              1,
              item.identifier(),
              su));
    }
    return parts;
  }

  /**
   * The System Use area for a record with {@code identifier}: all entries when they fit in the
   * record, else PX, TF and a CE entry pointing at the rest in the continuation area.
   */
  private byte[] fit(byte[] identifier, List<SuspEntry> entries) {
    int fixed = 33 + identifier.length + ((identifier.length & 1) == 0 ? 1 : 0);
    byte[] all = RockRidgeStyle.even(SuspEntry.recordAll(entries));
    if (fixed + all.length <= RockRidgeStyle.MAX_RECORD) {
      return all;
    }
    byte[] rest = SuspEntry.recordAll(entries.subList(2, entries.size()));
    int used = continuations.size() % Extent.BLOCK;
    if (used + rest.length > Extent.BLOCK) {
      continuations.write(new byte[Extent.BLOCK - used], 0, Extent.BLOCK - used);
    }
    byte[] ce = new byte[24];
    Bytes.putBoth32(ce, 0, continuationBlock + continuations.size() / Extent.BLOCK);
    Bytes.putBoth32(ce, 8, continuations.size() % Extent.BLOCK);
    Bytes.putBoth32(ce, 16, rest.length);
    continuations.writeBytes(rest);
    List<SuspEntry> head = new ArrayList<>(entries.subList(0, 2));
    head.add(new SuspEntry("CE", 1, ce));
    return RockRidgeStyle.even(SuspEntry.recordAll(head));
  }

  /** Starts the continuation area afresh at {@code block} (before the final pass). */
  void startContinuations(long block) {
    continuationBlock = block;
    continuations.reset();
  }

  /** The continuation area's bytes so far, padded to whole blocks (empty when unused). */
  byte[] continuations() {
    int used = continuations.size() % Extent.BLOCK;
    if (used != 0) {
      continuations.write(new byte[Extent.BLOCK - used], 0, Extent.BLOCK - used);
    }
    return continuations.toByteArray();
  }

  private long inode(String path) {
    return inodes.computeIfAbsent(path, p -> nextInode++);
  }

  private static DirectoryRecord checked(DirectoryRecord record, String path) {
    if (record.length() > RockRidgeStyle.MAX_RECORD) {
      throw new InvalidInputException(
          "cannot write "
              + path
              + ": its name needs a "
              + record.length()
              + "-byte directory record, more than the 255 a record holds without a Rock Ridge"
              + " continuation area, which the Java writer does not write; shorten the name or set"
              + " iso_writer: xorriso");
    }
    return record;
  }

  /** Records packed into whole blocks; a record that does not fit starts the next block. */
  static byte[] pack(List<byte[]> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] r : records) {
      int used = out.size() % Extent.BLOCK;
      if (used + r.length > Extent.BLOCK) {
        out.write(new byte[Extent.BLOCK - used], 0, Extent.BLOCK - used);
      }
      out.write(r, 0, r.length);
    }
    int used = out.size() % Extent.BLOCK;
    if (used != 0 || out.size() == 0) {
      out.write(new byte[Extent.BLOCK - used], 0, Extent.BLOCK - used);
    }
    return out.toByteArray();
  }

  /**
   * The path table of the tree under {@code root} (ECMA-119 9.4): folders by level, then by parent
   * number, then by identifier.
   *
   * @param bigEndian the type M table rather than type L
   */
  static byte[] pathTable(OutDir root, boolean bigEndian) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Map<OutDir, Integer> numbers = new java.util.IdentityHashMap<>();
    Deque<OutDir> queue = new ArrayDeque<>(List.of(root));
    while (!queue.isEmpty()) {
      OutDir dir = queue.removeFirst();
      numbers.put(dir, numbers.size() + 1);
      int parent = dir.parent == null ? 1 : numbers.getOrDefault(dir.parent, 1);
      if (parent > 0xffff) {
        throw new InvalidInputException(
            "the ISO has more than 65535 folders, more than a path table can number; set"
                + " iso_writer: xorriso");
      }
      byte[] id = dir.identifier;
      byte[] entry = new byte[8 + id.length + (id.length & 1)];
      entry[0] = (byte) id.length;
      if (bigEndian) {
        Bytes.putBe32(entry, 2, dir.extent);
        Bytes.putBe16(entry, 6, parent);
      } else {
        Bytes.putLe32(entry, 2, dir.extent);
        Bytes.putLe16(entry, 6, parent);
      }
      Bytes.put(entry, 8, id);
      out.writeBytes(entry);
      queue.addAll(dir.subdirs);
    }
    return out.toByteArray();
  }
}
