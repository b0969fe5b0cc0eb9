package io.github.pveiso.iso.write;

import io.github.pveiso.events.EventListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A written image under its temporary name beside the output: {@link #publish} moves it into place
 * once it has been verified; {@link #close} deletes it when it was not published.
 */
public final class PendingIso implements AutoCloseable {

  private final Path temp;
  private final Path output;
  private final WriteResult written;
  private final EventListener listener;
  private boolean published;

  PendingIso(Path temp, Path output, WriteResult written, EventListener listener) {
    this.temp = temp;
    this.output = output;
    this.written = written;
    this.listener = listener;
  }

  /** The temporary file that holds the image until it is published. */
  public Path temp() {
    return temp;
  }

  /** The writer's result (strategy, size, time), for the temporary file. */
  public WriteResult written() {
    return written;
  }

  /**
   * Makes the image readable by all and moves it to the output path atomically, replacing a file
   * already there.
   *
   * @return the write's result, with {@link WriteResult#output()} set to the output path
   */
  public WriteResult publish() {
    try {
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
      Files.move(temp, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      UncheckedIOException failure =
          new UncheckedIOException(
              "cannot move " + temp + " to " + output + ": " + e.getMessage(), e);
      deleteQuietly(temp, failure);
      throw failure;
    }
    published = true;
    listener.info("wrote " + output);
    return new WriteResult(output, written.strategy(), written.size(), written.elapsed());
  }

  /** Deletes the temporary file unless it was published. */
  @Override
  public void close() {
    if (!published) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + temp + ": " + e.getMessage(), e);
      }
    }
  }

  static void deleteQuietly(Path temp, Throwable cause) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }
}
