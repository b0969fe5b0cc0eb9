package io.github.pveiso.build;

import io.github.pveiso.iso.BootLayout;
import io.github.pveiso.proxmox.ProductInfo;
import java.util.List;

/**
 * What inspect found in the source ISO that the plan and the stages need.
 *
 * @param layout its boot provisions
 * @param architecture {@code amd64} or {@code arm64}
 * @param product Proxmox product facts
 * @param packages the packages in {@code /proxmox/packages}
 */
public record SourceFacts(
    BootLayout layout, String architecture, ProductInfo product, List<IsoPackage> packages) {
  /** Copies the list. */
  public SourceFacts {
    packages = List.copyOf(packages);
  }
}
