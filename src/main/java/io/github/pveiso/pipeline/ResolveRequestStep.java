package io.github.pveiso.pipeline;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.config.CatalogPackage;
import io.github.pveiso.config.FirmwareCatalog;
import io.github.pveiso.debian.PackageRequest;
import io.github.pveiso.proxmox.IsoSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The first step: turns the configuration into a {@link BuildRequest}: the source ISO from {@code
 * iso} (with {@code iso_sha256}) or {@code proxmox_version} under {@code iso_base_url}, and the
 * packages of the effective firmware sets plus {@code extra_packages}.
 */
final class ResolveRequestStep {

  BuildRequest call(BuildSettings settings) {
    FirmwareCatalog catalog = FirmwareCatalog.load(settings.firmwareCatalog());
    List<RequestedPackage> packages = new ArrayList<>();
    for (String set : settings.effectiveFirmwareSets()) {
      for (CatalogPackage p : catalog.packagesOf(List.of(set))) {
        packages.add(
            new RequestedPackage(
                p.name(), p.name(), Optional.of(p.kind()), p.architectures(), set));
      }
    }
    for (String extra : settings.extraPackages()) {
      String text = extra.strip();
      String name =
          PackageRequest.parse(text.endsWith("?") ? text.substring(0, text.length() - 1) : text)
              .name();
      packages.add(
          new RequestedPackage(extra, name, Optional.empty(), List.of(), "extra_packages"));
    }
    return new BuildRequest(settings, iso(settings), packages);
  }

  /** Where the source ISO comes from: {@code iso} (with {@code iso_sha256}) or the version. */
  static IsoSource iso(BuildSettings settings) {
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
}
