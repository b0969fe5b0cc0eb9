package io.github.pveiso.pipeline.stage;

import java.nio.file.Path;
import java.util.List;

/**
 * The staged {@code /firmware} folder for the {@code iso} target (not to be confused with {@code
 * build.repack.FirmwareTree}, the firmware files a repacked package installs).
 *
 * @param root the local folder that becomes {@code /firmware}
 * @param files every file and link in it, with its package
 * @param warnings paths that two packages ship with different content (the first one is kept)
 */
public record FirmwareFolder(Path root, List<Entry> files, List<String> warnings) {

  /** The name of the index file inside the tree. */
  public static final String INDEX = "Contents-firmware";

  /** Copies the lists. */
  public FirmwareFolder {
    files = List.copyOf(files);
    warnings = List.copyOf(warnings);
  }

  /**
   * One file or link of the tree.
   *
   * @param path relative to {@code /firmware}
   * @param linkTarget the target when it is a symbolic link, else empty
   * @param sha256 the content's digest (empty for links)
   * @param size bytes (0 for links)
   * @param pkg the package it came from
   * @param version that package's version
   */
  public record Entry(
      String path, String linkTarget, String sha256, long size, String pkg, String version) {}
}
