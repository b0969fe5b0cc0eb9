package io.github.pveiso.acquire;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.config.CatalogPackage;
import io.github.pveiso.config.FirmwareCatalog;
import io.github.pveiso.proxmox.IsoSource;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Maps a configuration onto an {@link AcquireRequest}. */
public final class AcquireRequests {

  private AcquireRequests() {}

  /**
   * The request for {@code settings}: the ISO from {@code iso} (+ {@code iso_sha256}) or from
   * {@code proxmox_version} under {@code iso_base_url}; per build architecture, the packages of the
   * effective firmware sets that apply to it plus {@code extra_packages}, from {@code
   * debian_mirror} or, when that is not set, the mirror {@code hostMirror} finds.
   *
   * @throws InvalidInputException when packages are wanted and no mirror is known
   */
  public static AcquireRequest from(
      BuildSettings settings, FirmwareCatalog catalog, Supplier<Optional<URI>> hostMirror) {
    Map<String, List<String>> packages = packages(settings, catalog);
    if (packages.values().stream().allMatch(List::isEmpty)) {
      return new AcquireRequest(Optional.of(iso(settings)), Optional.empty());
    }
    URI mirror =
        settings
            .debianMirror()
            .or(hostMirror)
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "debian_mirror is not set and this host's apt sources name no Debian"
                            + " archive; set debian_mirror (e.g. --debian-mirror URL)"));
    return new AcquireRequest(
        Optional.of(iso(settings)),
        Optional.of(
            new AcquireRequest.DebianPackages(
                mirror,
                settings.debianRelease(),
                settings.debianComponents(),
                settings.keyrings(),
                packages)));
  }

  /** Where the source ISO comes from: {@code iso} (with {@code iso_sha256}) or the version. */
  public static IsoSource iso(BuildSettings settings) {
    Optional<Object> iso = settings.iso();
    if (iso.isEmpty()) {
      return new IsoSource.Version(settings.proxmoxVersion(), settings.isoBaseUrl());
    }
    Optional<Sha256Digest> sha256 =
        settings
            .isoSha256()
            .map(
                text -> {
                  if (!Sha256Digest.isValid(text)) {
                    throw new InvalidInputException(
                        "iso_sha256 '" + text + "' is not 64 hex digits");
                  }
                  return Sha256Digest.parse(text);
                });
    return new IsoSource.Location(iso.get().toString(), sha256);
  }

  private static Map<String, List<String>> packages(
      BuildSettings settings, FirmwareCatalog catalog) {
    List<CatalogPackage> fromSets = catalog.packagesOf(settings.effectiveFirmwareSets());
    Map<String, List<String>> byArch = new LinkedHashMap<>();
    for (String arch : settings.buildArch()) {
      Set<String> names = new LinkedHashSet<>();
      fromSets.stream().filter(p -> p.appliesTo(arch)).forEach(p -> names.add(p.name()));
      names.addAll(settings.extraPackages());
      byArch.put(arch, new ArrayList<>(names));
    }
    return byArch;
  }
}
