package io.github.pveiso.cache;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.events.EventListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/**
 * Derived data keyed by the digest of the blob it was made from. Each file starts with a 72-byte
 * header {@code "sha256:" + hex + "\n"} of the payload; an entry whose payload no longer matches is
 * deleted and reported missing.
 */
final class ParsedEntries {

  private static final int HEADER = 7 + 64 + 1;

  private final CacheStorageFiles files;
  private final EventListener listener;

  ParsedEntries(CacheStorageFiles files, EventListener listener) {
    this.files = files;
    this.listener = listener;
  }

  Optional<byte[]> read(String kind, Sha256Digest source) {
    Path file = files.parsedFile(kind, source);
    byte[] header = new byte[HEADER];
    byte[] payload;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < HEADER || size - HEADER > Integer.MAX_VALUE - 8) {
        return drop(file);
      }
      payload = new byte[(int) (size - HEADER)]; // read once, into its own array: no copy
      if (!readFully(channel, header) || !readFully(channel, payload)) {
        return drop(file);
      }
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (new String(header, StandardCharsets.US_ASCII).equals(header(payload))) {
      return Optional.of(payload);
    }
    return drop(file);
  }

  private Optional<byte[]> drop(Path file) {
    listener.warn("cache: dropped " + file + " because its checksum does not match");
    AtomicFiles.deleteQuietly(file);
    return Optional.empty();
  }

  /** Fills {@code into}; false when the file ends first (it shrank while being read). */
  private static boolean readFully(FileChannel channel, byte[] into) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(into);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        return false;
      }
    }
    return true;
  }

  void write(String kind, Sha256Digest source, byte[] payload) {
    byte[] header = header(payload).getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = Arrays.copyOf(header, header.length + payload.length);
    System.arraycopy(payload, 0, bytes, header.length, payload.length);
    AtomicFiles.write(files.parsedFile(kind, source), bytes, files.tmpDirectory());
  }

  private static String header(byte[] payload) {
    return "sha256:" + Sha256Digest.of(payload).hex() + "\n";
  }
}
