package io.github.pveiso.iso.write;

import io.github.pveiso.InvalidInputException;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Grows an ISO in pure Java, as xorriso's {@code -dev} does but with one copy: the source is copied
 * as it is (every boot image, the boot catalog, the system area and every unchanged file keep their
 * bytes and blocks), then new files, the rewritten folders and new path tables are appended, and
 * new primary and Joliet descriptors (same dates, so the same volume-date UUID) are written at
 * block 16. Only for layouts where {@link WriteStrategy#forLayout} says growing is safe. The copy,
 * the session and the fitted system area are laid out first ({@link ImageDraft}) and the output is
 * then written once, from its first byte to its last, telling a {@link WriteProgress} how far it is
 * final: a hash of the output can follow the write.
 */
public final class GrowingIsoWriter implements IsoWriter {

  /**
   * Zero blocks after the volume, not counted in it, as xorriso pads each session (300 KiB): GRUB
   * on a BIOS CD reads the disk in chunks and fails to mount an image whose last directory lies in
   * a chunk that runs past the end of the medium.
   */
  static final long PADDING_BLOCKS = 150;

  private final EventListener listener;
  private final WriteProgress progress;

  /** A writer that reports to {@code listener}. */
  public GrowingIsoWriter(EventListener listener) {
    this(listener, WriteProgress.NONE);
  }

  /**
   * A writer that reports to {@code listener} and tells {@code progress} how far its output is
   * final as it writes it, from the first byte on.
   */
  public GrowingIsoWriter(EventListener listener, WriteProgress progress) {
    this.listener = listener;
    this.progress = progress;
  }

  @Override
  public WriteResult write(Path source, BootLayout layout, List<IsoChange> changes, Path target) {
    WriteSteps.refuseOwnSource(source, target);
    long start = System.nanoTime();
    GrowPlan plan;
    try (IsoImage image = IsoImage.open(source)) {
      SourceListing listing = SourceListing.of(image);
      ChangeCheck.check(changes, listing, source);
      if (WriteSteps.strategy(source, layout, listing) != WriteStrategy.GROW_COPY) {
        throw new InvalidInputException(
            source
                + " cannot be grown (an EFI partition or other data follows its file system);"
                + " write it with xorriso's replay (iso_writer: auto picks it)");
      }
      plan = GrowPlan.of(image, changes, listing);
    }
    WriteSteps.announce(listener, source, target, changes, WriteStrategy.GROW);
    SystemArea area;
    try (ImageChannel image = ImageChannel.open(source)) {
      area = SystemArea.read(image);
    }
    // the copy, the session and the fitted system area are laid out first, then written once in
    // order, so that the output's first bytes are final early (see WriteProgress)
    ImageDraft draft = ImageDraft.copyOf(source);
    append(plan, draft, target);
    WriteSteps.fitSystemArea(listener, draft, target, area);
    listener.debug("writing " + target + " in order from " + source + " and the new session");
    try {
      draft.writeTo(target, progress);
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
    return WriteSteps.result(target, WriteStrategy.GROW, start);
  }

  /** Writes {@code plan}'s files, folders, path tables and descriptors into {@code target}. */
  static void append(GrowPlan plan, Path target) {
    try (FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE)) {
      append(plan, ImageBytes.of(out), target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code plan}'s files, folders, path tables and descriptors into {@code out}, the image
   * that becomes {@code target}.
   */
  private static void append(GrowPlan plan, ImageBytes out, Path target) {
    try {
      for (GrowPlan.Placed file : plan.files()) {
        out.copy(file.source(), file.size(), file.block() * Extent.BLOCK);
      }
      for (GrowPlan.Chunk chunk : plan.blocks()) {
        write(out, chunk);
      }
      long end = (plan.endBlock() + PADDING_BLOCKS) * Extent.BLOCK;
      if (out.size() > end) {
        out.truncate(end);
      } else if (out.size() < end) {
        out.write(ByteBuffer.wrap(new byte[1]), end - 1);
      }
      for (GrowPlan.Chunk chunk : plan.descriptors()) {
        write(out, chunk);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Copies {@code file}'s bytes to its block in {@code out}. */
  static void copyInto(GrowPlan.Placed file, FileChannel out) throws IOException {
    ImageBytes.of(out).copy(file.source(), file.size(), file.block() * Extent.BLOCK);
  }

  /** Writes {@code chunk} at its block in {@code out}. */
  static void write(FileChannel out, GrowPlan.Chunk chunk) throws IOException {
    write(ImageBytes.of(out), chunk);
  }

  private static void write(ImageBytes out, GrowPlan.Chunk chunk) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(chunk.bytes());
    long at = chunk.block() * Extent.BLOCK;
    while (buffer.hasRemaining()) {
      at += out.write(buffer, at);
    }
  }
}
