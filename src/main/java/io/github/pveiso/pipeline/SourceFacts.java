package io.github.pveiso.pipeline;

import io.github.pveiso.debian.DpkgPackage;
import io.github.pveiso.debian.InstalledPackage;
import io.github.pveiso.iso.BootLayout;
import io.github.pveiso.pipeline.plan.IsoPackage;
import io.github.pveiso.proxmox.BaseSystem;
import io.github.pveiso.proxmox.ProductInfo;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What inspect found in the source ISO that the plan and the stages need.
 *
 * @param layout its boot provisions
 * @param architecture {@code amd64} or {@code arm64}
 * @param product Proxmox product facts
 * @param packages the packages in {@code /proxmox/packages}
 * @param baseSystem the packages of {@code /pve-base.squashfs}
 */
public record SourceFacts(
    BootLayout layout,
    String architecture,
    ProductInfo product,
    List<IsoPackage> packages,
    BaseSystem baseSystem) {
  /** Copies the list. */
  public SourceFacts {
    packages = List.copyOf(packages);
  }

  /**
   * The base system's packages that stay on the installed system and serve this architecture: those
   * that {@code /proxmox/packages} also has are left out, as the installer installs those over
   * them.
   */
  public List<DpkgPackage> basePackages() {
    Set<String> onIso = packages.stream().map(IsoPackage::name).collect(Collectors.toSet());
    return baseSystem.packages().stream()
        .filter(p -> !onIso.contains(p.name()) && p.serves(architecture))
        .toList();
  }

  /**
   * The date of every node a build writes: {@code sourceDateEpoch} (SOURCE_DATE_EPOCH) when set,
   * else the source ISO's volume date.
   */
  public Instant timestamp(Optional<Long> sourceDateEpoch) {
    if (sourceDateEpoch.isPresent()) {
      return Instant.ofEpochSecond(sourceDateEpoch.get());
    }
    String[] p = layout.volumeDateUuid().split("-");
    return LocalDateTime.of(
            Integer.parseInt(p[0]),
            Integer.parseInt(p[1]),
            Integer.parseInt(p[2]),
            Integer.parseInt(p[3]),
            Integer.parseInt(p[4]),
            Integer.parseInt(p[5]))
        .toInstant(ZoneOffset.UTC);
  }

  /** What the target has before pveiso adds anything: {@code /proxmox/packages} and the base. */
  public List<InstalledPackage> installed() {
    List<InstalledPackage> all = new ArrayList<>();
    packages.forEach(p -> all.add(p.installed()));
    basePackages().forEach(p -> all.add(p.installed()));
    return all;
  }
}
