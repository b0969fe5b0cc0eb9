package io.github.pveiso.debian;

import io.github.pveiso.VerificationException;
import java.util.HashMap;
import java.util.Map;

/**
 * Remembers the files and links of one tar member, and checks each entry against those before it.
 * An entry that lies below one of them is refused: dpkg-deb never writes one (a tree on disk cannot
 * have it), and whoever extracted it would write through the link, anywhere the link points. A hard
 * link must name an earlier file, as tar writes them, so that a reader always has its content.
 */
final class EarlierEntries {
  private final Map<String, DebEntry.Type> leaves = new HashMap<>();

  /**
   * Checks {@code entry} against the entries before it and remembers it.
   *
   * @param where names the .deb, the member and the entry as written, for the message
   * @throws VerificationException when a parent folder of the entry was a file or link, or a hard
   *     link does not name an earlier file
   */
  void check(String where, DebEntry entry) {
    String path = entry.path();
    for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
      String parent = path.substring(0, slash);
      DebEntry.Type type = leaves.get(parent);
      if (type != null) {
        throw new VerificationException(
            where
                + " lies below the "
                + switch (type) {
                  case SYMLINK -> "symlink";
                  case HARDLINK -> "hard link";
                  default -> "file";
                }
                + " '"
                + parent
                + "' earlier in the package; pveiso never writes through a link");
      }
    }
    if (entry.type() == DebEntry.Type.HARDLINK) {
      DebEntry.Type target = leaves.get(entry.linkTarget());
      if (target != DebEntry.Type.FILE && target != DebEntry.Type.HARDLINK) {
        throw new VerificationException(
            where
                + " is a hard link to '"
                + entry.linkTarget()
                + "', which is not a file earlier in the package");
      }
    }
    if (entry.type() != DebEntry.Type.DIRECTORY) {
      leaves.put(path, entry.type());
    }
  }
}
