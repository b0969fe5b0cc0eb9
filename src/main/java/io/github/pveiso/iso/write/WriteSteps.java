package io.github.pveiso.iso.write;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.VerificationException;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.BootLayout;
import io.github.pveiso.iso.boot.SystemArea;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/** The steps every {@link IsoWriter} shares: refusals, the strategy, the copy, the result. */
final class WriteSteps {

  private WriteSteps() {}

  /** Refuses to write {@code target} over {@code source}. */
  static void refuseOwnSource(Path source, Path target) {
    if (source.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())) {
      throw new InvalidInputException(
          "cannot write " + target + " over its own source; choose another output path");
    }
  }

  /** {@link WriteStrategy#forLayout}, with the source named in its refusal. */
  static WriteStrategy strategy(Path source, BootLayout layout, SourceListing listing) {
    try {
      return WriteStrategy.forLayout(layout, listing.bytesAfterVolume());
    } catch (VerificationException e) {
      throw new VerificationException(source + ": " + e.getMessage(), e);
    }
  }

  /** Reports the write about to start. */
  static void announce(
      EventListener listener,
      Path source,
      Path target,
      List<IsoChange> changes,
      WriteStrategy strategy) {
    listener.info(
        "writing "
            + target.getFileName()
            + " from "
            + source.getFileName()
            + " with "
            + changes.size()
            + " change(s), strategy "
            + strategy);
  }

  /** Copies {@code source} to {@code target}, readable by everyone: the start of growing. */
  static void copy(EventListener listener, Path source, Path target) {
    listener.debug("copying " + source + " to " + target);
    try {
      Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot copy " + source + " to " + target + ": " + e.getMessage(), e);
    }
  }

  /** Fits the copied system area, which still describes the source's size, to the grown image. */
  static void fitSystemArea(EventListener listener, Path target, SystemArea sourceArea) {
    SystemAreaResizer.Fit fit = SystemAreaResizer.fit(target, sourceArea);
    listener.debug("fitted the system area to " + fit.imageBytes() + " bytes: " + fit.rewritten());
  }

  /**
   * As {@link #fitSystemArea(EventListener, Path, SystemArea)}, in {@code draft} of {@code target}.
   */
  static void fitSystemArea(
      EventListener listener, ImageDraft draft, Path target, SystemArea sourceArea) {
    SystemAreaResizer.Fit fit = SystemAreaResizer.fit(draft, target, sourceArea);
    listener.debug("fitted the system area to " + fit.imageBytes() + " bytes: " + fit.rewritten());
  }

  /** The result of a write that started at {@code startNanos} ({@link System#nanoTime()}). */
  static WriteResult result(Path target, WriteStrategy strategy, long startNanos) {
    try {
      return new WriteResult(
          target, strategy, Files.size(target), Duration.ofNanos(System.nanoTime() - startNanos));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read size of " + target + ": " + e.getMessage(), e);
    }
  }
}
