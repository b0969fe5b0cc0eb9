package io.github.pveiso.pipeline;

import io.github.pveiso.Sha256Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A file's SHA-256 with the digest's state kept at about {@value #STATES} evenly spaced places, so
 * that the SHA-256 of another file that shares a prefix with it (another node's ISO, which differs
 * only near its end) is computed from the last kept state inside that prefix instead of from the
 * first byte.
 */
final class ResumableDigest {

  /** About how many states are kept: for a 1.3 GB ISO one every 41 MiB. */
  static final int STATES = 32;

  private static final int CHUNK = 1 << 20;

  /** The distance between kept states, a multiple of {@link #CHUNK}. */
  private final long every;

  /** {@code states.get(i)} holds the digest of the first {@code i * every} bytes. */
  private final List<MessageDigest> states;

  private final String sha256;

  private ResumableDigest(long every, List<MessageDigest> states, String sha256) {
    this.every = every;
    this.states = List.copyOf(states);
    this.sha256 = sha256;
  }

  /** Hashes {@code file}, keeping a state every {@code size / STATES} bytes (at least 1 MiB). */
  static ResumableDigest of(Path file) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    long chunks = (size / STATES + CHUNK - 1) / CHUNK;
    return of(file, Math.max(1, chunks) * CHUNK);
  }

  /** Hashes {@code file}, keeping a state every {@code every} bytes. */
  static ResumableDigest of(Path file, long every) {
    List<MessageDigest> states = new ArrayList<>();
    MessageDigest digest = Sha256Digest.newMessageDigest();
    states.add(copy(digest));
    hash(file, 0, every, digest, states);
    return new ResumableDigest(every, states, Sha256Digest.of(digest).toString());
  }

  /** The SHA-256 of the file this was made from, lower-case hex. */
  String sha256() {
    return sha256;
  }

  /**
   * The SHA-256 of {@code other}, whose first {@code samePrefix} bytes are this file's.
   *
   * @return lower-case hex
   */
  String resume(Path other, long samePrefix) {
    int index = (int) (resumesAt(samePrefix) / every);
    MessageDigest digest = copy(states.get(index));
    hash(other, index * every, every, digest, null);
    return Sha256Digest.of(digest).toString();
  }

  /** Where {@link #resume} starts reading a file that shares {@code samePrefix} bytes. */
  long resumesAt(long samePrefix) {
    return Math.min(states.size() - 1, Math.max(0, samePrefix) / every) * every;
  }

  private static void hash(
      Path file,
      long from,
      long every,
      MessageDigest digest,
      @Nullable List<MessageDigest> states) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long at = from;
      while (true) {
        // a read never crosses a multiple of every, so each one is reached exactly
        buffer.clear().limit((int) Math.min(CHUNK, every - at % every));
        int n = channel.read(buffer, at);
        if (n < 0) {
          return;
        }
        buffer.flip();
        digest.update(buffer);
        at += n;
        if (states != null && at % every == 0) {
          states.add(copy(digest));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static MessageDigest copy(MessageDigest digest) {
    try {
      return (MessageDigest) digest.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("this Java's SHA-256 cannot be copied", e);
    }
  }
}
