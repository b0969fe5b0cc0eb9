package io.github.pveiso.cli;

import io.github.pveiso.cli.IsoMutation.Region;
import io.github.pveiso.iso.BootImage;
import io.github.pveiso.iso.IsoEntry;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.bytes.Extent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a fixture ISO that {@link IsoFuzzTest} mutates. A region listed twice is picked
 * twice as often: the structures pveiso parses get more of the mutations than boot code and
 * padding.
 */
final class FuzzRegions {
  private static final long HEAD = 64 << 10;

  private FuzzRegions() {}

  /**
   * The first 64 KiB: the system area (MBR, GPT header and entries, Apple partition map) and the
   * volume descriptors, each also on its own.
   */
  static List<Region> head() {
    return List.of(
        new Region(0, HEAD),
        new Region(0, HEAD),
        new Region(446, 66),
        new Region(512, 92),
        new Region(1024, 4 * 128),
        new Region(2048, 4 * 2048),
        new Region(16 * 2048, 4 * 2048),
        new Region(16 * 2048, 4 * 2048));
  }

  /** Every directory extent of the tree. */
  static List<Region> directories(Path iso) {
    List<Region> out = new ArrayList<>();
    try (IsoImage image = IsoImage.open(iso)) {
      for (IsoEntry e : image.entries()) {
        if (e.isDirectory()) {
          for (Extent x : e.extents()) {
            out.add(new Region(x.offset(), x.length()));
          }
        }
      }
    }
    return out;
  }

  /**
   * The El Torito catalog and the first 16 KiB of each boot image: for the EFI image its FAT boot
   * sector, FATs and root directory.
   */
  static List<Region> boot(Path iso) {
    List<Region> out = new ArrayList<>();
    try (IsoImage image = IsoImage.open(iso)) {
      image
          .elToritoRecord()
          .ifPresent(r -> out.add(new Region(r.catalogLba() * Extent.BLOCK, Extent.BLOCK)));
      for (BootImage b : image.bootImages()) {
        out.add(new Region(b.extent().offset(), Math.min(b.length(), 16 << 10)));
      }
    }
    return out;
  }
}
