package io.github.pveiso.iso;

import io.github.pveiso.iso.bytes.Extent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A file, directory or symbolic link in an ISO's tree.
 *
 * @param path the absolute path, {@code /} for the root, e.g. {@code /boot/grub/grub.cfg}
 * @param kind file, directory or symbolic link
 * @param size the content's length in bytes (0 for directories and links)
 * @param extents where the content lies in the image, in order (several for multi-extent files)
 * @param mode the Rock Ridge POSIX mode, or -1 when the ISO has no Rock Ridge
 * @param modified the modification time (Rock Ridge TF, else the directory record's date)
 * @param symlinkTarget the link's target, for symbolic links
 */
public record IsoEntry(
    String path,
    Kind kind,
    long size,
    List<Extent> extents,
    int mode,
    Optional<Instant> modified,
    Optional<String> symlinkTarget) {

  /** What an entry is. */
  public enum Kind {
    /** A regular file. */
    FILE,
    /** A directory. */
    DIRECTORY,
    /** A symbolic link (Rock Ridge). */
    SYMLINK
  }

  /** Copies the list of extents. */
  public IsoEntry {
    extents = List.copyOf(extents);
  }

  /** The last path component ({@code /} for the root). */
  public String name() {
    return path.equals("/") ? "/" : path.substring(path.lastIndexOf('/') + 1);
  }

  /** True for a regular file. */
  public boolean isFile() {
    return kind == Kind.FILE;
  }

  /** True for a directory. */
  public boolean isDirectory() {
    return kind == Kind.DIRECTORY;
  }

  /** The first logical block of the content, or -1 when it has none. */
  public long firstLba() {
    return extents.isEmpty() ? -1 : extents.get(0).lba();
  }
}
