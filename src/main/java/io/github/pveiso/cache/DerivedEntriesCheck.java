package io.github.pveiso.cache;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code pveiso cache verify}'s pass over the derived entries. Each entry must be a regular file
 * named by the digest of the key its header holds, under its kind's folder, with intact length and
 * checksum; every input its key names must still be a blob (else it is orphaned); and, for a kind
 * this pveiso knows, be of the current format, decode, name only blobs that are there and pass its
 * codec's {@link DerivedCodec#audit}. Kinds are checked in the order given (an audit may read
 * entries of kinds checked before it), then unknown kinds. What fails is deleted and reported.
 */
final class DerivedEntriesCheck {

  /** What the pass did. */
  record Result(int checked, List<CacheMaintenance.DroppedEntry> dropped) {}

  private final CacheStorageFiles files;
  private final ParsedEntries entries;
  private final Map<String, DerivedCodec<?>> kinds = new LinkedHashMap<>();

  DerivedEntriesCheck(CacheStorageFiles files, List<DerivedCodec<?>> kinds) {
    this.files = files;
    this.entries = new ParsedEntries(files);
    kinds.forEach(codec -> this.kinds.putIfAbsent(codec.kind(), codec));
  }

  Result run() {
    List<CacheMaintenance.DroppedEntry> dropped = new ArrayList<>();
    int checked = 0;
    List<Path> folders = new ArrayList<>();
    for (Path child : list(files.parsedRoot())) {
      if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
        folders.add(child);
      } else {
        checked++;
        drop(child, "it is not in a kind's folder", dropped);
      }
    }
    List<Path> ordered = new ArrayList<>();
    for (String kind : kinds.keySet()) {
      folders.stream().filter(f -> f.getFileName().toString().equals(kind)).forEach(ordered::add);
    }
    folders.stream().filter(f -> !ordered.contains(f)).forEach(ordered::add);
    for (Path folder : ordered) {
      String kind = folder.getFileName().toString();
      for (Path file : list(folder)) {
        checked++;
        check(kind, file).ifPresent(reason -> drop(file, reason, dropped));
      }
    }
    return new Result(checked, dropped);
  }

  private void drop(Path file, String reason, List<CacheMaintenance.DroppedEntry> dropped) {
    if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
      deleteTree(file);
    } else {
      AtomicFiles.deleteQuietly(file);
    }
    dropped.add(
        new CacheMaintenance.DroppedEntry(files.root().relativize(file).toString(), reason));
  }

  /** What is wrong with the entry in {@code file} of folder {@code kind}, if anything. */
  private Optional<String> check(String kind, Path file) {
    String name = file.getFileName().toString();
    if (!name.matches("[0-9a-f]{64}")) {
      return Optional.of("its name is not an entry's");
    }
    ParsedEntries.Stored stored;
    try {
      stored = ParsedEntries.readAny(file);
    } catch (IOException e) {
      return Optional.of(String.valueOf(e.getMessage()));
    }
    DerivedKey key = stored.key();
    if (!key.kind().equals(kind) || !key.digest().hex().equals(name)) {
      return Optional.of(
          "its header names other inputs or parameters (it was moved or made for another key)");
    }
    for (DerivedKey.Input input : key.inputs()) {
      if (blob(input.digest()).isEmpty()) {
        return Optional.of(
            "orphaned: its input "
                + input.name()
                + " ("
                + input.digest().hex()
                + ") is no longer in the cache");
      }
    }
    DerivedCodec<?> codec = kinds.get(kind);
    if (codec == null) {
      return Optional.empty();
    }
    if (key.format() != codec.format()) {
      return Optional.of(
          "it is in format " + key.format() + "; this pveiso reads format " + codec.format());
    }
    return audit(codec, key, stored.payload());
  }

  private <T> Optional<String> audit(DerivedCodec<T> codec, DerivedKey key, byte[] payload) {
    try {
      T value = codec.decode(payload);
      for (Sha256Digest blob : codec.blobs(value)) {
        if (blob(blob).isEmpty()) {
          return Optional.of("the blob " + blob.hex() + " it names is gone");
        }
      }
      codec.audit(key, value, context());
      return Optional.empty();
    } catch (IOException | VerificationException e) {
      return Optional.of(String.valueOf(e.getMessage()));
    }
  }

  private DerivedAudit context() {
    return new DerivedAudit() {
      @Override
      public Optional<Path> blob(Sha256Digest digest) {
        return DerivedEntriesCheck.this.blob(digest);
      }

      @Override
      public Path scratch() throws IOException {
        return Files.createDirectories(files.tmpDirectory());
      }

      @Override
      public <T> Optional<T> read(DerivedCodec<T> codec, DerivedKey key) {
        if (!(entries.read(key) instanceof ParsedEntries.Read.Found found)) {
          return Optional.empty();
        }
        try {
          return Optional.of(codec.decode(found.payload()));
        } catch (IOException e) {
          return Optional.empty();
        }
      }
    };
  }

  private Optional<Path> blob(Sha256Digest digest) {
    Path blob = files.blobFile(digest);
    return Files.isRegularFile(blob, LinkOption.NOFOLLOW_LINKS)
        ? Optional.of(blob)
        : Optional.empty();
  }

  private static List<Path> list(Path dir) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    out.sort(null);
    return out;
  }

  private static void deleteTree(Path dir) {
    for (Path child : list(dir)) {
      if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
        deleteTree(child);
      } else {
        AtomicFiles.deleteQuietly(child);
      }
    }
    AtomicFiles.deleteQuietly(dir);
  }
}
