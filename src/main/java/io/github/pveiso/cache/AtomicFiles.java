package io.github.pveiso.cache;

import io.github.pveiso.ChunkedIo;
import io.github.pveiso.TempFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Writes files so that readers see either the old content or the new, never half. */
final class AtomicFiles {

  private AtomicFiles() {}

  /** Writes {@code bytes} to a temp file in {@code tmpDir}, syncs it and renames it to target. */
  static void write(Path target, byte[] bytes, Path tmpDir) {
    write(target, bytes, tmpDir, true);
  }

  /**
   * Writes {@code bytes} to a temp file in {@code tmpDir}, syncs it when {@code sync}, and renames
   * it to target: readers see the old content or the new, but without a sync a crash may leave
   * neither.
   */
  static void write(Path target, byte[] bytes, Path tmpDir, boolean sync) {
    write(target, tmpDir, sync, bytes);
  }

  /**
   * As {@link #write(Path, byte[], Path, boolean)}, the file being {@code parts} one after another.
   */
  static void write(Path target, Path tmpDir, boolean sync, byte[]... parts) {
    write(target, tmpDir, sync, (Path) null, parts);
  }

  /**
   * As {@link #write(Path, Path, boolean, byte[]...)}, the file being {@code head} followed by the
   * content of the file {@code rest}, when there is one.
   */
  static void write(Path target, Path tmpDir, boolean sync, @Nullable Path rest, byte[]... head) {
    Path temp = TempFiles.track(tmpDir.resolve(UUID.randomUUID() + ".tmp"));
    try {
      Files.createDirectories(tmpDir);
      Files.createDirectories(target.getParent());
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        for (byte[] part : head) {
          ChunkedIo.writeFully(channel, part, 0, part.length);
        }
        if (rest != null) {
          append(rest, channel);
        }
        if (sync) {
          channel.force(true);
        }
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(temp);
      TempFiles.untrack(temp);
    }
  }

  private static void append(Path rest, FileChannel channel) throws IOException {
    try (FileChannel in = FileChannel.open(rest, StandardOpenOption.READ)) {
      long size = in.size();
      for (long done = 0; done < size; ) {
        long n = in.transferTo(done, size - done, channel);
        if (n <= 0) {
          throw new IOException(rest + " ended early at byte " + done);
        }
        done += n;
      }
    }
  }

  /** Flushes a finished file's content to disk. */
  static void sync(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot sync " + file + ": " + e.getMessage(), e);
    }
  }

  /** Deletes {@code file} if it exists; a failure to delete is not worth failing for. */
  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // left for 'pveiso cache prune' to remove
    }
  }
}
