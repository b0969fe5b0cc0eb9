package io.github.pveiso.iso.write;

import io.github.pveiso.VerificationException;
import io.github.pveiso.iso.bytes.Extent;
import io.github.pveiso.iso.bytes.ImageChannel;
import io.github.pveiso.iso.iso9660.DirectoryRecord;
import io.github.pveiso.iso.iso9660.PrimaryVolumeDescriptor;
import io.github.pveiso.iso.iso9660.RockRidge;
import io.github.pveiso.iso.iso9660.SuspEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The raw directory tree of one volume (the primary with Rock Ridge names, or Joliet): every
 * directory's records as stored, grouped per entry, so the growing writer can copy unchanged
 * records byte for byte.
 */
final class SourceTree {

  private static final int MAX_DIRECTORY_BYTES = 64 << 20;
  private static final int MAX_CONTINUATIONS = 64;

  /**
   * One directory.
   *
   * @param extent its first block
   * @param size its length in bytes
   * @param self its "." record
   * @param parent its ".." record
   * @param entries every other entry, in stored order
   */
  record Dir(
      long extent, long size, DirectoryRecord self, DirectoryRecord parent, List<Entry> entries) {

    /** The entry named {@code name}, when there is one. */
    Optional<Entry> find(String name) {
      return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }
  }

  /**
   * One entry of a directory.
   *
   * @param name its Rock Ridge (or Joliet) name
   * @param records its records (several for a multi-extent file)
   * @param dir its directory, when it is one in the ISO 9660 tree
   * @param relocated Rock Ridge moved this directory elsewhere (a CL entry) or this is the moved
   *     copy (RE)
   */
  record Entry(String name, List<DirectoryRecord> records, Optional<Dir> dir, boolean relocated) {
    DirectoryRecord first() {
      return records.get(0);
    }
  }

  private final ImageChannel image;
  private final boolean rockRidge;
  private final int suspSkip;
  private final Set<Long> visited = new HashSet<>();
  private final RockRidgeStyle.Builder style = new RockRidgeStyle.Builder();

  private SourceTree(ImageChannel image, boolean rockRidge, int suspSkip) {
    this.image = image;
    this.rockRidge = rockRidge;
    this.suspSkip = suspSkip;
  }

  /**
   * The tree of {@code volume} and the conventions its records follow.
   *
   * @param rockRidge read names from Rock Ridge (primary) rather than UCS-2 identifiers (Joliet)
   * @param suspSkip bytes to skip at the start of each System Use area (the SP entry's LEN_SKP)
   */
  static Read read(
      ImageChannel image, PrimaryVolumeDescriptor volume, boolean rockRidge, int suspSkip) {
    SourceTree tree = new SourceTree(image, rockRidge, suspSkip);
    Dir root = tree.dir("/", volume.root().extent(), volume.root().dataLength());
    return new Read(root, tree.style.build());
  }

  /**
   * A tree read from the image.
   *
   * @param root its root directory
   * @param style how its records are written (names, Rock Ridge fields)
   */
  record Read(Dir root, RockRidgeStyle style) {}

  private Dir dir(String path, long extent, long size) {
    if (!visited.add(extent)) {
      throw new VerificationException(
          "directory " + path + " points at block " + extent + " read before: a directory loop");
    }
    if (size > MAX_DIRECTORY_BYTES || size < 68) {
      throw new VerificationException(
          "directory " + path + " claims " + size + " bytes, not a real directory's size");
    }
    List<DirectoryRecord> records =
        DirectoryRecord.parseAll(image.read(extent * Extent.BLOCK, (int) size));
    if (records.size() < 2 || !records.get(0).isSelf() || !records.get(1).isSelfOrParent()) {
      throw new VerificationException(
          "directory " + path + " at block " + extent + " does not start with '.' and '..'");
    }
    List<Entry> entries = new ArrayList<>();
    List<DirectoryRecord> pending = new ArrayList<>();
    for (DirectoryRecord record : records.subList(2, records.size())) {
      pending.add(record);
      if (!record.isMultiExtent()) {
        entries.add(entry(path, List.copyOf(pending)));
        pending.clear();
      }
    }
    if (!pending.isEmpty()) {
      throw new VerificationException(
          "directory " + path + " ends inside a multi-extent file's records");
    }
    return new Dir(extent, size, records.get(0), records.get(1), List.copyOf(entries));
  }

  private Entry entry(String dirPath, List<DirectoryRecord> parts) {
    DirectoryRecord first = parts.get(0);
    String name;
    boolean relocated = false;
    if (rockRidge) {
      RockRidge rr = RockRidge.of(susp(first));
      name = rr.name().orElse(first.isoName());
      relocated = rr.childLink() >= 0 || rr.relocated();
    } else {
      name = first.jolietName();
      style.joliet(first);
    }
    String path = dirPath.equals("/") ? "/" + name : dirPath + "/" + name;
    Optional<Dir> dir =
        first.isDirectory()
            ? Optional.of(dir(path, first.extent(), first.dataLength()))
            : Optional.empty();
    return new Entry(name, parts, dir, relocated);
  }

  /** Every SUSP entry of {@code record}, continuation areas included (CE entries dropped). */
  private List<SuspEntry> susp(DirectoryRecord record) {
    byte[] su = record.systemUse();
    List<SuspEntry> batch = SuspEntry.parseAll(su, Math.min(suspSkip, su.length));
    List<SuspEntry> all = new ArrayList<>();
    for (int i = 0; ; i++) {
      Optional<RockRidge.Continuation> ce = RockRidge.of(batch).continuation();
      batch.stream().filter(e -> !e.signature().equals("CE")).forEach(all::add);
      if (ce.isEmpty()) {
        break;
      }
      if (i == MAX_CONTINUATIONS) {
        throw new VerificationException(
            "Rock Ridge continuation areas of '" + record.isoName() + "' form a loop");
      }
      RockRidge.Continuation c = ce.get();
      batch =
          SuspEntry.parseAll(
              image.read(c.block() * Extent.BLOCK + c.offset(), (int) c.length()), 0);
    }
    style.record(record, all);
    return all;
  }
}
