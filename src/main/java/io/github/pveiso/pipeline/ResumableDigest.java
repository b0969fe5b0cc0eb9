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
 * A file's SHA-256 with the digest's state kept at about {@value #STATES} evenly spaced places, and
 * at one more place when asked, so that the SHA-256 of another file that shares a prefix with it
 * (another node's ISO, which differs only near its end) is computed from the last kept state inside
 * that prefix instead of from the first byte. Where the shared prefix is known before hashing (the
 * nodes' ISOs laid out alike, see {@link io.github.pveiso.iso.write.NodeLayout}), the state is kept
 * exactly there and another node's SHA-256 reads only its own tail.
 */
final class ResumableDigest {

  /** About how many states are kept: for a 1.3 GB ISO one every 41 MiB. */
  static final int STATES = 32;

  private static final int CHUNK = 1 << 20;

  /** The distance between evenly spaced states, a multiple of {@link #CHUNK}. */
  private final long every;

  /** Where each state was kept, ascending; {@code offsets.get(0)} is 0. */
  private final List<Long> offsets;

  /** {@code states.get(i)} holds the digest of the first {@code offsets.get(i)} bytes. */
  private final List<MessageDigest> states;

  private final String sha256;

  private ResumableDigest(
      long every, List<Long> offsets, List<MessageDigest> states, String sha256) {
    this.every = every;
    this.offsets = List.copyOf(offsets);
    this.states = List.copyOf(states);
    this.sha256 = sha256;
  }

  /** Hashes {@code file}, keeping a state every {@code size / STATES} bytes (at least 1 MiB). */
  static ResumableDigest of(Path file) {
    return keeping(file, -1);
  }

  /**
   * As {@link #of(Path)}, keeping one more state at byte {@code keep} (none when negative).
   *
   * @param keep where the file's shared prefix ends, known from how it was written
   */
  static ResumableDigest keeping(Path file, long keep) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    long chunks = (size / STATES + CHUNK - 1) / CHUNK;
    return of(file, Math.max(1, chunks) * CHUNK, keep);
  }

  /** Hashes {@code file}, keeping a state every {@code every} bytes and at {@code keep}. */
  static ResumableDigest of(Path file, long every, long keep) {
    List<Long> offsets = new ArrayList<>();
    List<MessageDigest> states = new ArrayList<>();
    MessageDigest digest = Sha256Digest.newMessageDigest();
    offsets.add(0L);
    states.add(copy(digest));
    hash(file, 0, every, keep, digest, offsets, states);
    return new ResumableDigest(every, offsets, states, Sha256Digest.of(digest).toString());
  }

  /** Hashes {@code file}, keeping a state every {@code every} bytes. */
  static ResumableDigest of(Path file, long every) {
    return of(file, every, -1);
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
    int index = index(samePrefix);
    MessageDigest digest = copy(states.get(index));
    hash(other, offsets.get(index), every, -1, digest, null, null);
    return Sha256Digest.of(digest).toString();
  }

  /** Where {@link #resume} starts reading a file that shares {@code samePrefix} bytes. */
  long resumesAt(long samePrefix) {
    return offsets.get(index(samePrefix));
  }

  /** The last state kept at or before {@code samePrefix}. */
  private int index(long samePrefix) {
    int index = 0;
    while (index + 1 < offsets.size() && offsets.get(index + 1) <= samePrefix) {
      index++;
    }
    return index;
  }

  private static void hash(
      Path file,
      long from,
      long every,
      long keep,
      MessageDigest digest,
      @Nullable List<Long> offsets,
      @Nullable List<MessageDigest> states) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long at = from;
      while (true) {
        // a read never crosses a multiple of every, nor keep, so each one is reached exactly
        long limit = Math.min(CHUNK, every - at % every);
        if (keep > at) {
          limit = Math.min(limit, keep - at);
        }
        buffer.clear().limit((int) limit);
        int n = channel.read(buffer, at);
        if (n < 0) {
          return;
        }
        buffer.flip();
        digest.update(buffer);
        at += n;
        if (offsets != null && states != null && (at % every == 0 || at == keep)) {
          offsets.add(at);
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
