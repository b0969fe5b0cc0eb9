package io.github.pveiso.proxmox;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.cache.RevalidatingReader;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.net.Fetcher;
import io.github.pveiso.net.Locations;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Resolves a Proxmox VE version to an ISO: reads {@code SHA256SUMS} under the ISO base URL and
 * picks the newest {@code proxmox-ve_<version>-<N>.iso} it names (N compared as a number), or
 * exactly {@code <version>-<N>} when the version names its ISO release.
 */
public final class IsoReleaseResolver {

  /** Where Proxmox publishes its installer ISOs (the default of {@code iso_base_url}). */
  public static final URI DEFAULT_BASE_URL = URI.create("https://enterprise.proxmox.com/iso/");

  private static final Pattern VERSION = Pattern.compile("(\\d+\\.\\d+)(?:-(\\d+))?");
  private static final Pattern ISO_NAME = Pattern.compile("proxmox-ve_(\\d+\\.\\d+)-(\\d+)\\.iso");

  private final RevalidatingReader reader;

  /**
   * Fetches checksum lists with {@code fetcher} into temp files under {@code workDir}, keeping the
   * last one that parsed in {@code cache} to ask next time whether it changed.
   */
  public IsoReleaseResolver(Cache cache, Fetcher fetcher, Path workDir, EventListener listener) {
    this.reader = new RevalidatingReader(cache, fetcher, workDir, listener);
  }

  /**
   * The newest ISO of {@code version} ("9.1", or "9.1-2" for one ISO release) under {@code
   * baseUrl}.
   *
   * @throws InvalidInputException when the version is malformed or the list does not name it
   * @throws io.github.pveiso.VerificationException when the list has malformed lines
   */
  public IsoRelease resolve(URI baseUrl, String version) {
    Matcher wanted = VERSION.matcher(version);
    if (!wanted.matches()) {
      throw new InvalidInputException(
          "proxmox_version '" + version + "' is not MAJOR.MINOR or MAJOR.MINOR-N (e.g. 9.1)");
    }
    IsoChecksumList list = checksums(Locations.resolve(baseUrl, "SHA256SUMS"));
    List<IsoRelease> releases = releases(list, baseUrl);
    Optional<String> isoRelease = Optional.ofNullable(wanted.group(2));
    return releases.stream()
        .filter(r -> r.version().equals(wanted.group(1)))
        .filter(r -> isoRelease.map(n -> Integer.parseInt(n) == r.isoRelease()).orElse(true))
        .max(Comparator.comparingInt(IsoRelease::isoRelease))
        .orElseThrow(() -> notListed(version, list.source(), releases));
  }

  private IsoChecksumList checksums(URI uri) {
    RevalidatingReader.Read read = reader.read(uri);
    IsoChecksumList list =
        IsoChecksumList.parse(new String(read.bytes(), StandardCharsets.UTF_8), uri);
    reader.keep(read);
    return list;
  }

  private static List<IsoRelease> releases(IsoChecksumList list, URI baseUrl) {
    return list.digests().entrySet().stream()
        .map(entry -> release(entry, baseUrl))
        .flatMap(Optional::stream)
        .sorted(
            Comparator.comparing((IsoRelease r) -> versionKey(r.version()))
                .thenComparingInt(IsoRelease::isoRelease))
        .toList();
  }

  private static Optional<IsoRelease> release(
      Map.Entry<String, io.github.pveiso.Sha256Digest> entry, URI baseUrl) {
    Matcher name = ISO_NAME.matcher(entry.getKey());
    if (!name.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new IsoRelease(
            name.group(1),
            Integer.parseInt(name.group(2)),
            entry.getKey(),
            entry.getValue(),
            Locations.resolve(baseUrl, entry.getKey())));
  }

  private static String versionKey(String version) {
    String[] parts = version.split("\\.");
    return String.format("%09d.%09d", Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
  }

  private static InvalidInputException notListed(
      String version, URI source, List<IsoRelease> releases) {
    String known =
        releases.isEmpty()
            ? "no Proxmox VE ISO"
            : releases.stream().map(IsoRelease::fullVersion).collect(Collectors.joining(", "));
    return new InvalidInputException(
        "proxmox_version "
            + version
            + " is not in "
            + source
            + ", which lists "
            + known
            + "; set proxmox_version to one of those");
  }
}
