package io.github.pveiso.pipeline;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.debian.DebArchive;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.fat.EfiArchitecture;
import io.github.pveiso.pipeline.plan.IsoPackage;
import io.github.pveiso.proxmox.BaseSystem;
import io.github.pveiso.proxmox.BaseSystemReader;
import io.github.pveiso.proxmox.DebFile;
import io.github.pveiso.proxmox.ProductInfo;
import io.github.pveiso.proxmox.ProductInfoReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the source ISO: boot layout, architecture, product facts, its packages' controls and the
 * base system's installed packages.
 */
final class InspectSourceStep {

  private final Function<IsoImage, BaseSystem> baseSystem;

  /** A step that reads the base system with {@code baseReader}. */
  InspectSourceStep(BaseSystemReader baseReader) {
    this(baseReader::read);
  }

  /** A step that reads the base system with {@code baseSystem}. */
  InspectSourceStep(Function<IsoImage, BaseSystem> baseSystem) {
    this.baseSystem = baseSystem;
  }

  SourceFacts call(Path iso, boolean force) {
    try (IsoImage image = IsoImage.open(iso)) {
      ProductInfo product = ProductInfoReader.read(image);
      if (!product.isProxmox() && !force) {
        throw new InvalidInputException(
            iso.getFileName()
                + " is not a Proxmox VE ISO ("
                + product.findings().stream().findFirst().orElse("no Proxmox product files")
                + (product.findings().size() > 1
                    ? "; and "
                        + (product.findings().size() - 1)
                        + " more findings, see 'pveiso inspect "
                        + iso.getFileName()
                        + "'"
                    : "")
                + "); use --force to build anyway");
      }
      List<IsoPackage> packages = new ArrayList<>();
      for (DebFile deb : product.packages()) {
        try (InputStream in = ProductInfoReader.openDeb(image, deb)) {
          packages.add(IsoPackage.of(deb.path(), DebArchive.open(deb.path(), in).control()));
        }
      }
      return new SourceFacts(
          image.bootLayout(), architecture(image), product, packages, baseSystem.apply(image));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + iso + ": " + e.getMessage(), e);
    }
  }

  private static String architecture(IsoImage image) {
    List<EfiArchitecture> efi = image.efiArchitectures();
    if (efi.contains(EfiArchitecture.AMD64)) {
      return "amd64";
    }
    if (efi.contains(EfiArchitecture.ARM64)) {
      return "arm64";
    }
    if (image.bootLayout().biosElTorito()) {
      return "amd64";
    }
    throw new InvalidInputException(
        image.path().getFileName()
            + ": cannot tell the ISO's architecture (no EFI loader, no BIOS boot image)");
  }
}
