package io.github.pveiso.pipeline;

import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.config.PackageKind;
import io.github.pveiso.proxmox.IsoSource;
import io.github.pveiso.proxmox.answer.AutoInstallRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a configuration asks for, resolved once and read by {@code fetch}, {@code plan} and {@code
 * build} alike: the source ISO, the packages (narrowed to the ISO's architecture once inspect knows
 * it) and the automated installation.
 *
 * @param settings the configuration
 * @param iso where the source ISO comes from
 * @param packages the firmware sets' packages in set order, then {@code extra_packages}
 * @param autoInstall the files for automated installation as read from the configuration, when
 *     {@code answer_fetch} is set and {@code answer_dir} is not
 * @param nodes with {@code answer_dir}, one ISO per answer file, sorted by name; else empty
 */
public record BuildRequest(
    BuildSettings settings,
    IsoSource iso,
    List<RequestedPackage> packages,
    Optional<AutoInstallRequest> autoInstall,
    List<Node> nodes) {

  /**
   * One ISO of an {@code answer_dir} build.
   *
   * @param name the answer file's name without {@code .toml}; the output's name ends in it
   * @param autoInstall its files for automated installation (mode iso, with its answer)
   */
  public record Node(String name, AutoInstallRequest autoInstall) {}

  /** Copies the lists. */
  public BuildRequest {
    packages = List.copyOf(packages);
    nodes = List.copyOf(nodes);
  }

  /**
   * The names to resolve for an ISO of {@code arch}: each catalog package that applies to it once,
   * then every {@code extra_packages} request as written.
   */
  public List<String> namesFor(String arch) {
    List<String> names = new ArrayList<>(kindsFor(arch).keySet());
    packages.stream().filter(p -> !p.fromCatalog()).forEach(p -> names.add(p.request()));
    return names;
  }

  /** Package name to what the catalog says it is, for the catalog packages that apply. */
  public Map<String, Optional<PackageKind>> kindsFor(String arch) {
    Map<String, Optional<PackageKind>> kinds = new LinkedHashMap<>();
    for (RequestedPackage p : packages) {
      if (p.fromCatalog() && p.appliesTo(arch)) {
        kinds.putIfAbsent(p.name(), p.kind());
      }
    }
    return kinds;
  }

  /** Package name to the set (or {@code extra_packages}) that asked for it first. */
  public Map<String, String> requestedByFor(String arch) {
    Map<String, String> by = new LinkedHashMap<>();
    for (RequestedPackage p : packages) {
      if (!p.fromCatalog() || p.appliesTo(arch)) {
        by.putIfAbsent(p.name(), p.requestedBy());
      }
    }
    return by;
  }

  /**
   * The DKMS drivers asked for: the build refuses them for the system and they carry no firmware,
   * so their dependencies (Xorg, libraries) are not fetched.
   */
  public Set<String> driversFor(String arch) {
    Set<String> drivers = new TreeSet<>();
    kindsFor(arch)
        .forEach(
            (name, kind) -> {
              if (kind.equals(Optional.of(PackageKind.DRIVER))) {
                drivers.add(name);
              }
            });
    return drivers;
  }
}
