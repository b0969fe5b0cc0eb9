package io.github.pveiso.cache;

import io.github.pveiso.ChunkedIo;
import io.github.pveiso.CountingOutputStream;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.TempFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.UUID;

/**
 * A derived entry's payload written to a temp file of its own, counted and checksummed (over the
 * entry's key text and the payload, as {@link ParsedEntries} checks it) on the way: the entry's
 * header, which comes first, needs both, and a parsed index's payload is tens of MB that need not
 * be whole in memory. Closing deletes the file.
 */
final class PayloadFile implements AutoCloseable {

  /** What writes a payload, as it makes it. */
  interface Payload {
    void writeTo(OutputStream out) throws IOException;
  }

  private final Path path;
  private final long length;
  private final String checksum;

  private PayloadFile(Path path, long length, String checksum) {
    this.path = path;
    this.length = length;
    this.checksum = checksum;
  }

  /**
   * Writes what {@code payload} gives to a new file in {@code tmpDir}, after the key {@code text}.
   */
  static PayloadFile write(Path tmpDir, byte[] text, Payload payload) throws IOException {
    Path path = TempFiles.track(tmpDir.resolve(UUID.randomUUID() + ".payload"));
    try {
      Files.createDirectories(tmpDir);
      MessageDigest digest = Sha256Digest.newMessageDigest();
      digest.update(text);
      CountingOutputStream out =
          new CountingOutputStream(
              new DigestOutputStream(
                  new BufferedOutputStream(ChunkedIo.newOutputStream(path), 1 << 16), digest));
      try (out) {
        payload.writeTo(out);
      }
      return new PayloadFile(path, out.count(), Sha256Digest.of(digest).hex());
    } catch (IOException | RuntimeException e) {
      AtomicFiles.deleteQuietly(path);
      TempFiles.untrack(path);
      throw e;
    }
  }

  Path path() {
    return path;
  }

  long length() {
    return length;
  }

  /** The SHA-256 of the key text and the payload, in hex. */
  String checksum() {
    return checksum;
  }

  @Override
  public void close() {
    AtomicFiles.deleteQuietly(path);
    TempFiles.untrack(path);
  }
}
