package io.github.pveiso.pipeline.stage.repack;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.proxmox.ProxmoxFirmware;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Keeps finished repacked firmware packages in the content-addressed cache, so a second build with
 * the same inputs links (or copies) the package instead of compressing it again (xz over ~100 MiB
 * of firmware takes minutes).
 *
 * <p>The .deb is a blob (re-hashed on every use: a blob that no longer matches is dropped and the
 * package is built again). A parsed entry of kind {@value #KIND}, keyed by {@link #key}, names it:
 * lines {@code deb <sha256>}, {@code version <version>}, {@code files <count>}.
 */
public final class RepackCache {

  /** The kind of the parsed entries that point at repacked packages. */
  public static final String KIND = "repacked-firmware";

  /**
   * pveiso's repack format: raise it whenever {@link FirmwareRepacker} would write other bytes for
   * the same inputs, so older cached packages are no longer found.
   */
  public static final int FORMAT = 1;

  private final Cache cache;
  private final EventListener events;

  /** Uses {@code cache}; reports reuse and rebuilds to {@code events}. */
  public RepackCache(Cache cache, EventListener events) {
    this.cache = cache;
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
    Sha256Digest key = key(sources, repacker.sourceDateEpoch(), gapsOf);
    Optional<Repacked> hit = reuse(key, outputDir);
    if (hit.isPresent()) {
      return hit.get();
    }
    RepackedFirmware made =
        gapsOf.isPresent()
            ? repacker.repack(sources, gapsOf.get(), outputDir)
            : repacker.repack(sources, outputDir);
    Sha256Digest blob = cache.putFile(made.deb());
    String entry =
        "deb "
            + blob.hex()
            + "\nversion "
            + made.version()
            + "\nfiles "
            + made.files().size()
            + "\n";
    cache.writeParsed(KIND, key, entry.getBytes(StandardCharsets.UTF_8));
    return new Repacked(
        made.deb(),
        made.packageName(),
        made.version(),
        made.sha256(),
        made.size(),
        made.files().size(),
        false);
  }

  private Optional<Repacked> reuse(Sha256Digest key, Path outputDir) throws IOException {
    Optional<byte[]> entry = cache.readParsed(KIND, key);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    List<String> lines = new String(entry.get(), StandardCharsets.UTF_8).lines().toList();
    if (lines.size() != 3
        || !lines.get(0).startsWith("deb ")
        || !lines.get(1).startsWith("version ")
        || !lines.get(2).startsWith("files ")
        || !Sha256Digest.isValid(lines.get(0).substring(4))) {
      events.warn("cache: repacked-firmware entry " + key.hex() + " is malformed; repacking");
      return Optional.empty();
    }
    Sha256Digest digest = Sha256Digest.parse(lines.get(0).substring(4));
    Optional<Path> blob = cache.findBlob(digest);
    if (blob.isEmpty()) {
      events.info("repack: the cached " + FirmwareRepacker.PACKAGE + " is gone; repacking");
      return Optional.empty();
    }
    String version = lines.get(1).substring(8);
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
            Integer.parseInt(lines.get(2).substring(6)),
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
   * The SHA-256 the cache entry is keyed by: over UTF-8 lines {@code format <FORMAT>}, {@code
   * source-date-epoch <seconds>}, then per source sorted by name {@code source <name> <version>
   * <sha256 of the .deb>} (the digest the source carries, else its file's). For the package that
   * carries only what pve-firmware lacks, three lines follow the second: {@code folder <folder>},
   * {@code scripts <sha256 of its maintainer scripts>} and {@code proxmox-firmware <digest of
   * pve-firmware's names>}.
   */
  static Sha256Digest key(List<RepackSource> sources, long sourceDateEpoch) {
    return key(sources, sourceDateEpoch, Optional.empty());
  }

  static Sha256Digest key(
      List<RepackSource> sources, long sourceDateEpoch, Optional<ProxmoxFirmware> gapsOf) {
    StringBuilder text = new StringBuilder();
    text.append("format ").append(FORMAT).append('\n');
    text.append("source-date-epoch ").append(sourceDateEpoch).append('\n');
    if (gapsOf.isPresent()) {
      text.append("folder ").append(FirmwareLinkScripts.FOLDER).append('\n');
      text.append("scripts ").append(FirmwareLinkScripts.digest()).append('\n');
      text.append("proxmox-firmware ").append(gapsOf.get().digest().hex()).append('\n');
    }
    for (RepackSource s :
        sources.stream().sorted(Comparator.comparing(RepackSource::packageName)).toList()) {
      text.append("source ")
          .append(s.packageName())
          .append(' ')
          .append(s.version())
          .append(' ')
          .append(s.digest().hex())
          .append('\n');
    }
    return Sha256Digest.of(text.toString().getBytes(StandardCharsets.UTF_8));
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
