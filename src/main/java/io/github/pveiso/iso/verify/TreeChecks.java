package io.github.pveiso.iso.verify;

import io.github.pveiso.iso.IsoEntry;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.bytes.Extent;
import io.github.pveiso.iso.iso9660.DirectoryRecord;
import io.github.pveiso.iso.verify.VerificationReport.Check;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of an ISO's volume and tree: a volume space size that holds at least the volume's own
 * descriptors and root directory, and every file's bytes inside the image.
 */
final class TreeChecks {
  private static final int FIRST_DESCRIPTOR_BLOCK = 16;

  private TreeChecks() {}

  /** The volume space size holds the descriptors and the root directory. */
  static Check volume(IsoImage iso) {
    String name = "ISO 9660 volume";
    DirectoryRecord root = iso.primary().root();
    long needed =
        Math.max(
            FIRST_DESCRIPTOR_BLOCK + iso.volumeDescriptors().size(),
            root.extent() + Math.ceilDiv(root.dataLength(), Extent.BLOCK));
    long blocks = iso.primary().volumeSpaceSize();
    if (blocks < needed) {
      return Check.fail(
          name,
          "the volume space size of "
              + blocks
              + " blocks is less than the "
              + needed
              + " blocks its volume descriptors and root directory need");
    }
    return Check.pass(
        name,
        iso.volumeBytes()
            + " bytes in a file of "
            + iso.size()
            + " bytes, "
            + iso.entries().size()
            + " entries");
  }

  /** Every extent of every entry lies inside the image. */
  static Check extents(IsoImage iso) {
    String name = "ISO 9660 tree";
    List<String> problems = new ArrayList<>();
    for (IsoEntry e : iso.entries()) {
      for (Extent x : e.extents()) {
        if (!inside(iso, x)) {
          problems.add(
              e.path()
                  + ": bytes "
                  + x.offset()
                  + ".."
                  + (x.offset() + x.length())
                  + " lie beyond the image's end at "
                  + iso.size());
        }
      }
    }
    if (problems.isEmpty()) {
      return Check.pass(name, "every file and directory lies inside the image");
    }
    return Check.fail(
        name,
        problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
  }

  /** True when the bytes of {@code entry} lie inside the image. */
  static boolean inside(IsoImage iso, IsoEntry entry) {
    return entry.extents().stream().allMatch(x -> inside(iso, x));
  }

  private static boolean inside(IsoImage iso, Extent x) {
    return x.length() == 0 || x.offset() + x.length() <= iso.size();
  }
}
