package io.github.pveiso.iso.write;

import io.github.pveiso.VerificationException;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.BootLayout;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.boot.SystemArea;
import io.github.pveiso.iso.bytes.Extent;
import io.github.pveiso.iso.bytes.ImageChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ISOs of an {@code answer_dir} build (one per node) grown alike from one image, so that each
 * after the first is a copy of the first with only its last blocks written again. Each node's new
 * files get the same blocks in every node, as many as the longest node's file at that path needs
 * (the rest of a shorter file's blocks keeps the grown image's bytes, as growing leaves them); then
 * the folders and path tables are the same size and at the same blocks, the volume ends at the same
 * block, and the descriptors at block 16 and the system area fitted to the image's size are the
 * same bytes in every node. So every node's first {@link #sharedBytes} bytes are the grown image's
 * with those same descriptors and system area, and only what follows (the new files, folders and
 * path tables, the padding and the backup GPT) can differ. Made only when {@link GrowingIsoWriter}
 * would write the nodes and their plans lay out alike; the caller writes them one by one otherwise.
 */
public final class NodeLayout {

  /**
   * The most bytes after the grown image's volume (padding, a backup GPT) kept in memory: each next
   * node's tail takes the grown image's bytes there where its files leave blocks unused.
   */
  static final int MAX_AFTER_SHARED = 16 << 20;

  private final EventListener listener;
  private final Path from;
  private final SystemArea area;
  private final List<List<IsoChange>> changes;
  private final List<GrowPlan> plans;
  private final long sharedBytes;
  private final byte[] afterShared;

  private NodeLayout(
      EventListener listener,
      Path from,
      SystemArea area,
      List<List<IsoChange>> changes,
      List<GrowPlan> plans,
      long sharedBytes,
      byte[] afterShared) {
    this.listener = listener;
    this.from = from;
    this.area = area;
    this.changes = List.copyOf(changes);
    this.plans = List.copyOf(plans);
    this.sharedBytes = sharedBytes;
    this.afterShared = afterShared;
  }

  /**
   * The shared layout for growing {@code from} by each node's {@code changes}, or empty when the
   * Java writer would not grow {@code from} (xorriso's replay writes it, or {@code choice} asks for
   * xorriso) or when the nodes cannot lay out alike (a node adds a file at a path another does not,
   * or a folder of one takes more blocks than the other's).
   *
   * @param layout the boot layout of {@code from}
   * @throws io.github.pveiso.InvalidInputException when a change does not fit {@code from}
   */
  public static Optional<NodeLayout> of(
      Path from,
      BootLayout layout,
      List<List<IsoChange>> changes,
      LayoutIsoWriter.Choice choice,
      EventListener listener) {
    if (choice == LayoutIsoWriter.Choice.XORRISO || changes.isEmpty()) {
      return Optional.empty();
    }
    List<GrowPlan> plans = new ArrayList<>();
    long volumeEnd;
    try (IsoImage image = IsoImage.open(from)) {
      SourceListing listing = SourceListing.of(image);
      try {
        if (WriteSteps.strategy(from, layout, listing) != WriteStrategy.GROW_COPY) {
          return Optional.empty();
        }
      } catch (VerificationException e) {
        return Optional.empty(); // xorriso gives the message for layouts nothing can write
      }
      Map<String, Long> reserve = new HashMap<>();
      for (List<IsoChange> node : changes) {
        ChangeCheck.check(node, listing, from);
        for (TreeEdit.NewFile f : TreeEdit.files(TreeEdit.of(node, listing))) {
          reserve.merge(f.isoPath(), f.size(), Math::max);
        }
      }
      for (List<IsoChange> node : changes) {
        plans.add(GrowPlan.of(image, node, listing, reserve));
      }
      volumeEnd = image.primary().volumeSpaceSize();
    }
    for (int i = 1; i < plans.size(); i++) {
      Optional<String> unlike = unlike(plans.get(0), plans.get(i));
      if (unlike.isPresent()) {
        listener.debug("the nodes' ISOs are written one by one: " + unlike.get());
        return Optional.empty();
      }
    }
    long shared = volumeEnd * Extent.BLOCK;
    SystemArea area;
    byte[] after;
    try (ImageChannel image = ImageChannel.open(from)) {
      area = SystemArea.read(image);
      long afterBytes = Math.max(0, image.size() - shared);
      if (afterBytes > MAX_AFTER_SHARED) {
        listener.debug(
            "the nodes' ISOs are written one by one: "
                + from.getFileName()
                + " has "
                + afterBytes
                + " bytes after its volume");
        return Optional.empty();
      }
      after = image.read(shared, (int) afterBytes);
    }
    return Optional.of(new NodeLayout(listener, from, area, changes, plans, shared, after));
  }

  /**
   * How many leading bytes every node's ISO shares with every other: the grown image's volume, with
   * the same descriptors and system area. Everything a node adds lies after it.
   */
  public long sharedBytes() {
    return sharedBytes;
  }

  /**
   * Writes node {@code node}'s ISO to {@code target} as {@link GrowingIsoWriter} does: a copy of
   * the grown image, then the node's files, folders, path tables and descriptors, then the system
   * area fitted to the size.
   */
  public WriteResult write(int node, Path target) {
    WriteSteps.refuseOwnSource(from, target);
    long start = System.nanoTime();
    WriteSteps.announce(listener, from, target, changes.get(node), WriteStrategy.GROW);
    WriteSteps.copy(listener, from, target);
    return grow(node, target, start);
  }

