package io.github.pveiso.iso.write;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One change to make to an ISO: a path on the ISO and what happens to it. Changes that write bytes
 * ({@link Content}) also carry the local source of the bytes, the mode and a fixed timestamp (so
 * the output is reproducible); a {@link RemoveFile} carries only the path.
 *
 * <p>A local file that several changes write (the same file, or hard links of it in added trees:
 * same device and inode) is stored once: every directory record of it points at the same extent.
 * Both writers do this, so a tree of hard links into another added tree (as {@code
 * /installer-firmware} into {@code /firmware}) costs only its directory records.
 */
public sealed interface IsoChange {

  /** Absolute path on the ISO, e.g. {@code /proxmox/packages/foo_1.0_all.deb}. */
  String isoPath();

  /** A change that writes bytes from a local file or folder. */
  sealed interface Content extends IsoChange {
    /** Local file or folder that holds the bytes. */
    Path source();

    /**
     * Permission bits recorded in Rock Ridge (files; the folders of a tree get {@code dirMode}).
     */
    int mode();

    /** Modification time recorded for every node this change creates. */
    Instant mtime();
  }

  /**
   * Adds a file that must not exist on the source ISO.
   *
   * @param isoPath absolute path on the ISO
   * @param source local regular file
   * @param mode permission bits, e.g. {@code 0644}
   * @param mtime fixed modification time
   */
  record AddFile(String isoPath, Path source, int mode, Instant mtime) implements Content {
    public AddFile {
      Objects.requireNonNull(isoPath);
      Objects.requireNonNull(source);
      Objects.requireNonNull(mtime);
    }
  }

  /**
   * Replaces a file that must exist on the source ISO.
   *
   * @param isoPath absolute path on the ISO
   * @param source local regular file
   * @param mode permission bits, e.g. {@code 0444}
   * @param mtime fixed modification time
   */
  record ReplaceFile(String isoPath, Path source, int mode, Instant mtime) implements Content {
    public ReplaceFile {
      Objects.requireNonNull(isoPath);
      Objects.requireNonNull(source);
      Objects.requireNonNull(mtime);
    }
  }

  /**
   * Adds a local folder as a new folder on the ISO (which must not exist yet).
   *
   * @param isoPath absolute path of the new folder on the ISO
   * @param source local folder
   * @param mode permission bits of every file in the tree, e.g. {@code 0644}
   * @param dirMode permission bits of every folder in the tree, e.g. {@code 0755}
   * @param mtime fixed modification time of every node
   */
  record AddTree(String isoPath, Path source, int mode, int dirMode, Instant mtime)
      implements Content {
    public AddTree {
      Objects.requireNonNull(isoPath);
      Objects.requireNonNull(source);
      Objects.requireNonNull(mtime);
    }
  }

  /**
   * Removes a file that must exist on the source ISO (an older package that a newer one replaces).
   *
   * @param isoPath absolute path on the ISO
   */
  record RemoveFile(String isoPath) implements IsoChange {
    public RemoveFile {
      Objects.requireNonNull(isoPath);
    }
  }

  /** A file readable by everyone ({@code 0644}). */
  static IsoChange addFile(String isoPath, Path source, Instant mtime) {
    return new AddFile(isoPath, source, 0644, mtime);
  }

  /** A short description for messages, e.g. {@code add /pveiso-added.txt}. */
  default String describe() {
    return switch (this) {
      case AddFile a -> "add " + a.isoPath();
      case ReplaceFile r -> "replace " + r.isoPath();
      case AddTree t -> "add tree " + t.isoPath();
      case RemoveFile r -> "remove " + r.isoPath();
    };
  }
}
