package io.github.pveiso.pipeline.stage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * A staging folder that is never written through a link: before an entry is placed, each of its
 * parents is checked, without following links, to be a real folder (made here when missing), and
 * the entry's own path must not be a folder. Entries are then placed by rename or as new links,
 * neither of which follows a link at the entry's own path.
 */
final class NoFollowTree {

  private final Path root;

  /** The folder {@code root}, which the caller made. */
  NoFollowTree(Path root) {
    this.root = root;
  }

  /**
   * Makes the parents of {@code rel} (a relative path with {@code /}, no {@code .} or {@code ..})
   * as real folders, unless something is in the way.
   *
   * @return empty when {@code rel} can be placed; else the relative path in the way: a parent that
   *     is a link, a file or anything else but a folder, or {@code rel} itself when it is a folder
   */
  Optional<String> prepare(String rel) throws IOException {
    String[] parts = rel.split("/");
    Path dir = root;
    StringBuilder at = new StringBuilder();
    for (int i = 0; i < parts.length - 1; i++) {
      dir = dir.resolve(parts[i]);
      at.append(i == 0 ? "" : "/").append(parts[i]);
      Optional<BasicFileAttributes> attributes = attributes(dir);
      if (attributes.isEmpty()) {
        Files.createDirectory(dir);
      } else if (!attributes.get().isDirectory()) {
        return Optional.of(at.toString());
      }
    }
    Optional<BasicFileAttributes> own = attributes(root.resolve(rel));
    if (own.isPresent() && own.get().isDirectory()) {
      return Optional.of(rel);
    }
    return Optional.empty();
  }

  private static Optional<BasicFileAttributes> attributes(Path path) throws IOException {
    try {
      return Optional.of(
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }
}
