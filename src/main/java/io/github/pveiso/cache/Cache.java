package io.github.pveiso.cache;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.TempFiles;
import io.github.pveiso.VerificationException;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.net.Downloaded;
import io.github.pveiso.net.Fetcher;
import io.github.pveiso.net.SizeLimit;
import io.github.pveiso.net.Validators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The content-addressed download cache (see the package documentation for its layout and rules):
 * fetches through it are checked against what the caller expects before anything is stored, and
 * served blobs are hashed again first.
 */
public final class Cache {

  private final CacheStorageFiles files;
  private final CacheIndex index;
  private final CacheReader reader;
  private final CacheWriter writer;
  private final ParsedEntries parsed;
  private final KeptValidators validators;
  private final Fetcher fetcher;
  private final Clock clock;
  private final EventListener listener;

  private Cache(Path root, Fetcher fetcher, Clock clock, EventListener listener, boolean rehash) {
    this.files = new CacheStorageFiles(root);
    this.index = new CacheIndex(files);
    this.reader = new CacheReader(files, KnownDigests.of(files, clock, rehash), listener);
    this.writer = new CacheWriter(files);
    this.parsed = new ParsedEntries(files);
    this.validators = new KeptValidators(parsed, listener);
    this.listener = listener;
    this.fetcher = fetcher;
    this.clock = clock;
  }

  /** A cache at {@code root} (made on first write) that downloads with {@code fetcher}. */
  public static Cache open(Path root, Fetcher fetcher, Clock clock, EventListener listener) {
    return open(root, fetcher, clock, listener, false);
  }

  /**
   * As {@link #open(Path, Fetcher, Clock, EventListener)}; {@code rehash}: {@link KnownDigests}.
   */
  public static Cache open(
      Path root, Fetcher fetcher, Clock clock, EventListener listener, boolean rehash) {
    return new Cache(root, fetcher, clock, listener, rehash);
  }

  /** Digests of files hashed before, by identity (blobs, a local source ISO). */
  public KnownDigests known() {
    return reader.known();
  }

  /** Where things live in this cache. */
  public CacheStorageFiles files() {
    return files;
  }

  /**
   * The file {@code url} names, which must be {@code expected}: served from the cache when a blob
   * with that digest is there and still matches, else downloaded (resuming a partial download),
   * checked and stored.
   *
   * @throws VerificationException naming the URL, the expected and the actual size or digest, when
   *     the download is not what was expected or longer than {@code expected.limit()}; nothing is
   *     stored then, and no partial download is kept
   */
  public CachedFile fetch(URI url, Expected expected) {
    return fetch(url, expected, ContentCheck.NONE);
  }

  /**
   * Like {@link #fetch(URI, Expected)}, and a download must also pass {@code check} before it is
   * stored. A blob already in the cache passed it when it was stored (its bytes cannot have
   * changed, since they still hash to its name).
   */
  public CachedFile fetch(URI url, Expected expected, ContentCheck check) {
    Optional<Path> hit = reader.read(expected.sha256(), expected.size());
    if (hit.isPresent()) {
      long size = expected.size().orElseGet(() -> sizeOf(hit.get()));
      record(url, expected.sha256(), size);
      return new CachedFile(url, hit.get(), expected.sha256(), size, true);
    }
    return download(url, Optional.of(expected), expected.limit(), check);
  }

  /**
   * Downloads {@code url} whose digest nobody knows, and stores it under the digest it has. It is
   * never served from the cache, since nothing could say it is still the right file. The download
   * stops past {@code limit}.
   */
  public CachedFile fetchUnverified(URI url, SizeLimit limit) {
    return download(url, Optional.empty(), limit, ContentCheck.NONE);
  }

  /** The blob with {@code digest} if it is in the cache and still matches. */
  public Optional<CachedFile> find(URI url, Sha256Digest digest) {
    return reader
        .read(digest, OptionalLong.empty())
        .map(path -> new CachedFile(url, path, digest, sizeOf(path), true));
  }

  /** Stores {@code bytes} (something made, not downloaded) and returns its digest. */
  public Sha256Digest put(byte[] bytes) {
    return writer.write(bytes);
  }

  /**
   * The blob with {@code digest} if it is in the cache and still hashes to its name; a blob that no
   * longer does is deleted and reported missing.
   */
  public Optional<Path> findBlob(Sha256Digest digest) {
    return reader.read(digest, OptionalLong.empty());
  }

  /**
   * Stores a copy of {@code file} (something made, not downloaded) and returns its digest; the file
   * itself stays where it is.
   */
  public Sha256Digest putFile(Path file) {
    Path copy =
        TempFiles.track(files.tmpDirectory().resolve(java.util.UUID.randomUUID() + ".part"));
    try {
      Files.createDirectories(files.tmpDirectory());
      Files.copy(file, copy);
      Sha256Digest digest = Sha256Digest.ofFile(copy);
      writer.commit(copy, digest);
      return digest;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot copy " + file + " into the cache: " + e.getMessage(), e);
    } finally {
      AtomicFiles.deleteQuietly(copy);
      TempFiles.untrack(copy);
    }
  }

