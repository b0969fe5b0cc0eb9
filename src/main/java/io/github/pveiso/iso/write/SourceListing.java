package io.github.pveiso.iso.write;

import io.github.pveiso.iso.BootImage;
import io.github.pveiso.iso.IsoEntry;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.bytes.ImageChannel;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the writer needs to know about the source's tree: its files and folders, the El Torito paths
 * it must not touch, and whether it has a Joliet tree to keep.
 *
 * @param files paths of every non-folder node (files, links, the boot catalog)
 * @param dirs paths of every folder, {@code /} included
 * @param bootPaths the El Torito boot images and boot catalog that are files in the tree
 * @param joliet the source has a Joliet volume descriptor
 * @param bytesAfterVolume bytes of the file after the ISO 9660 volume, or 0 when it ends there or
 *     only zero padding follows (xorriso pads each session with 300 KiB it does not count)
 */
record SourceListing(
    Set<String> files,
    Set<String> dirs,
    Set<String> bootPaths,
    boolean joliet,
    long bytesAfterVolume) {

  private static final int CHUNK = 1 << 16;

  SourceListing {
    files = Set.copyOf(files);
    dirs = Set.copyOf(dirs);
    bootPaths = Set.copyOf(bootPaths);
  }

  /** Whether any node exists at {@code path}. */
  boolean exists(String path) {
    return files.contains(path) || dirs.contains(path);
  }

  /** Reads the listing of {@code iso} with pveiso's own reader. */
  static SourceListing read(Path iso) {
    try (IsoImage image = IsoImage.open(iso)) {
      return of(image);
    }
  }

  /** The length of the tail after {@code from} when any byte in it is not zero, else 0. */
  static long dataAfter(ImageChannel image, long from) {
    long size = image.size();
    for (long offset = from; offset < size; offset += CHUNK) {
      byte[] chunk = image.read(offset, (int) Math.min(CHUNK, size - offset));
      for (byte b : chunk) {
        if (b != 0) {
          return size - from;
        }
      }
    }
    return 0;
  }

  /** The listing of an open image. */
  static SourceListing of(IsoImage image) {
    Set<String> files = new TreeSet<>();
    Set<String> dirs = new TreeSet<>();
    Set<String> boot = new TreeSet<>();
    long catalog = image.elToritoRecord().map(r -> r.catalogLba()).orElse(-1L);
    for (IsoEntry entry : image.entries()) {
      if (entry.isDirectory()) {
        dirs.add(entry.path());
      } else {
        files.add(entry.path());
        if (entry.isFile() && entry.size() > 0 && entry.firstLba() == catalog) {
          boot.add(entry.path());
        }
      }
    }
    for (BootImage bootImage : image.bootImages()) {
      bootImage.path().ifPresent(boot::add);
    }
    return new SourceListing(
        files,
        dirs,
        boot,
        image.joliet().isPresent(),
        dataAfter(image.channel(), image.volumeBytes()));
  }
}
