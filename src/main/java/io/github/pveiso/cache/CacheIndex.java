package io.github.pveiso.cache;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pveiso.Sha256Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The index from URL to blob: one small JSON file per URL, each replaced atomically, so concurrent
 * processes need no lock (the last writer of an entry wins, and every version is valid).
 */
final class CacheIndex {

  /** The stored form of one entry. */
  record Stored(String url, String sha256, long size, String fetched, String lastUsed) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CacheStorageFiles files;

  CacheIndex(CacheStorageFiles files) {
    this.files = files;
  }

  /** The entry of {@code url}, if there is a readable one. */
  Optional<CacheEntry> get(URI url) {
    return read(files.indexFile(url));
  }

  /** Writes (or replaces) the entry of its URL, synced to disk. */
  void put(CacheEntry entry) {
    write(entry, true);
  }

  /**
   * Replaces the entry of its URL with one that differs only in its last use: atomically, but not
   * synced, since a crash can lose only that hint (a damaged entry is dropped when read).
   */
  void touch(CacheEntry entry) {
    write(entry, false);
  }

  private void write(CacheEntry entry, boolean sync) {
    Stored stored =
        new Stored(
            entry.url().toString(),
            entry.digest().hex(),
            entry.size(),
            entry.fetched().toString(),
            entry.lastUsed().toString());
    try {
      AtomicFiles.write(
          files.indexFile(entry.url()), JSON.writeValueAsBytes(stored), files.tmpDirectory(), sync);
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot encode index entry " + entry, e);
    }
  }

  /** Removes the entry of {@code url}. */
  void remove(URI url) {
    AtomicFiles.deleteQuietly(files.indexFile(url));
  }

  /** Every readable entry, sorted by URL; unreadable entry files are deleted. */
  List<CacheEntry> list() {
    List<CacheEntry> entries = new ArrayList<>();
    for (Path file : entryFiles()) {
      read(file).ifPresent(entries::add);
    }
    entries.sort(Comparator.comparing((CacheEntry e) -> e.url().toString()));
    return entries;
  }

  /** Every entry file, sorted, readable or not. */
  List<Path> entryFiles() {
    List<Path> out = new ArrayList<>();
    Path dir = files.indexDirectory();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.json")) {
      stream.forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /**
   * The entry in {@code file}, when it is one and is the entry of the URL it names (its name is
   * that URL's): an entry copied under another URL's name would claim that URL's blob. A file that
   * is neither is deleted (a damaged entry is only a lost hint).
   */
  Optional<CacheEntry> read(Path file) {
    try {
      Stored stored = JSON.readValue(Files.readAllBytes(file), Stored.class);
      CacheEntry entry =
          new CacheEntry(
              URI.create(stored.url()),
              new Sha256Digest(stored.sha256()),
              stored.size(),
              Instant.parse(stored.fetched()),
              Instant.parse(stored.lastUsed()));
      if (!files.indexFile(entry.url()).equals(file) || entry.size() < 0) {
        AtomicFiles.deleteQuietly(file);
        return Optional.empty();
      }
      return Optional.of(entry);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      AtomicFiles.deleteQuietly(file); // a damaged entry is only a lost hint: drop it
      return Optional.empty();
    }
  }
}