  /**
   * As {@link #write}, taking the grown image itself for {@code target}'s start: it is moved to
   * {@code target} when both are on one file system (one gigabyte less to write; the grown image is
   * then gone) and copied otherwise. Only for a grown image that is the caller's to give up (a
   * run's base image, never a user's source); the next nodes ({@link #writeBeside}) do not read it.
   */
  public WriteResult writeInPlace(int node, Path target) {
    WriteSteps.refuseOwnSource(from, target);
    long start = System.nanoTime();
    WriteSteps.announce(listener, from, target, changes.get(node), WriteStrategy.GROW);
    try {
      Files.move(from, target, StandardCopyOption.ATOMIC_MOVE);
      listener.debug("moved " + from + " to " + target);
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (AtomicMoveNotSupportedException e) {
      WriteSteps.copy(listener, from, target); // another file system
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot move " + from + " to " + target + ": " + e.getMessage(), e);
    }
    return grow(node, target, start);
  }

  /** Grows {@code target}, a copy of the grown image, by node {@code node}'s changes. */
  private WriteResult grow(int node, Path target, long start) {
    GrowingIsoWriter.append(plans.get(node), target);
    WriteSteps.fitSystemArea(listener, target, area);
    return WriteSteps.result(target, WriteStrategy.GROW, start);
  }

  /**
   * Writes node {@code node}'s ISO to {@code target} from {@code written}, another node's ISO that
   * {@link #write} made, open (the caller may move that ISO into place meanwhile: an open file
   * stays the same file): a copy of it made by the kernel ({@code copy_file_range}, which shares
   * the blocks on file systems with reflinks), then only what lies after {@link #sharedBytes}
   * written again: the node's files, the rest of their blocks from the grown image, its folders and
   * path tables. Its bytes are the same as {@link #write} would give.
   *
   * @param name the file {@code written} was opened from, or where it is moved to, for messages
   */
  public WriteResult writeBeside(int node, FileChannel written, Path name, Path target) {
    WriteSteps.refuseOwnSource(name, target);
    long start = System.nanoTime();
    GrowPlan plan = plans.get(node);
    listener.info(
        "writing "
            + target.getFileName()
            + " as a copy of "
            + name.getFileName()
            + " with its own bytes after byte "
            + sharedBytes);
    try (FileChannel out = ImageBytes.create(target)) {
      long size = written.size();
      ImageBytes.transfer(written, name, 0, size, out, 0);
      List<GrowPlan.Placed> files = plan.files();
      for (int i = 0; i < files.size(); i++) {
        GrowPlan.Placed file = files.get(i);
        GrowingIsoWriter.copyInto(file, out);
        long end = i + 1 < files.size() ? files.get(i + 1).block() : plan.blocks().get(0).block();
        restore(out, file.block() * Extent.BLOCK + file.size(), end * Extent.BLOCK);
      }
      for (GrowPlan.Chunk chunk : plan.blocks()) {
        GrowingIsoWriter.write(out, chunk);
      }
      if (out.size() != size) {
        throw new IllegalStateException(
            target + " is " + out.size() + " bytes, not " + name + "'s " + size);
      }
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
    return WriteSteps.result(target, WriteStrategy.GROW, start);
  }

  /**
   * Writes the grown image's bytes {@code [at, to)} (zeros past its end) at the same place: they
   * lie after {@link #sharedBytes}, in {@link #afterShared}.
   */
  private void restore(FileChannel out, long at, long to) throws IOException {
    if (at >= to) {
      return;
    }
    ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(to - at));
    long kept = Math.min(to, sharedBytes + afterShared.length) - at;
    if (kept > 0) {
      buffer.put(afterShared, Math.toIntExact(at - sharedBytes), Math.toIntExact(kept));
    }
    buffer.clear();
    long position = at;
    while (buffer.hasRemaining()) {
      position += out.write(buffer, position);
    }
  }

  /** What makes {@code b} lay out unlike {@code a}, or empty when only their bytes differ. */
  private static Optional<String> unlike(GrowPlan a, GrowPlan b) {
    if (a.endBlock() != b.endBlock()) {
      return Optional.of("their volumes end at blocks " + a.endBlock() + " and " + b.endBlock());
    }
    if (!a.files().stream()
        .map(GrowPlan.Placed::block)
        .toList()
        .equals(b.files().stream().map(GrowPlan.Placed::block).toList())) {
      return Optional.of("their new files lie at other blocks");
    }
    if (!a.blocks().stream()
        .map(c -> List.of(c.block(), (long) c.bytes().length))
        .toList()
        .equals(
            b.blocks().stream().map(c -> List.of(c.block(), (long) c.bytes().length)).toList())) {
      return Optional.of("their folders or path tables lie at other blocks");
    }
    if (a.descriptors().size() != b.descriptors().size()) {
      return Optional.of("their volume descriptors differ");
    }
    for (int i = 0; i < a.descriptors().size(); i++) {
      GrowPlan.Chunk da = a.descriptors().get(i);
      GrowPlan.Chunk db = b.descriptors().get(i);
      if (da.block() != db.block() || !Arrays.equals(da.bytes(), db.bytes())) {
        return Optional.of("their volume descriptors differ");
      }
    }
    return Optional.empty();
  }
}
