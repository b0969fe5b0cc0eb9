package io.github.pveiso.config;

import io.github.pveiso.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a file a person writes (a configuration file, a firmware catalog) whole, refusing one
 * larger than such a file can plausibly be before any parser sees it: a real one is a few KiB,
 * while a parser fed a 10 MiB line takes half a minute and gigabytes.
 */
final class SmallFile {

  /** The most a configuration file or a firmware catalog may have. */
  static final int MAX_BYTES = 1 << 20;

  private SmallFile() {}

  /**
   * The bytes of {@code file}, which {@code what} names in messages ("config file").
   *
   * @throws InvalidInputException when it is a folder or has more than {@link #MAX_BYTES}
   * @throws IOException when it cannot be read (a {@link java.nio.file.NoSuchFileException} when it
   *     does not exist)
   */
  static byte[] read(Path file, String what) throws IOException {
    if (Files.isDirectory(file)) {
      throw new InvalidInputException(what + " " + file + " is a folder; give a file");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    }
    if (bytes.length > MAX_BYTES) {
      String size =
          Files.isRegularFile(file)
              ? "is " + Files.size(file) + " bytes"
              : "has more than " + MAX_BYTES + " bytes";
      throw new InvalidInputException(
          what
              + " "
              + file
              + " "
              + size
              + "; a "
              + what
              + " may have at most "
              + MAX_BYTES
              + " bytes (1 MiB)");
    }
    return bytes;
  }
}
