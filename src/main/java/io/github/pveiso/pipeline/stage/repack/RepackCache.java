package io.github.pveiso.pipeline.stage.repack;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.cache.DerivedCache;
import io.github.pveiso.cache.DerivedCodec;
import io.github.pveiso.cache.DerivedKey;
import io.github.pveiso.debian.DebWriter;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.proxmox.ProxmoxFirmware;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Keeps finished repacked firmware packages in the content-addressed cache, so a second build with
 * the same inputs links (or copies) the package instead of compressing it again (xz over the ~210
 * MiB of the seed's firmware takes more than a minute; zstd seconds).
 *
 * <p>The .deb is a blob (re-hashed on every use: a blob that no longer matches is dropped and the
 * package is built again). A derived entry of kind {@value #KIND}, keyed by {@link #key}, names it
 * ({@link RepackEntry}); the blob must be a {@value FirmwareRepacker#PACKAGE} .deb of that version,
 * else the entry is dropped (a forged entry that names another blob of the cache), and the entry of
 * a package of what pve-firmware lacks must hold the pve-firmware list its key was made from.
 * {@code pveiso cache verify} reads the source packages and the repacked one to check that it holds
 * exactly their firmware, or exactly what that list lacks of it ({@link RepackAudit}).
 */
public final class RepackCache {

  /** The kind of the derived entries that point at repacked packages. */
  public static final String KIND = "repacked-firmware";

  /**
   * pveiso's repack format: raise it whenever {@link FirmwareRepacker} would write other bytes for
   * the same inputs, so older cached packages are no longer found. 2: zstd members are cut into
   * jobs of {@link DebWriter.MemberFormat#ZSTD_JOB_BYTES}, each with a whole window as prefix.
   */
  public static final int FORMAT = 2;

  /**
   * The entries' codec; its audit reads the packages again and compares (see {@link RepackAudit}).
   */
  public static final DerivedCodec<?> CODEC = RepackEntry.CODEC;

  private final Cache cache;
  private final DerivedCache<RepackEntry> entries;
  private final EventListener events;

  /** Uses {@code cache}; reports reuse and rebuilds to {@code events}. */
  public RepackCache(Cache cache, EventListener events) {
    this.cache = cache;
    this.entries = new DerivedCache<>(cache, RepackEntry.CODEC, events);
    this.events = events;
  }

  /**
   * The repacked package, in {@code outputDir}, from the cache when its inputs were repacked
   * before, else made by {@code repacker} and stored.
   */
  public Repacked repack(FirmwareRepacker repacker, List<RepackSource> sources, Path outputDir)
      throws IOException {
    return repack(repacker, sources, Optional.empty(), outputDir);
  }

  /**
   * Like {@link #repack(FirmwareRepacker, List, Path)}, for the package that carries only what
   * {@code proxmox} lacks ({@link FirmwareRepacker#repack(List, ProxmoxFirmware, Path)}).
   */
  public Repacked repack(
      FirmwareRepacker repacker,
      List<RepackSource> sources,
      ProxmoxFirmware proxmox,
      Path outputDir)
      throws IOException {
    return repack(repacker, sources, Optional.of(proxmox), outputDir);
  }

  private Repacked repack(
      FirmwareRepacker repacker,
      List<RepackSource> sources,
      Optional<ProxmoxFirmware> gapsOf,
      Path outputDir)
      throws IOException {
    DerivedKey key = key(sources, repacker.sourceDateEpoch(), gapsOf, repacker.format());
    Optional<Repacked> hit = reuse(key, gapsOf, outputDir);
    if (hit.isPresent()) {
      return hit.get();
    }
    RepackedFirmware made =
        gapsOf.isPresent()
            ? repacker.repack(sources, gapsOf.get(), outputDir)
            : repacker.repack(sources, outputDir);
    Sha256Digest blob = cache.putFile(made.deb());
    entries.write(key, new RepackEntry(blob, made.version(), made.files().size(), gapsOf));
    return new Repacked(
        made.deb(),
        made.packageName(),
        made.version(),
        made.sha256(),
        made.size(),
        made.files().size(),
        false);
  }

  private Optional<Repacked> reuse(DerivedKey key, Optional<ProxmoxFirmware> gapsOf, Path outputDir)
      throws IOException {
    Optional<RepackEntry> entry = entries.read(key, key.label());
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    if (!entry
        .get()
        .gapsOf()
        .map(ProxmoxFirmware::digest)
        .equals(gapsOf.map(ProxmoxFirmware::digest))) {
      entries.drop(key, key.label(), "it holds another pve-firmware list than its key names");
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
   * The key of the package of every firmware of {@code sources}: {@link #key(List, long,
   * Optional)}.
   */
  static DerivedKey key(List<RepackSource> sources, long sourceDateEpoch) {
    return key(sources, sourceDateEpoch, Optional.empty());
  }

  /**
   * The key of a package with xz members (preset 6): kind {@value #KIND}, format {@value #FORMAT},
   * per source sorted by name the .deb's digest (the digest the source carries, else its file's)
   * named {@code <name> <version>}, the parameters {@code source-date-epoch <seconds>} and {@code
   * members XZ 6}. For the package that carries only what {@code gapsOf} lacks, three parameters
   * follow: {@code folder} ({@value FirmwareLinkScripts#FOLDER}), {@code scripts} (the SHA-256 of
   * its maintainer scripts) and {@code proxmox-firmware} ({@link ProxmoxFirmware#digest()} of the
   * list).
   */
  static DerivedKey key(
      List<RepackSource> sources, long sourceDateEpoch, Optional<ProxmoxFirmware> gapsOf) {
    return key(sources, sourceDateEpoch, gapsOf, RepackFormat.anyDpkg());
  }

  /**
   * The entry's key as above, with the parameter {@code members}: the members' format and level
   * ({@code XZ 6}, {@code ZSTD 6}; not zstd's workers, which do not change the bytes), right after
   * {@code source-date-epoch}.
   */
  static DerivedKey key(
      List<RepackSource> sources,
      long sourceDateEpoch,
      Optional<ProxmoxFirmware> gapsOf,
      DebWriter.MemberFormat format) {
    DerivedKey key = RepackEntry.CODEC.key();
    for (RepackSource s :
        sources.stream().sorted(Comparator.comparing(RepackSource::packageName)).toList()) {
      key = key.input(s.packageName() + " " + s.version(), s.digest());
    }
    key = key.param("source-date-epoch", sourceDateEpoch);
    key = key.param("members", format.compressor() + " " + format.level());
    if (gapsOf.isPresent()) {
      key =
          key.param("folder", FirmwareLinkScripts.FOLDER)
              .param("scripts", FirmwareLinkScripts.digest())
              .param("proxmox-firmware", gapsOf.get().digest().hex());
    }
    return key;
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
