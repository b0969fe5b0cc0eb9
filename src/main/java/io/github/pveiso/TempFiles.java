package io.github.pveiso;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The temporary files and folders this process has made and not yet published or removed: the
 * hidden {@code .partial} files in {@code output_dir}, a run's folder under {@code work_dir}, the
 * cache's downloads in flight. The code that makes one tracks it and removes (or publishes) it
 * itself; this list is the safety net for a process told to stop by a signal, which cannot wait
 * long for every step to unwind: it removes what is still listed ({@link #removeAll}). Process-wide
 * on purpose, like the process id the files are named by.
 */
public final class TempFiles {

  private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

  private TempFiles() {}

  /** Adds {@code path} (a file, or a folder removed with all it holds) to the list; returns it. */
  public static Path track(Path path) {
    LIVE.add(key(path));
    return path;
  }

  /** Takes {@code path} off the list: it was published, kept on purpose, or removed. */
  public static void untrack(Path path) {
    LIVE.remove(key(path));
  }

  /** What is on the list now. */
  public static List<Path> tracked() {
    return List.copyOf(LIVE);
  }

  /**
   * Removes {@code path} (a file, or a folder with everything in it, links as links) and takes it
   * off the list; what is already gone is no error.
   *
   * @throws UncheckedIOException when something cannot be removed
   */
  public static void remove(Path path) {
    try {
      deleteTree(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + path + ": " + e.getMessage(), e);
    }
    untrack(path);
  }

  /**
   * Removes everything on the list, as far as it can, and returns what it removed; what it cannot
   * remove stays listed.
   */
  public static List<Path> removeAll() {
    List<Path> removed = new ArrayList<>();
    for (Path path : tracked()) {
      try {
        boolean existed = Files.exists(path, LinkOption.NOFOLLOW_LINKS);
        deleteTree(path);
        untrack(path);
        if (existed) {
          removed.add(path);
        }
      } catch (IOException e) {
        // left for the next run, which removes what a process that is gone left behind
      }
    }
    return removed;
  }

  /**
   * Deletes {@code path} and, for a folder, everything under it, links as links (never what they
   * point at); entries that vanish meanwhile (another remover) are no error.
   */
  public static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        path,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException e)
              throws IOException {
            if (e != null && !(e instanceof NoSuchFileException)) {
              throw e;
            }
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static Path key(Path path) {
    return path.toAbsolutePath().normalize();
  }
}
