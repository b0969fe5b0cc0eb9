package io.github.pveiso.iso;

import io.github.pveiso.iso.boot.ElToritoCatalog;
import io.github.pveiso.iso.boot.Emulation;
import io.github.pveiso.iso.bytes.Extent;
import io.github.pveiso.iso.bytes.ImageChannel;
import io.github.pveiso.iso.fat.FatBootSector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds each El Torito boot image's extent: its file in the tree, or its own size hints. */
final class BootImages {
  private BootImages() {}

  static List<BootImage> locate(ElToritoCatalog catalog, List<IsoEntry> tree, ImageChannel image) {
    List<BootImage> out = new ArrayList<>();
    for (ElToritoCatalog.Image img : catalog.images()) {
      long lba = img.entry().loadRba();
      Optional<IsoEntry> file =
          tree.stream().filter(e -> e.isFile() && e.size() > 0 && e.firstLba() == lba).findFirst();
      long length;
      if (file.isPresent()) {
        length = file.get().size();
      } else {
        length = lengthWithoutFile(img, image);
      }
      out.add(
          new BootImage(
              img.index(), img.platform(), img.entry(), length, file.map(IsoEntry::path)));
    }
    return List.copyOf(out);
  }

  private static long lengthWithoutFile(ElToritoCatalog.Image img, ImageChannel image) {
    Emulation emulation = img.entry().emulation();
    if (emulation.floppyBytes() > 0) {
      return emulation.floppyBytes();
    }
    long offset = img.entry().loadRba() * Extent.BLOCK;
    if (offset + 512 <= image.size()) {
      Optional<FatBootSector> fat = FatBootSector.parseIfFat(image.read(offset, 512));
      if (fat.isPresent()) {
        return Math.min(fat.get().totalBytes(), image.size() - offset);
      }
    }
    return (long) img.entry().sectorCount() * 512;
  }
}