  /**
   * The payload of the derived entry of {@code key}, if stored, intact and bound to {@code key};
   * one that is not is dropped with {@link DerivedCache}'s warning. A derived cache reads through a
   * {@link DerivedCache}, which decodes too; this is the raw form.
   */
  public Optional<byte[]> readParsed(DerivedKey key) {
    return new DerivedCache<>(parsed, DerivedCodec.raw(key.kind(), key.format()), listener)
        .read(key, key.label());
  }

  /** Stores {@code payload} as the derived entry of {@code key} (its header made from the key). */
  public void writeParsed(DerivedKey key, byte[] payload) {
    parsed.write(key, payload);
  }

  /** The derived entries of {@code codec}'s kind, reporting to this cache's listener. */
  public <T> DerivedCache<T> derived(DerivedCodec<T> codec) {
    return new DerivedCache<>(parsed, codec, listener);
  }

  /** Where derived entries are stored (for {@link DerivedCache}). */
  ParsedEntries parsedEntries() {
    return parsed;
  }

  /**
   * The copy of {@code url} last kept by {@link #keep}, with its validators, when its index entry,
   * its blob (hashed again) and its validators are all there and intact; a damaged blob or
   * validators entry is dropped with a warning.
   */
  public Optional<KeptFile> kept(URI url) {
    Optional<CacheEntry> entry = index.get(url);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    Sha256Digest digest = entry.get().digest();
    Optional<Validators> known = validators.read(url, digest).filter(v -> !v.isEmpty());
    if (known.isEmpty()) {
      return Optional.empty();
    }
    return reader.readBytes(digest).map(bytes -> new KeptFile(url, bytes, digest, known.get()));
  }

  /**
   * Keeps {@code bytes}, fetched from {@code url} with {@code validators}, as the copy {@link
   * #kept} returns next time; the caller keeps only bytes that passed its checks. What is there
   * already is not written again (only the entry's last use changes).
   */
  public void keep(URI url, byte[] bytes, Validators validators) {
    Sha256Digest digest = writer.write(bytes);
    this.validators.write(url, digest, validators);
    record(url, digest, bytes.length);
  }

  /** Every index entry, sorted by URL. */
  public List<CacheEntry> list() {
    return index.list();
  }

  /**
   * Hashes every blob again, checks every index and derived entry, deletes what does not hold, and
   * says what it did; derived entries of no kind in {@code kinds} are checked without decoding.
   */
  public CacheMaintenance.VerifyReport verify(List<DerivedCodec<?>> kinds) {
    return new CacheMaintenance(files, index, clock).verify(kinds);
  }

  /** {@link #verify(List)} knowing only the kinds of the cache itself. */
  public CacheMaintenance.VerifyReport verify() {
    return verify(List.of());
  }

  /** Removes what {@code request} says is no longer needed (see {@link CacheMaintenance}). */
  public CacheMaintenance.PruneReport prune(CacheMaintenance.PruneRequest request) {
    return new CacheMaintenance(files, index, clock).prune(request);
  }

  private CachedFile download(
      URI url, Optional<Expected> expected, SizeLimit limit, ContentCheck check) {
    Downloaded downloaded;
    try (CacheWriter.PartFile part = writer.claim(url)) {
      downloaded = fetcher.fetch(url, part.path(), limit);
      expected.ifPresent(e -> check(url, downloaded, e));
      try {
        check.check(url, downloaded.file());
      } catch (RuntimeException e) {
        AtomicFiles.deleteQuietly(downloaded.file());
        throw e;
      }
      Path blob = writer.commit(downloaded.file(), downloaded.sha256());
      record(url, downloaded.sha256(), downloaded.size());
      return new CachedFile(url, blob, downloaded.sha256(), downloaded.size(), false);
    }
  }

  private static void check(URI url, Downloaded downloaded, Expected expected) {
    OptionalLong size = expected.size();
    if (size.isPresent() && downloaded.size() != size.getAsLong()) {
      AtomicFiles.deleteQuietly(downloaded.file());
      throw new VerificationException(
          url
              + ": size is "
              + downloaded.size()
              + " bytes but "
              + expected.origin()
              + " says "
              + size.getAsLong()
              + "; the download was dropped");
    }
    if (!downloaded.sha256().equals(expected.sha256())) {
      AtomicFiles.deleteQuietly(downloaded.file());
      throw new VerificationException(
          url
              + ": SHA-256 is "
              + downloaded.sha256()
              + " but "
              + expected.origin()
              + " says "
              + expected.sha256()
              + "; the download was dropped");
    }
  }

  /**
   * Writes {@code url}'s index entry. When it already names this blob, only its last use changes:
   * that is written atomically but not synced (a sync per served .deb cost a warm build more than
   * re-hashing them), since losing it in a crash loses only a hint.
   */
  private void record(URI url, Sha256Digest digest, long size) {
    Instant now = clock.instant();
    Optional<CacheEntry> known = index.get(url).filter(entry -> entry.digest().equals(digest));
    CacheEntry entry =
        new CacheEntry(url, digest, size, known.map(CacheEntry::fetched).orElse(now), now);
    if (known.isPresent() && known.get().size() == size) {
      index.touch(entry);
    } else {
      index.put(entry);
    }
  }

  private static long sizeOf(Path path) {
    try {
      return Files.size(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }
}
