package io.github.pveiso.pipeline;

import io.github.pveiso.InterruptedFailure;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.Threads;
import io.github.pveiso.iso.write.WriteProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The SHA-256 of a file while it is written, on a thread of its own: the writer says how far the
 * file is final ({@link WriteProgress}) and the thread reads those bytes back (from the page cache,
 * where the write left them) and hashes them, in order, as they come; then {@link #written} says
 * how long the whole file is. The digest is of the file's bytes, read from the file, never of what
 * the writer meant to write. A writer that reports nothing (xorriso's) gets the file hashed after
 * it, as before.
 *
 * <p>{@link #close} stops the thread and waits for it: a write or a verification that fails leaves
 * no hashing behind.
 */
final class FollowingDigest implements WriteProgress, AutoCloseable {

  private static final int BUFFER = 1 << 20;

  private final Path file;
  private final Thread thread;
  private final Object lock = new Object();

  /** How many leading bytes of the file are final; guarded by {@link #lock}. */
  private long available;

  /** The whole file's length, once the write is over, else -1; guarded by {@link #lock}. */
  private long size = -1;

  /** The digest, once the thread has it; guarded by {@link #lock}. */
  private @Nullable String sha256;

  /** What the thread threw instead (unchecked); guarded by {@link #lock}. */
  private @Nullable Throwable failure;

  private FollowingDigest(Path file) {
    this.file = file;
    this.thread = new Thread(this::run, "hash " + file.getFileName());
    thread.start();
  }

  /** Starts hashing {@code file} as far as it is final, which is nothing yet. */
  static FollowingDigest of(Path file) {
    return new FollowingDigest(file);
  }

  @Override
  public void finalThrough(long bytes) {
    synchronized (lock) {
      if (bytes > available) {
        available = bytes;
        lock.notifyAll();
      }
    }
  }

  /** The write is over: the file is {@code length} bytes long, all final. */
  void written(long length) {
    synchronized (lock) {
      size = length;
      available = Math.max(available, length);
      lock.notifyAll();
    }
  }

  /**
   * Waits for the digest; call it after {@link #written}.
   *
   * @return the file's SHA-256, lower-case hex
   * @throws RuntimeException what hashing threw (an {@link UncheckedIOException} when the file
   *     could not be read or did not end where the write said)
   */
  String sha256() {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedFailure("interrupted while hashing " + file, e);
    }
    synchronized (lock) {
      if (failure instanceof Error e) {
        throw e;
      }
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      return Objects.requireNonNull(sha256, "the hashing thread ended without a digest");
    }
  }

  /** Stops the hashing if it still runs, and waits until its thread has ended. */
  @Override
  public void close() {
    thread.interrupt();
    Threads.joinAll(List.of(thread));
  }

  private void run() {
    try {
      String hex = hash();
      synchronized (lock) {
        sha256 = hex;
      }
    } catch (InterruptedException e) {
      synchronized (lock) {
        failure = new InterruptedFailure("interrupted while hashing " + file, e);
      }
    } catch (RuntimeException | Error e) {
      synchronized (lock) {
        failure = e;
      }
    }
  }

  private String hash() throws InterruptedException {
    MessageDigest sha = Sha256Digest.newMessageDigest();
    // direct: the kernel copies into it (a heap buffer is filled through a direct one, a copy more)
    ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
    long done = 0;
    awaitMoreThan(done);
    // opened only now: the writer has made the file by the time it reports anything
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      while (true) {
        long until;
        long length;
        synchronized (lock) {
          until = available;
          length = size;
        }
        while (done < until) {
          buffer.clear().limit((int) Math.min(BUFFER, until - done));
          int n = in.read(buffer, done);
          if (n < 0) {
            throw new IOException(file + " ended at byte " + done + ", before byte " + until);
          }
          sha.update(buffer.flip());
          done += n;
        }
        if (length >= 0) {
          if (done != length || in.size() != length) {
            throw new IOException(
                file + " is " + in.size() + " bytes long, not the " + length + " written");
          }
          return Sha256Digest.of(sha).hex();
        }
        awaitMoreThan(done);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hash " + file + ": " + e.getMessage(), e);
    }
  }

  /** Waits until more than {@code done} bytes are final, or the write is over. */
  private void awaitMoreThan(long done) throws InterruptedException {
    synchronized (lock) {
      while (available <= done && size < 0) {
        lock.wait();
      }
    }
  }
}
