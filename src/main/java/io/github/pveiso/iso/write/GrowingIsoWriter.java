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
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Grows an ISO in pure Java, as xorriso's {@code -dev} does but with one copy: the source is copied
 * as it is (every boot image, the boot catalog, the system area and every unchanged file keep their
 * bytes and blocks), then new files, the rewritten folders and new path tables are appended, and
 * new primary and Joliet descriptors (same dates, so the same volume-date UUID) are written at
 * block 16. Only for layouts where {@link WriteStrategy#forLayout} says growing is safe.
 */
public final class GrowingIsoWriter implements IsoWriter {

  /**
   * Zero blocks after the volume, not counted in it, as xorriso pads each session (300 KiB): GRUB
   * on a BIOS CD reads the disk in chunks and fails to mount an image whose last directory lies in
   * a chunk that runs past the end of the medium.
   */
  static final long PADDING_BLOCKS = 150;

  private final EventListener listener;

  /** A writer that reports to {@code listener}. */
  public GrowingIsoWriter(EventListener listener) {
    this.listener = listener;
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
    WriteSteps.copy(listener, source, target);
    append(plan, target);
    WriteSteps.fitSystemArea(listener, target, area);
    return WriteSteps.result(target, WriteStrategy.GROW, start);
  }

  /** Writes {@code plan}'s files, folders, path tables and descriptors into {@code target}. */
  static void append(GrowPlan plan, Path target) {
    try (FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE)) {
      for (GrowPlan.Placed file : plan.files()) {
        copyInto(file, out);
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
    long at = file.block() * Extent.BLOCK;
    long done = 0;
    try (FileChannel in = FileChannel.open(file.source(), StandardOpenOption.READ)) {
      if (in.size() != file.size()) {
        throw new InvalidInputException(
            "local file " + file.source() + " changed size while the ISO was written; retry");
      }
      while (done < file.size()) {
        long n = out.transferFrom(in.position(done), at + done, file.size() - done);
        if (n <= 0) {
          throw new IOException(file.source() + " ended early at byte " + done);
        }
        done += n;
      }
    }
  }

  /** Writes {@code chunk} at its block in {@code out}. */
  static void write(FileChannel out, GrowPlan.Chunk chunk) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(chunk.bytes());
    long at = chunk.block() * Extent.BLOCK;
    while (buffer.hasRemaining()) {
      at += out.write(buffer, at);
    }
  }
}
