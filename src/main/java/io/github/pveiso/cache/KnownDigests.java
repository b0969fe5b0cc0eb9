package io.github.pveiso.cache;

import io.github.pveiso.Sha256Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The SHA-256 of files pveiso hashed before, remembered by the file's identity: device, inode,
 * size, modification time and change time. A file whose identity is unchanged since it was hashed
 * has the same bytes (the change time moves on every write and cannot be set back by a user; git
 * and rsync trust the same facts), so its digest is served without reading it again. Anything else
 * is hashed now, and remembered when the file did not change while it was read.
 *
 * <p>A file written shortly before it is hashed is not remembered: file times tick in steps of a
 * few milliseconds, so a second write within the same step could leave the identity as it was
 * (git's "racily clean" entries). Only files older than {@link #SETTLED} at hashing are remembered;
 * they are trusted from the next run on.
 *
 * <p>Records live in {@code <cache>/known/}, one small file per device and inode, written
 * atomically; a record that does not parse or does not match is ignored and replaced. With {@code
 * rehash} nothing is trusted (everything is hashed again) and what is hashed is remembered anew.
 */
public final class KnownDigests {

  /** How old a file must be when it is hashed for its digest to be remembered. */
  static final Duration SETTLED = Duration.ofSeconds(2);

  private static final String FORMAT = "pveiso-known-digest 1";

  private final Path dir;
  private final Path tmpDir;
  private final Clock clock;
  private final boolean rehash;

  private KnownDigests(Path dir, Path tmpDir, Clock clock, boolean rehash) {
    this.dir = dir;
    this.tmpDir = tmpDir;
    this.clock = clock;
    this.rehash = rehash;
  }

  /** The records of the cache whose files are {@code files}; {@code rehash} trusts none. */
  public static KnownDigests of(CacheStorageFiles files, Clock clock, boolean rehash) {
    return new KnownDigests(files.root().resolve("known"), files.tmpDirectory(), clock, rehash);
  }

  /** Whether nothing is trusted: every file is hashed again ({@code --rehash}). */
  public boolean rehash() {
    return rehash;
  }

  /**
   * The SHA-256 of {@code file}: the remembered one when its identity is unchanged since pveiso
   * hashed it, else its content's, hashed now (and remembered when it did not change meanwhile).
   *
   * @throws UncheckedIOException when the file cannot be read
   */
  public Sha256Digest sha256(Path file) {
    Optional<FileIdentity> before = FileIdentity.of(file);
    if (before.isPresent() && !rehash) {
      Optional<Sha256Digest> known = remembered(before.get());
      if (known.isPresent()) {
        return known.get();
      }
    }
    long started = clock.millis();
    Sha256Digest digest = Sha256Digest.ofFile(file);
    Optional<FileIdentity> after = FileIdentity.of(file);
    if (before.isPresent() && before.equals(after) && before.get().settledBefore(started)) {
      remember(before.get(), digest);
    }
    return digest;
  }

  /** The digest remembered for {@code file} when its identity is unchanged, without hashing. */
  public Optional<Sha256Digest> remembered(Path file) {
    return rehash ? Optional.empty() : FileIdentity.of(file).flatMap(this::remembered);
  }

  private Optional<Sha256Digest> remembered(FileIdentity identity) {
    Path record = dir.resolve(identity.recordName());
    String text;
    try {
      text = Files.readString(record, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty(); // unreadable: hashed again and replaced
    }
    List<String> lines = text.lines().toList();
    if (lines.size() != 3
        || !lines.get(0).equals(FORMAT)
        || !lines.get(1).equals(identity.text())
        || !Sha256Digest.isValid(lines.get(2))) {
      return Optional.empty();
    }
    return Optional.of(Sha256Digest.parse(lines.get(2)));
  }

  private void remember(FileIdentity identity, Sha256Digest digest) {
    try {
      Files.createDirectories(dir);
      Files.createDirectories(tmpDir);
      String text = FORMAT + "\n" + identity.text() + "\n" + digest.hex() + "\n";
      // not synced: after a crash a record is missing or whole, and a missing one means a rehash
      AtomicFiles.write(
          dir.resolve(identity.recordName()),
          text.getBytes(StandardCharsets.US_ASCII),
          tmpDir,
          false);
    } catch (IOException | UncheckedIOException e) {
      // a cache that cannot be written still serves: the file is hashed again next time
    }
  }

  /**
   * What identifies a file's content without reading it.
   *
   * @param device the file system's device number
   * @param inode the inode number
   * @param size the size in bytes
   * @param modified the modification time, in nanoseconds since the epoch
   * @param changed the change time (status change), in nanoseconds since the epoch
   */
  record FileIdentity(long device, long inode, long size, long modified, long changed) {

    /** The identity of {@code file}, when the file system tells device, inode and change time. */
    static Optional<FileIdentity> of(Path file) {
      Map<String, Object> a;
      try {
        a = Files.readAttributes(file, "unix:dev,ino,size,lastModifiedTime,ctime");
      } catch (UnsupportedOperationException | IllegalArgumentException e) {
        return Optional.empty(); // not a POSIX file system: always hashed
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
      }
      if (!(a.get("dev") instanceof Long dev)
          || !(a.get("ino") instanceof Long ino)
          || !(a.get("size") instanceof Long size)
          || !(a.get("lastModifiedTime") instanceof FileTime modified)
          || !(a.get("ctime") instanceof FileTime changed)) {
        return Optional.empty();
      }
      return Optional.of(new FileIdentity(dev, ino, size, nanos(modified), nanos(changed)));
    }

    private static long nanos(FileTime time) {
      return time.to(TimeUnit.NANOSECONDS);
    }

    /** Whether both times lie at least {@link #SETTLED} before {@code millis}. */
    boolean settledBefore(long millis) {
      long limit = TimeUnit.MILLISECONDS.toNanos(millis - SETTLED.toMillis());
      return modified < limit && changed < limit;
    }

    String recordName() {
      return Long.toUnsignedString(device, 16) + "-" + Long.toUnsignedString(inode, 16);
    }

    String text() {
      return device + " " + inode + " " + size + " " + modified + " " + changed;
    }
  }
}
