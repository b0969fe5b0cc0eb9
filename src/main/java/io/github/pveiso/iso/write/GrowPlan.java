package io.github.pveiso.iso.write;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.bytes.Extent;
import io.github.pveiso.iso.iso9660.PrimaryVolumeDescriptor;
import io.github.pveiso.iso.iso9660.VolumeDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where everything a grown session adds goes, after the source's last block: new files' bytes (a
 * local file that several ISO paths add, hard links in a staged tree for example, once: every
 * record of it points at that one extent, as libisofs does), then the rewritten folders of the
 * primary and the Joliet tree, then the four path tables; and the new primary and Joliet
 * descriptors for block 16 on.
 *
 * @param files each new file's local source and first block, in order
 * @param blocks folder extents and path tables with their first block
 * @param descriptors the new volume descriptors with their block
 * @param endBlock the new volume's size in blocks
 */
record GrowPlan(List<Placed> files, List<Chunk> blocks, List<Chunk> descriptors, long endBlock) {

  /**
   * A file's bytes to copy.
   *
   * @param source the local file
   * @param size its length when the plan was made
   * @param block its first block
   */
  record Placed(Path source, long size, long block) {}

  /**
   * Bytes to write at a block.
   *
   * @param block the first block
   * @param bytes the bytes
   */
  record Chunk(long block, byte[] bytes) {}

  /**
   * The plan for growing {@code image} by {@code changes} (already checked).
   *
   * @throws InvalidInputException when the image is of a kind the Java writer does not grow
   */
  static GrowPlan of(IsoImage image, List<IsoChange> changes, SourceListing listing) {
    return of(image, changes, listing, Map.of());
  }

  /**
   * As {@link #of(IsoImage, List, SourceListing)}, with at least {@code reserve.get(path)} bytes
   * (rounded up to blocks) kept for the new file at each path, so that images whose files differ
   * only in length lay out alike (one ISO per node, see {@link NodeLayout}).
   */
  static GrowPlan of(
      IsoImage image, List<IsoChange> changes, SourceListing listing, Map<String, Long> reserve) {
    PrimaryVolumeDescriptor primary = image.primary();
    int skip = rockRidgeSkip(image, primary);
    for (VolumeDescriptor d : image.volumeDescriptors()) {
      if (d instanceof PrimaryVolumeDescriptor p && p.type() == 2 && !p.isJoliet()) {
        throw refused(image, "a supplementary volume descriptor that is not Joliet");
      }
    }
    SourceTree.Read primaryTree = SourceTree.read(image.channel(), primary, true, skip);
    var joliet = image.joliet();
    var jolietTree = joliet.map(j -> SourceTree.read(image.channel(), j, false, 0));
    RockRidgeStyle style =
        jolietTree.map(j -> primaryTree.style().withJoliet(j.style())).orElse(primaryTree.style());
    TreeEdit.Dir edit = TreeEdit.of(changes, listing);

    long next = primary.volumeSpaceSize();
    long empty = next;
    List<Placed> files = new ArrayList<>();
    Map<String, Long> extents = new HashMap<>();
    Map<Object, Long> stored = new HashMap<>();
    for (TreeEdit.NewFile f : TreeEdit.files(edit)) {
      if (f.size() == 0) {
        continue;
      }
      Long shared = f.identity() == null ? null : stored.get(f.identity());
      if (shared != null) {
        // the same local file (a hard link) under another path: one extent, two records
        extents.put(f.isoPath(), shared);
        continue;
      }
      files.add(new Placed(f.source(), f.size(), next));
      extents.put(f.isoPath(), next);
      if (f.identity() != null) {
        stored.put(f.identity(), next);
      }
      next += blocks(Math.max(f.size(), reserve.getOrDefault(f.isoPath(), 0L)));
    }
    List<Chunk> chunks = new ArrayList<>();
    OutDir primaryRoot = VolumeTree.plan(primaryTree.root(), edit, false, style);
    next = directories(primaryRoot, new TreeRecords(false, style, extents, empty), next, chunks);
    OutDir jolietRoot = null;
    if (jolietTree.isPresent()) {
      jolietRoot = VolumeTree.plan(jolietTree.get().root(), edit, true, style);
      next = directories(jolietRoot, new TreeRecords(true, style, extents, empty), next, chunks);
    }
    List<Tables> tables = new ArrayList<>();
    for (OutDir root :
        jolietRoot == null ? List.of(primaryRoot) : List.of(primaryRoot, jolietRoot)) {
      byte[] l = TreeRecords.pathTable(root, false);
      byte[] m = TreeRecords.pathTable(root, true);
      chunks.add(new Chunk(next, l));
      long lBlock = next;
      next += blocks(l.length);
      chunks.add(new Chunk(next, m));
      tables.add(new Tables(root, l.length, lBlock, next));
      next += blocks(m.length);
    }
    List<Chunk> descriptors = new ArrayList<>();
    List<VolumeDescriptor> vds = image.volumeDescriptors();
    for (int i = 0; i < vds.size(); i++) {
      if (vds.get(i) instanceof PrimaryVolumeDescriptor p && (p.type() == 1 || p.isJoliet())) {
        Tables t = tables.get(p.type() == 1 ? 0 : 1);
        PrimaryVolumeDescriptor grown =
            p.withTree(t.root().patched(p.root()), t.size(), t.lBlock(), t.mBlock(), next);
        descriptors.add(new Chunk(16 + i, grown.record()));
      }
    }
    return new GrowPlan(List.copyOf(files), List.copyOf(chunks), List.copyOf(descriptors), next);
  }

  private record Tables(OutDir root, long size, long lBlock, long mBlock) {}

  /**
   * Places the rewritten folders of {@code root} from {@code next}; returns the next free block.
   */
  private static long directories(OutDir root, TreeRecords records, long next, List<Chunk> out) {
    List<OutDir> dirs = VolumeTree.rewritten(root);
    long at = next;
    records.startContinuations(0);
    for (OutDir dir : dirs) {
      dir.size = records.directory(dir).length;
    }
    long continuationBlocks = records.continuations().length / Extent.BLOCK;
    for (OutDir dir : dirs) {
      dir.extent = at;
      at += dir.size / Extent.BLOCK;
    }
    records.startContinuations(at);
    for (OutDir dir : dirs) {
      out.add(new Chunk(dir.extent, records.directory(dir)));
    }
    if (continuationBlocks > 0) {
      out.add(new Chunk(at, records.continuations()));
    }
    return at + continuationBlocks;
  }

  static long blocks(long bytes) {
    return (bytes + Extent.BLOCK - 1) / Extent.BLOCK;
  }

  /** The SP entry's skip length of the root's "." record; refuses an image without Rock Ridge. */
  private static int rockRidgeSkip(IsoImage image, PrimaryVolumeDescriptor primary) {
    byte[] block = image.channel().read(primary.root().extent() * Extent.BLOCK, Extent.BLOCK);
    byte[] su = io.github.pveiso.iso.iso9660.DirectoryRecord.parse(block, 0).systemUse();
    if (su.length >= 7 && su[0] == 'S' && su[1] == 'P' && su[4] == (byte) 0xBE) {
      return su[6] & 0xff;
    }
    throw refused(image, "no Rock Ridge");
  }

  private static InvalidInputException refused(IsoImage image, String what) {
    return new InvalidInputException(
        image.path()
            + " has "
            + what
            + ", which the Java writer does not grow; set iso_writer: xorriso");
  }
}
