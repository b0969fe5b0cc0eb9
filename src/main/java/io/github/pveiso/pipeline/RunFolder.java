package io.github.pveiso.pipeline;

import io.github.pveiso.RunOwner;
import io.github.pveiso.TempFiles;
import io.github.pveiso.events.EventListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The folder of one run under {@code work_dir}, {@code pveiso-<owner token>}: two builds with the
 * same {@code work_dir} never share one. It is removed when the run ends, however it ends; what a
 * killed run left is removed by the next run in the same {@code work_dir}.
 */
final class RunFolder implements AutoCloseable {

  /** The names of run folders; the owner token starts at group 1. */
  static final Pattern NAME = Pattern.compile("pveiso-" + RunOwner.TOKEN_PATTERN);

  private final Path path;

  private RunFolder(Path path) {
    this.path = path;
  }

  /** Removes the folders of runs that no longer run from {@code workDir}, then makes this run's. */
  static RunFolder create(Path workDir, RunOwner owner, EventListener events) {
    Leftovers.remove(workDir, NAME, 1, events);
    Path path = TempFiles.track(workDir.resolve("pveiso-" + owner.token()));
    try {
      Files.createDirectories(path);
    } catch (IOException e) {
      TempFiles.untrack(path);
      throw new UncheckedIOException(
          "cannot create a folder in work_dir " + workDir + ": " + e.getMessage(), e);
    }
    return new RunFolder(path);
  }

  /** The folder. */
  Path path() {
    return path;
  }

  /** Removes the folder and everything in it. */
  @Override
  public void close() {
    TempFiles.remove(path);
  }
}
