package io.github.pveiso.iso;

/** Where the reader took the file names from. */
public enum NameSource {
  /** Rock Ridge NM entries (POSIX names, modes, links). */
  ROCK_RIDGE,
  /** The Joliet supplementary tree (UCS-2 names). */
  JOLIET,
  /** Plain ISO 9660 identifiers ({@code ;1} and a trailing dot removed). */
  ISO9660
}
