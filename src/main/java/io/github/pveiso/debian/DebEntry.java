package io.github.pveiso.debian;

/**
 * One entry of a .deb's data archive, path normalised (relative, no {@code ./}, no {@code ..}).
 *
 * @param path e.g. {@code usr/lib/firmware/rtl_nic/rtl8125b-2.fw}; directories without trailing
 *     slash
 * @param type what it is
 * @param mode permission bits (e.g. {@code 0644})
 * @param size content size in bytes (0 for all but files)
 * @param linkTarget symlink target as written, or the normalised path a hard link points to; empty
 *     for others
 */
public record DebEntry(String path, Type type, int mode, long size, String linkTarget) {

  /** Kinds of entries pveiso accepts in a .deb. */
  public enum Type {
    /** A regular file. */
    FILE,
    /** A directory. */
    DIRECTORY,
    /** A symbolic link. */
    SYMLINK,
    /** A hard link to an earlier entry. */
    HARDLINK
  }
}
