package io.github.pveiso.iso.verify;

import io.github.pveiso.iso.IsoEntry;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.bytes.Extent;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Which entries of an output hold bytes a verified sibling image already holds: the sibling has an
 * entry at the same path, of the same kind, size, link target and extents, every extent lies inside
 * the bytes the two images share from their start, and the two change lists expect the same there
 * (both nothing, so it was compared with the source; or the same content). Such an entry's bytes
 * are the sibling's, which its own verification compared with the source or its expected digest.
 */
final class SiblingEntries implements Predicate<IsoEntry> {

  private final IsoImage sibling;
  private final Map<String, ExpectedContent> siblingChanges;
  private final Map<String, ExpectedContent> changes;
  private final long samePrefix;

  /**
   * Entries known from {@code sibling}.
   *
   * @param sibling the verified image, open
   * @param siblingChanges the change list its verification was given
   * @param changes the output's change list
   * @param samePrefix how many leading bytes the output shares with the sibling
   */
  SiblingEntries(
      IsoImage sibling,
      Map<String, ExpectedContent> siblingChanges,
      Map<String, ExpectedContent> changes,
      long samePrefix) {
    this.sibling = sibling;
    this.siblingChanges = siblingChanges;
    this.changes = changes;
    this.samePrefix = samePrefix;
  }

  @Override
  public boolean test(IsoEntry entry) {
    Optional<IsoEntry> twin = sibling.find(entry.path());
    if (twin.isEmpty()
        || twin.get().kind() != entry.kind()
        || twin.get().size() != entry.size()
        || !twin.get().symlinkTarget().equals(entry.symlinkTarget())
        || !twin.get().extents().equals(entry.extents())) {
      return false;
    }
    for (Extent extent : entry.extents()) {
      if (extent.offset() + extent.length() > samePrefix) {
        return false;
      }
    }
    return same(siblingChanges.get(entry.path()), changes.get(entry.path()));
  }

  private static boolean same(@Nullable ExpectedContent a, @Nullable ExpectedContent b) {
    if (a instanceof ExpectedContent.Digest da && b instanceof ExpectedContent.Digest db) {
      return da.lowerCase().equals(db.lowerCase());
    }
    return java.util.Objects.equals(a, b);
  }
}
