package io.github.pveiso.debian;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.cache.CachedFile;
import io.github.pveiso.cache.ContentCheck;
import io.github.pveiso.cache.Expected;
import io.github.pveiso.net.Locations;
import io.github.pveiso.net.ParallelDownloads;
import java.net.URI;
import java.util.List;

/**
 * Downloads .debs named by a verified Packages index into the cache, several at a time, each
 * checked against the index's {@code Size} and {@code SHA256} and then against {@code debCheck}
 * (the archive's structure) before it is stored.
 */
public final class DebDownloader {

  /** A package and the component whose index named it. */
  public record Wanted(BinaryPackage pkg, String component) {}

  private final Cache cache;
  private final ParallelDownloads parallel;
  private final ContentCheck debCheck;

  /** Downloads through {@code cache}, {@code parallel} at a time, checking each with debCheck. */
  public DebDownloader(Cache cache, ParallelDownloads parallel, ContentCheck debCheck) {
    this.cache = cache;
    this.parallel = parallel;
    this.debCheck = debCheck;
  }

  /** Downloads (or finds in the cache) every wanted package; results in the same order. */
  public List<FetchedDeb> download(URI mirror, List<Wanted> wanted) {
    return parallel.map(wanted, w -> download(mirror, w));
  }

  private FetchedDeb download(URI mirror, Wanted wanted) {
    BinaryPackage pkg = wanted.pkg();
    URI url = Locations.resolve(mirror, safeFilename(mirror, pkg));
    Expected expected = Expected.of(Sha256Digest.parse(pkg.sha256()), pkg.size(), "Packages");
    CachedFile file = cache.fetch(url, expected, debCheck);
    return new FetchedDeb(
        pkg.name(),
        pkg.version(),
        pkg.architecture(),
        wanted.component(),
        url,
        file.sha256(),
        file.size(),
        file.path(),
        pkg);
  }

  private static String safeFilename(URI mirror, BinaryPackage pkg) {
    String filename = pkg.filename();
    if (filename.startsWith("/")
        || filename.contains("://")
        || List.of(filename.split("/")).contains("..")) {
      throw new VerificationException(
          "Packages index of "
              + mirror
              + ": package "
              + pkg.id()
              + " has Filename '"
              + filename
              + "' outside the archive");
    }
    return filename;
  }
}
