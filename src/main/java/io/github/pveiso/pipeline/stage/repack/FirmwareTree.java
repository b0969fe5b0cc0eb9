package io.github.pveiso.pipeline.stage.repack;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.debian.DebEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The firmware gathered from several packages, by path below the firmware folder. The same path
 * from two packages must hold the same content; each distinct content is kept once, in a file of
 * the spool folder named by its SHA-256 (never in memory).
 */
final class FirmwareTree {
  private final Path spool;
  private final Map<String, FirmwareFile> files = new TreeMap<>();
  private final Map<String, Path> contents = new HashMap<>();

  /** A tree that keeps file contents in {@code spool}, a folder the caller made and deletes. */
  FirmwareTree(Path spool) {
    this.spool = spool;
  }

  /**
   * Copies {@code content} into the spool, hashing it on the way.
   *
   * @return the SHA-256 (hex) and the size of the bytes
   */
  Spooled spool(InputStream content) throws IOException {
    Path temp = Files.createTempFile(spool, ".spool-", ".tmp");
    MessageDigest sha = Sha256Digest.newMessageDigest();
    long size;
    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha)) {
      size = content.transferTo(out);
    }
    String hex = HexFormat.of().formatHex(sha.digest());
    Path named = spool.resolve(hex);
    if (contents.containsKey(hex)) {
      Files.delete(temp);
    } else {
      Files.move(temp, named, StandardCopyOption.REPLACE_EXISTING);
      contents.put(hex, named);
    }
    return new Spooled(hex, size);
  }

  /**
   * Bytes copied into the spool.
   *
   * @param sha256 their SHA-256, lower-case hex
   * @param size their number
   */
  record Spooled(String sha256, long size) {}

  /** Adds a file whose content was spooled, or keeps the one already there when it is the same. */
  void add(FirmwareFile file) {
    if (!contents.containsKey(file.sha256())) {
      throw new IllegalStateException("no spooled content with SHA-256 " + file.sha256());
    }
    put(file);
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

  /** The spooled file holding the bytes with this digest. */
  Path content(String sha256) {
    Path content = contents.get(sha256);
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
