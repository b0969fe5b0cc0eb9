package io.github.pveiso.pipeline.stage.repack;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.debian.DebEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The firmware gathered from several packages, by path below the firmware folder. The same path
 * from two packages must hold the same content; each distinct content is kept once.
 */
final class FirmwareTree {
  private final Map<String, FirmwareFile> files = new TreeMap<>();
  private final Map<String, byte[]> contents = new HashMap<>();

  /** Adds a file, or keeps the one already there when it has the same content. */
  void add(FirmwareFile file, byte[] content) {
    if (put(file)) {
      contents.putIfAbsent(file.sha256(), content);
    }
  }

  /** Adds a symlink, or keeps the one already there when it has the same target. */
  void addSymlink(FirmwareFile link) {
    put(link);
  }

  private boolean put(FirmwareFile file) {
    FirmwareFile old = files.get(file.path());
    if (old == null) {
      files.put(file.path(), file);
      return true;
    }
    if (!old.sameContent(file)) {
      throw new InvalidInputException(
          "firmware file "
              + file.installedPath()
              + " differs between "
              + origin(old)
              + " and "
              + origin(file)
              + "; leave one of the two packages out of the firmware set");
    }
    return false;
  }

  /** The bytes of a file added earlier with this digest. */
  byte[] content(String sha256) {
    byte[] content = contents.get(sha256);
    if (content == null) {
      throw new IllegalStateException("no content with SHA-256 " + sha256);
    }
    return content;
  }

  /**
   * All files and symlinks, sorted by path, after checking that no path is a file or symlink in one
   * package and a folder in another.
   */
  List<FirmwareFile> files() {
    for (FirmwareFile file : files.values()) {
      for (int slash = file.path().indexOf('/');
          slash > 0;
          slash = file.path().indexOf('/', slash + 1)) {
        FirmwareFile parent = files.get(file.path().substring(0, slash));
        if (parent != null) {
          throw new InvalidInputException(
              "firmware path "
                  + parent.installedPath()
                  + " is a "
                  + (parent.type() == DebEntry.Type.SYMLINK ? "symlink" : "file")
                  + " in "
                  + origin(parent)
                  + " but a folder in "
                  + origin(file)
                  + "; leave one of the two packages out of the firmware set");
        }
      }
    }
    return List.copyOf(files.values());
  }

  private static String origin(FirmwareFile file) {
    return file.sourcePackage() + " " + file.sourceVersion() + " (" + file.sourcePath() + ")";
  }
}
