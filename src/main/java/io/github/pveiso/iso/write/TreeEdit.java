package io.github.pveiso.iso.write;

import io.github.pveiso.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The change list as a tree of the folders a write rewrites: every folder on the way from the root
 * to a change, with the files, links and folders it gains, replaces or loses. Names are Rock Ridge
 * names; each tree of the volume (primary, Joliet) is written from it.
 */
final class TreeEdit {

  /** Something a folder gains or gets replaced: a file or a symbolic link. */
  sealed interface Leaf {
    /** Its absolute path on the ISO. */
    String isoPath();

    /** Its fixed time. */
    Instant mtime();
  }

  /**
   * A file whose bytes come from a local file.
   *
   * @param isoPath its absolute path on the ISO
   * @param source the local file
   * @param size its length in bytes
   * @param mode its permission bits
   * @param mtime its fixed time
   * @param identity the local file's identity (device and inode, {@link
   *     BasicFileAttributes#fileKey()}): files of the same identity (hard links, or one file added
   *     twice) hold the same bytes and are stored once; null where the file system has none
   */
  record NewFile(
      String isoPath,
      Path source,
      long size,
      int mode,
      Instant mtime,
      @org.jspecify.annotations.Nullable Object identity)
      implements Leaf {}

  /**
   * A symbolic link from an added tree.
   *
   * @param isoPath its absolute path on the ISO
   * @param target where it points, as stored in the local link
   * @param mtime its fixed time
   */
  record NewLink(String isoPath, String target, Instant mtime) implements Leaf {}

  /** A folder the write rewrites (an existing one on the way to a change) or creates. */
  static final class Dir {
    final String path;
    final boolean created;
    final int mode;
    final Instant mtime;
    final Map<String, Dir> dirs = new TreeMap<>();
    final Map<String, Leaf> leaves = new TreeMap<>();
    final java.util.Set<String> removed = new TreeSet<>();

    Dir(String path, boolean created, int mode, Instant mtime) {
      this.path = path;
      this.created = created;
      this.mode = mode;
      this.mtime = mtime;
    }

    /** The last component of its path. */
    String name() {
      return path.substring(path.lastIndexOf('/') + 1);
    }
  }

  private TreeEdit() {}

  /**
   * The edit tree of checked {@code changes}.
   *
   * @param listing the source's tree, to tell existing folders from new ones
   */
  static Dir of(List<IsoChange> changes, SourceListing listing) {
    Dir root = new Dir("/", false, 0755, Instant.EPOCH);
    for (IsoChange change : changes) {
      String path = change.isoPath();
      Instant time = change instanceof IsoChange.Content content ? content.mtime() : Instant.EPOCH;
      Dir parent = folder(root, ChangeCheck.parentOf(path), listing, time);
      String name = path.substring(path.lastIndexOf('/') + 1);
      switch (change) {
        case IsoChange.AddFile a -> parent.leaves.put(name, file(path, a.source(), a.mode(), time));
        case IsoChange.ReplaceFile r ->
            parent.leaves.put(name, file(path, r.source(), r.mode(), time));
        case IsoChange.RemoveFile r -> parent.removed.add(name);
        case IsoChange.AddTree t -> {
          Dir dir = new Dir(path, true, t.dirMode(), time);
          parent.dirs.put(name, dir);
          addTree(dir, t.source(), t);
        }
      }
    }
    return root;
  }

  /** The folder at {@code path}, made on the way with mode 0755 where the source lacks it. */
  private static Dir folder(Dir root, String path, SourceListing listing, Instant time) {
    Dir dir = root;
    if (path.equals("/")) {
      return dir;
    }
    for (String name : path.substring(1).split("/")) {
      String childPath = dir.path.equals("/") ? "/" + name : dir.path + "/" + name;
      Dir parent = dir;
      dir =
          parent.dirs.computeIfAbsent(
              name, n -> new Dir(childPath, !listing.dirs().contains(childPath), 0755, time));
    }
    return dir;
  }

  private static NewFile file(String isoPath, Path local, int mode, Instant time) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(local, BasicFileAttributes.class);
      return new NewFile(isoPath, local, attributes.size(), mode, time, attributes.fileKey());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + local + ": " + e.getMessage(), e);
    }
  }

  private static void addTree(Dir dir, Path local, IsoChange.AddTree change) {
    List<Path> children;
    try (Stream<Path> list = Files.list(local)) {
      children = new ArrayList<>(list.sorted().toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + local + ": " + e.getMessage(), e);
    }
    for (Path child : children) {
      String name = child.getFileName().toString();
      String path = dir.path + "/" + name;
      ChangeCheck.checkPath(path);
      Instant time = change.mtime();
      if (Files.isSymbolicLink(child)) {
        try {
          dir.leaves.put(name, new NewLink(path, Files.readSymbolicLink(child).toString(), time));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read link " + child + ": " + e.getMessage(), e);
        }
      } else if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
        Dir sub = new Dir(path, true, change.dirMode(), time);
        dir.dirs.put(name, sub);
        addTree(sub, child, change);
      } else if (Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
        dir.leaves.put(name, file(path, child, change.mode(), time));
      } else {
        throw new InvalidInputException(
            "cannot "
                + change.describe()
                + ": "
                + child
                + " is neither a file, a folder nor a symbolic link; remove it from the tree");
      }
    }
  }

  /** Every new file under {@code dir}, sorted by ISO path. */
  static List<NewFile> files(Dir dir) {
    TreeMap<String, NewFile> out = new TreeMap<>();
    collect(dir, out);
    return List.copyOf(out.values());
  }

  private static void collect(Dir dir, Map<String, NewFile> out) {
    for (Leaf leaf : dir.leaves.values()) {
      if (leaf instanceof NewFile f) {
        out.put(f.isoPath(), f);
      }
    }
    dir.dirs.values().forEach(d -> collect(d, out));
  }
}
