package io.github.pveiso.pipeline.stage.repack;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.cache.DerivedAudit;
import io.github.pveiso.cache.DerivedCache;
import io.github.pveiso.cache.DerivedCodec;
import io.github.pveiso.cache.DerivedKey;
import io.github.pveiso.events.EventListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps finished repacked firmware packages in the content-addressed cache, so a second build with
 * the same inputs links (or copies) the package instead of compressing it again (xz over ~100 MiB
 * of firmware takes minutes).
 *
 * <p>The .deb is a blob (re-hashed on every use: a blob that no longer matches is dropped and the
 * package is built again). A derived entry of kind {@value #KIND}, keyed by {@link #key}, names it:
 * lines {@code deb <sha256>}, {@code version <version>}, {@code files <count>}; the blob must be a
 * {@value FirmwareRepacker#PACKAGE} .deb of that version, else the entry is dropped (a forged entry
 * that names another blob of the cache). {@code pveiso cache verify} reads the source packages and
 * the repacked one to check that it holds exactly their firmware ({@link RepackAudit}).
 */
public final class RepackCache {

  /** The kind of the derived entries that point at repacked packages. */
  public static final String KIND = "repacked-firmware";

  /**
   * pveiso's repack format: raise it whenever {@link FirmwareRepacker} would write other bytes for
   * the same inputs, so older cached packages are no longer found.
   */
  public static final int FORMAT = 1;

  /**
   * What an entry holds: lines {@code deb <sha256>}, {@code version <version>}, {@code files
   * <count>}.
   *
   * @param deb the repacked package's blob
   * @param version its version
   * @param files how many files and symlinks it installs
   */
  record Stored(Sha256Digest deb, String version, int files) {}

  /**
   * The entries' codec; its audit reads the packages again and compares (see {@link RepackAudit}).
   */
  public static final DerivedCodec<?> CODEC = Codec.INSTANCE;

  private enum Codec implements DerivedCodec<Stored> {
    INSTANCE;

    @Override
    public String kind() {
      return KIND;
    }

    @Override
    public int format() {
      return FORMAT;
    }

    @Override
    public byte[] encode(Stored value) {
      return ("deb "
              + value.deb().hex()
              + "\nversion "
              + value.version()
              + "\nfiles "
              + value.files()
              + "\n")
          .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Stored decode(byte[] payload) throws IOException {
      String text = new String(payload, StandardCharsets.UTF_8);
      List<String> lines = text.lines().toList();
      if (!text.endsWith("\n")
          || lines.size() != 3
          || !lines.get(0).startsWith("deb ")
          || !lines.get(1).startsWith("version ")
          || !lines.get(2).startsWith("files ")
          || !lines.get(0).substring(4).matches("[0-9a-f]{64}")
          || !lines.get(2).substring(6).matches("[0-9]{1,9}")) {
        throw new IOException("it is not 'deb <sha256>', 'version <version>', 'files <count>'");
      }
      return new Stored(
          new Sha256Digest(lines.get(0).substring(4)),
          lines.get(1).substring(8),
          Integer.parseInt(lines.get(2).substring(6)));
    }

    @Override
    public Set<Sha256Digest> blobs(Stored value) {
      return Set.of(value.deb());
    }

    @Override
    public void audit(DerivedKey key, Stored value, DerivedAudit context) throws IOException {
      RepackAudit.check(key, value, context);
    }
  }

  private final Cache cache;
  private final DerivedCache<Stored> entries;
  private final EventListener events;

  /** Uses {@code cache}; reports reuse and rebuilds to {@code events}. */
  public RepackCache(Cache cache, EventListener events) {
    this.cache = cache;
    this.entries = new DerivedCache<>(cache, Codec.INSTANCE, events);
    this.events = events;
  }

  /**
   * The repacked package, in {@code outputDir}, from the cache when its inputs were repacked
   * before, else made by {@code repacker} and stored.
   */
  public Repacked repack(FirmwareRepacker repacker, List<RepackSource> sources, Path outputDir)
      throws IOException {
    DerivedKey key = key(sources, repacker.sourceDateEpoch());
    Optional<Repacked> hit = reuse(key, outputDir);
    if (hit.isPresent()) {
      return hit.get();
    }
    RepackedFirmware made = repacker.repack(sources, outputDir);
    Sha256Digest blob = cache.putFile(made.deb());
    entries.write(key, new Stored(blob, made.version(), made.files().size()));
    return new Repacked(
        made.deb(),
        made.packageName(),
        made.version(),
        made.sha256(),
        made.size(),
        made.files().size(),
        false);
  }

  private Optional<Repacked> reuse(DerivedKey key, Path outputDir) throws IOException {
    Optional<Stored> entry = entries.read(key, key.label());
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    Sha256Digest digest = entry.get().deb();
    Optional<Path> blob = cache.findBlob(digest);
    if (blob.isEmpty()) {
      events.info("repack: the cached " + FirmwareRepacker.PACKAGE + " is gone; repacking");
      return Optional.empty();
    }
    String version = entry.get().version();
    try {
      RepackAudit.checkControl(blob.get(), version);
    } catch (IOException | VerificationException e) {
      entries.drop(key, key.label(), String.valueOf(e.getMessage()));
      return Optional.empty();
    }
    Path deb = outputDir.resolve(FirmwareRepacker.PACKAGE + "_" + version + "_all.deb");
    Files.createDirectories(outputDir);
    place(blob.get(), deb);
    events.info(
        "repack: reused "
            + deb.getFileName()
            + " from the cache ("
            + digest.hex()
            + "), same inputs as before");
    return Optional.of(
        new Repacked(
            deb,
            FirmwareRepacker.PACKAGE,
            version,
            digest.hex(),
            Files.size(deb),
            entry.get().files(),
            true));
  }

  /**
   * Puts the checked blob at {@code deb}: a hard link (nobody writes to a staged file, and the link
   * outlives a prune of the cache), or a copy where linking fails. An earlier file there is removed
   * first, so nothing is written through a link into the cache.
   */
  private static void place(Path blob, Path deb) throws IOException {
    Files.deleteIfExists(deb);
    try {
      Files.createLink(deb, blob);
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(blob, deb);
    }
  }

  /**
   * The entry's key: kind {@value #KIND}, format {@value #FORMAT}, per source sorted by name the
   * .deb's digest (the digest the source carries, else its file's) named {@code <name> <version>},
   * and the parameter {@code source-date-epoch <seconds>}.
   */
  static DerivedKey key(List<RepackSource> sources, long sourceDateEpoch) {
    DerivedKey key = Codec.INSTANCE.key();
    for (RepackSource s :
        sources.stream().sorted(Comparator.comparing(RepackSource::packageName)).toList()) {
      key = key.input(s.packageName() + " " + s.version(), s.digest());
    }
    return key.param("source-date-epoch", sourceDateEpoch);
  }

  /**
   * The package a build adds.
   *
   * @param deb where it is, named {@code <package>_<version>_all.deb}
   * @param packageName {@value FirmwareRepacker#PACKAGE}
   * @param version derived from its content
   * @param sha256 lower-case hex SHA-256 of the .deb
   * @param size its size in bytes
   * @param fileCount how many files and symlinks it installs
   * @param reused true when it came from the cache
   */
  public record Repacked(
      Path deb,
      String packageName,
      String version,
      String sha256,
      long size,
      int fileCount,
      boolean reused) {}
}
