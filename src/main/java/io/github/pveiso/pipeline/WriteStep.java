package io.github.pveiso.pipeline;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.BootLayout;
import io.github.pveiso.iso.write.GrowingIsoWriter;
import io.github.pveiso.iso.write.IsoChange;
import io.github.pveiso.iso.write.LayoutIsoWriter;
import io.github.pveiso.iso.write.WriteProgress;
import io.github.pveiso.iso.write.WriteResult;
import io.github.pveiso.iso.write.XorrisoIsoWriter;
import io.github.pveiso.pipeline.stage.Staged;
import io.github.pveiso.pipeline.stage.StagedFile;
import io.github.pveiso.proc.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Writes the source plus the staged changes to the output's temporary file (see {@link
 * OutputClaim}), with the writer {@code iso_writer} and the layout choose; refuses to start without
 * room for it.
 */
final class WriteStep {

  private final ProcessRunner runner;
  private final EventListener events;

  WriteStep(ProcessRunner runner, EventListener events) {
    this.runner = runner;
    this.events = events;
  }

  /**
   * Writes to {@code temp}, the output's temporary file in {@code output_dir}, telling {@code
   * progress} how far it is final as it goes (the Java writer does, from the first byte on).
   */
  WriteResult call(
      Planned planned, Staged staged, BuildSettings settings, Path temp, WriteProgress progress) {
    checkFreeSpace(settings.outputDir(), planned.iso().size(), staged);
    return write(
        planned.iso().path(),
        planned.source().layout(),
        staged.changes(),
        settings,
        temp,
        progress);
  }

  /**
   * Writes {@code source} (of {@code layout}) plus {@code changes} to {@code temp}, without the
   * free-space check (an {@code answer_dir} build checks once for all).
   */
  WriteResult write(
      Path source, BootLayout layout, List<IsoChange> changes, BuildSettings settings, Path temp) {
    return write(source, layout, changes, settings, temp, WriteProgress.NONE);
  }

  private WriteResult write(
      Path source,
      BootLayout layout,
      List<IsoChange> changes,
      BuildSettings settings,
      Path temp,
      WriteProgress progress) {
    return new LayoutIsoWriter(
            LayoutIsoWriter.Choice.of(settings.isoWriter()),
            new GrowingIsoWriter(events, progress),
            new XorrisoIsoWriter(runner, events, Duration.ofMinutes(30)))
        .write(source, layout, changes, temp);
  }

  private static void checkFreeSpace(Path outputDir, long sourceSize, Staged staged) {
    long needed = sourceSize + staged.files().stream().mapToLong(StagedFile::storedSize).sum();
    try {
      Path dir = Files.createDirectories(outputDir);
      requireFreeSpace(outputDir, needed, Files.getFileStore(dir).getUsableSpace());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create output_dir " + outputDir, e);
    }
  }

  /** Refuses to start writing when the output's folder has less than {@code needed} bytes free. */
  static void requireFreeSpace(Path outputDir, long needed, long free) {
    if (free < needed) {
      throw new InvalidInputException(
          "not enough free space in "
              + outputDir
              + ": the output needs about "
              + needed
              + " bytes, "
              + free
              + " are free; free some space or choose another output_dir");
    }
  }
}
