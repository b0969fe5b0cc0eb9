package io.github.pveiso.cache;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.TempFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Puts finished, checked files into the blob store; hands out temp files for downloads. */
final class CacheWriter {

  /**
   * A temp file a download writes to. Closing it removes it if it is still there, unless it is the
   * resumable part file of its URL and the thread was not interrupted (a download that failed is
   * resumed by the next fetch; one stopped by a signal leaves nothing behind), then releases its
   * lock.
   */
  static final class PartFile implements AutoCloseable {
    private final Path path;
    private final Optional<FileChannel> lockChannel;
    private final Optional<Path> claimed;

    PartFile(Path path, Optional<FileChannel> lockChannel, Optional<Path> claimed) {
      this.path = TempFiles.track(path);
      this.lockChannel = lockChannel;
      this.claimed = claimed;
    }

    Path path() {
      return path;
    }

    @Override
    public void close() {
      if (lockChannel.isEmpty() || Thread.currentThread().isInterrupted()) {
        AtomicFiles.deleteQuietly(path);
      }
      TempFiles.untrack(path);
      lockChannel.ifPresent(
          channel -> {
            try {
              channel.close(); // releases the lock
            } catch (IOException e) {
              // the lock dies with the process anyway
            }
          });
      claimed.ifPresent(CLAIMED::remove);
    }
  }

  /**
   * Lock files this JVM holds. Checked before the OS lock is tried: closing a second channel on a
   * locked file would release the first channel's lock on Linux.
   */
  private static final Set<Path> CLAIMED = ConcurrentHashMap.newKeySet();

  private final CacheStorageFiles files;

  CacheWriter(CacheStorageFiles files) {
    this.files = files;
  }

  /**
   * The part file of {@code uri}: the resumable one when no other download of the URL holds its
   * lock, else a fresh private one (the two downloads then do not share bytes).
   */
  PartFile claim(URI uri) {
    Path tmp = files.tmpDirectory();
    Path lockFile = files.partLockFile(uri);
    if (!CLAIMED.add(lockFile)) {
      return fresh(tmp); // another thread of this process downloads the same URL
    }
    try {
      Files.createDirectories(tmp);
      FileChannel channel =
          FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock != null) {
        return new PartFile(files.partFile(uri), Optional.of(channel), Optional.of(lockFile));
      }
      channel.close();
      CLAIMED.remove(lockFile);
      return fresh(tmp);
    } catch (IOException e) {
      CLAIMED.remove(lockFile);
      throw new UncheckedIOException("cannot create a temp file in " + tmp + ": " + e, e);
    }
  }

  private static PartFile fresh(Path tmp) {
    return new PartFile(
        tmp.resolve(UUID.randomUUID() + ".part"), Optional.empty(), Optional.empty());
  }

  /**
   * Moves a finished file whose content has {@code digest} into the store and returns the blob. If
   * the blob exists already, the new copy is dropped (the content is the same).
   */
  Path commit(Path finished, Sha256Digest digest) {
    Path blob = files.blobFile(digest);
    try {
      Files.createDirectories(blob.getParent());
      if (Files.exists(blob)) {
        Files.delete(finished);
        return blob;
      }
      AtomicFiles.sync(finished);
      Files.move(finished, blob, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      AtomicFiles.deleteQuietly(finished);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store " + blob + ": " + e.getMessage(), e);
    }
    return blob;
  }

  /** Stores {@code bytes} as a blob and returns its digest. */
  Sha256Digest write(byte[] bytes) {
    Sha256Digest digest = Sha256Digest.of(bytes);
    if (!Files.exists(files.blobFile(digest))) {
      Path temp = TempFiles.track(files.tmpDirectory().resolve(UUID.randomUUID() + ".part"));
      try {
        Files.createDirectories(files.tmpDirectory());
        Files.write(temp, bytes);
        commit(temp, digest);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + temp + ": " + e.getMessage(), e);
      } finally {
        AtomicFiles.deleteQuietly(temp);
        TempFiles.untrack(temp);
      }
    }
    return digest;
  }

  private static @org.jspecify.annotations.Nullable FileLock tryLock(FileChannel channel)
      throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // another thread of this process downloads the same URL
    }
  }
}
