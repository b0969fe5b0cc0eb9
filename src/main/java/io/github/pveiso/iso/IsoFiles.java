package io.github.pveiso.iso;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** Read access to the files of an ISO's tree: what product and package readers need. */
public interface IsoFiles {

  /** Every entry, sorted by path. */
  List<IsoEntry> entries();

  /** The entry at an absolute path such as {@code /.cd-info}. */
  Optional<IsoEntry> find(String path);

  /** A stream over a file's content. */
  InputStream open(IsoEntry entry);

  /** The entries directly inside {@code dir}, sorted by path. */
  default List<IsoEntry> list(String dir) {
    String prefix = dir.endsWith("/") ? dir : dir + "/";
    return entries().stream()
        .filter(
            e ->
                e.path().startsWith(prefix)
                    && e.path().indexOf('/', prefix.length()) < 0
                    && e.path().length() > prefix.length())
        .toList();
  }
}
