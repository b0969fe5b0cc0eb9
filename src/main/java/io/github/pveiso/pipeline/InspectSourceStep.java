package io.github.pveiso.pipeline;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.debian.DebArchive;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.pipeline.plan.IsoPackage;
import io.github.pveiso.proxmox.BaseSystemReader;
import io.github.pveiso.proxmox.DebFile;
import io.github.pveiso.proxmox.ProductInfo;
import io.github.pveiso.proxmox.ProductInfoReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the source ISO: boot layout, architecture, product facts, its packages' controls and the
 * base system's installed packages. Refuses an ISO that is not Proxmox's (unless forced) and one
 * whose architecture {@code build_arch} does not list.
 */
final class InspectSourceStep {

  private final BaseSystemReader baseReader;
  private final Cache cache;

  /** A step that reads the base system with {@code baseReader}, through {@code cache}. */
  InspectSourceStep(BaseSystemReader baseReader, Cache cache) {
    this.baseReader = baseReader;
    this.cache = cache;
  }

  SourceFacts call(BuildRequest request, SourceCheck check, IsoImage image, boolean force) {
    ProductInfo product = ProductInfoReader.read(image);
    if (!product.isProxmox() && !force) {
      String iso = image.path().getFileName().toString();
      throw new InvalidInputException(
          iso
              + " is not a Proxmox VE ISO ("
              + product.findings().stream().findFirst().orElse("no Proxmox product files")
              + (product.findings().size() > 1
                  ? "; and "
                      + (product.findings().size() - 1)
                      + " more findings, see 'pveiso inspect "
                      + iso
                      + "'"
                  : "")
              + "); use --force to build anyway");
    }
    String architecture = image.architecture().debianName();
    List<String> buildArch = request.settings().buildArch();
    if (!buildArch.contains(architecture)) {
      throw new InvalidInputException(
          "the ISO is "
              + architecture
              + " but build_arch is "
              + String.join(", ", buildArch)
              + "; add "
              + architecture
              + " to build_arch");
    }
    return new SourceFacts(
        image.bootLayout(),
        architecture,
        product,
        packages(image, product),
        check.baseSystem(image, baseReader, cache));
  }

  /** The controls of the packages in the ISO's package folder; a bad control field is exit 3. */
  static List<IsoPackage> packages(IsoImage image, ProductInfo product) {
    List<IsoPackage> packages = new ArrayList<>();
    for (DebFile deb : product.packages()) {
      try (InputStream in = ProductInfoReader.openDeb(image, deb)) {
        packages.add(IsoPackage.of(deb.path(), DebArchive.open(deb.path(), in).control()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + image.path() + ": " + e.getMessage(), e);
      }
    }
    return packages;
  }
}
