package io.github.pveiso.iso.verify;

import io.github.pveiso.iso.IsoEntry;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.bytes.Extent;
import io.github.pveiso.iso.verify.VerificationReport.Check;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Bytes stored once for several paths: two directory records may point at the same extents (a
 * writer stores a local file that several ISO paths add once, e.g. {@code /installer-firmware}
 * beside {@code /firmware}). The contents are checked by path elsewhere; this check reports the
 * sharing and fails where a changed file's bytes overlap another file's without being the same
 * extents, which no writer makes on purpose.
 */
final class SharedExtents {
  private SharedExtents() {}

  /** One extent of one file. */
  private record Piece(IsoEntry entry, Extent extent) {
    long start() {
      return extent.offset();
    }

    long end() {
      return extent.offset() + extent.length();
    }
  }

  /**
   * The check.
   *
   * @param changed the paths the change list adds or replaces (the output's new bytes)
   */
  static Check run(IsoImage out, Set<String> changed) {
    String name = "shared extents";
    List<Piece> pieces = new ArrayList<>();
    for (IsoEntry e : out.entries()) {
      if (e.isFile()) {
        e.extents().stream().filter(x -> x.length() > 0).forEach(x -> pieces.add(new Piece(e, x)));
      }
    }
    pieces.sort(
        Comparator.comparingLong(Piece::start)
            .thenComparingLong(Piece::end)
            .thenComparing(p -> p.entry().path()));
    Piece furthest = null;
    for (Piece p : pieces) {
      if (furthest != null && p.start() < furthest.end()) {
        boolean same = p.extent().equals(furthest.extent());
        boolean involvesChange =
            changed.contains(p.entry().path()) || changed.contains(furthest.entry().path());
        if (!same && involvesChange) {
          return Check.fail(
              name,
              p.entry().path()
                  + " (bytes "
                  + p.start()
                  + ".."
                  + p.end()
                  + ") overlaps "
                  + furthest.entry().path()
                  + " (bytes "
                  + furthest.start()
                  + ".."
                  + furthest.end()
                  + ") without sharing its extent");
        }
      }
      if (furthest == null || p.end() > furthest.end()) {
        furthest = p;
      }
    }
    return Check.pass(name, summary(out, changed));
  }

  /** How many changed files share the extents of another file, and the bytes that saves. */
  private static String summary(IsoImage out, Set<String> changed) {
    Map<List<Extent>, List<IsoEntry>> byExtents = new TreeMap<>(SharedExtents::compare);
    for (IsoEntry e : out.entries()) {
      if (e.isFile() && e.size() > 0) {
        byExtents.computeIfAbsent(e.extents(), k -> new ArrayList<>()).add(e);
      }
    }
    long files = 0;
    long bytes = 0;
    for (List<IsoEntry> group : byExtents.values()) {
      // entries come sorted by path: the first holds the bytes, the others share them
      for (IsoEntry e : group.subList(1, group.size())) {
        if (changed.contains(e.path()) || changed.contains(group.get(0).path())) {
          files++;
          bytes += e.size();
        }
      }
    }
    return files == 0
        ? "no changed file shares its bytes with another"
        : files
            + " changed files share the extents of another file: "
            + bytes
            + " bytes stored once";
  }

  private static int compare(List<Extent> a, List<Extent> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c =
          Comparator.comparingLong(Extent::lba)
              .thenComparingLong(Extent::length)
              .compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
