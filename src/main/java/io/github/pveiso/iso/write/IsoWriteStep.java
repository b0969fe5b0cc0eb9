package io.github.pveiso.iso.write;

import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.BootLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Writes an ISO to a temporary file in the output's folder, verifies it, then moves it into place
 * atomically. On any failure the temporary file is deleted, so the output path only ever holds a
 * complete, verified image (or whatever was there before).
 */
public final class IsoWriteStep {

  /** Checks a written image before it is moved into place. */
  @FunctionalInterface
  public interface Verification {
    /**
     * Checks {@code written}.
     *
     * @throws io.github.pveiso.VerificationException when it is not acceptable
     */
    void verify(Path written);
  }

  private final IsoWriter writer;
  private final EventListener listener;

  /** A step that writes with {@code writer} and reports to {@code listener}. */
  public IsoWriteStep(IsoWriter writer, EventListener listener) {
    this.writer = writer;
    this.listener = listener;
  }

  /**
   * Writes {@code source} plus {@code changes}, verifies, and moves the result to {@code output}
   * (replacing a file already there).
   *
   * @return the write's result, with {@link WriteResult#output()} set to {@code output}
   */
  public WriteResult call(
      Path source,
      BootLayout layout,
      List<IsoChange> changes,
      Path output,
      Verification verification) {
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
      listener.info("verifying " + temp.getFileName());
      verification.verify(temp);
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
      Files.move(
          temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      listener.info("wrote " + absolute);
      return new WriteResult(absolute, written.strategy(), written.size(), written.elapsed());
    } catch (IOException e) {
      deleteQuietly(temp, e);
      throw new UncheckedIOException(
          "cannot move " + temp + " to " + absolute + ": " + e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      deleteQuietly(temp, e);
      throw e;
    }
  }

  private static void deleteQuietly(Path temp, Throwable cause) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }
}
