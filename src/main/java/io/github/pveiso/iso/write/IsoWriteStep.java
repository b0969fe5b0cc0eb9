package io.github.pveiso.iso.write;

import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.BootLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes an ISO to a temporary file in the output's folder and hands it back as a {@link
 * PendingIso}: whoever verifies it then publishes it (an atomic move into place) or closes it
 * (deleting it). On a failed write the temporary file is deleted at once, so the output path only
 * ever holds a complete, verified image (or whatever was there before).
 */
public final class IsoWriteStep {

  private final IsoWriter writer;
  private final EventListener listener;

  /** A step that writes with {@code writer} and reports to {@code listener}. */
  public IsoWriteStep(IsoWriter writer, EventListener listener) {
    this.writer = writer;
    this.listener = listener;
  }

  /**
   * Writes {@code source} plus {@code changes} to a temporary file beside {@code output}.
   *
   * @return the written, not yet published image; close it when done
   */
  public PendingIso call(Path source, BootLayout layout, List<IsoChange> changes, Path output) {
    Path absolute = output.toAbsolutePath().normalize();
    Path dir = absolute.getParent();
    Path temp;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".partial");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create a temporary file in " + dir + ": " + e.getMessage(), e);
    }
    try {
      WriteResult written = writer.write(source, layout, changes, temp);
      return new PendingIso(temp, absolute, written, listener);
    } catch (RuntimeException | Error e) {
      PendingIso.deleteQuietly(temp, e);
      throw e;
    }
  }
}
