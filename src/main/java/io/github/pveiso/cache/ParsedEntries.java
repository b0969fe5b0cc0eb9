package io.github.pveiso.cache;

import io.github.pveiso.events.EventListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (bytes.length >= HEADER) {
      String header = new String(bytes, 0, HEADER, StandardCharsets.US_ASCII);
      byte[] payload = Arrays.copyOfRange(bytes, HEADER, bytes.length);
      if (header.equals(header(payload))) {
        return Optional.of(payload);
      }
    }
    listener.warn("cache: dropped " + file + " because its checksum does not match");
    AtomicFiles.deleteQuietly(file);
    return Optional.empty();
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
