package io.github.pveiso.iso;

import io.github.pveiso.iso.boot.ApplePartitionMap;
import io.github.pveiso.iso.boot.Gpt;
import io.github.pveiso.iso.boot.GptEntry;
import io.github.pveiso.iso.boot.GptHeader;
import io.github.pveiso.iso.boot.Guid;
import io.github.pveiso.iso.boot.Mbr;
import io.github.pveiso.iso.boot.MbrPartition;
import io.github.pveiso.iso.boot.Platform;
import io.github.pveiso.iso.bytes.Extent;
import java.util.Optional;

/** Fills a {@link BootLayout} from what an {@link IsoImage} holds. */
public final class BootLayoutReader {
  /** MBR partition type of an EFI system partition. */
  public static final int MBR_EFI_TYPE = 0xEF;

  private BootLayoutReader() {}

  static BootLayout read(IsoImage iso) {
    Optional<Mbr> mbr = iso.mbr();
    Optional<Gpt> gpt = iso.gpt();
    Optional<ApplePartitionMap> apm = iso.appleMap();
    boolean gptValid =
        gpt.filter(
                g ->
                    g.primary().computedHeaderCrc() == g.primary().headerCrc()
                        && g.computedEntriesCrc() == g.primary().entriesCrc())
            .isPresent();
    boolean hfsPlus =
        apm.filter(ApplePartitionMap::hasHfsPlus).isPresent()
            || gpt.filter(
                    g -> g.partitions().stream().anyMatch(e -> e.type().equals(Guid.HFS_PLUS)))
                .isPresent();
    return new BootLayout(
        iso.volumeId(),
        iso.volumeDateUuid(),
        iso.bootImages().stream().anyMatch(b -> b.platform() == Platform.BIOS),
        iso.bootImages().stream().anyMatch(b -> b.platform() == Platform.UEFI),
        mbr.filter(Mbr::hasBootCode).isPresent(),
        mbr.filter(m -> !m.usedPartitions().isEmpty()).isPresent(),
        gptValid,
        efiPartitionAppended(iso, efiPartitionOffset(mbr, gpt)),
        apm.isPresent(),
        hfsPlus);
  }

  /**
   * True when the EFI partition starts at no file of the tree and after all of the tree's data
   * (xorriso's {@code -append_partition}). The volume space size cannot tell: xorriso's native mode
   * counts an appended partition into it, its mkisofs mode does not.
   */
  public static boolean efiPartitionAppended(IsoImage iso, Optional<Long> offset) {
    if (offset.isEmpty()) {
      return false;
    }
    long at = offset.get();
    long dataEnd = 0;
    for (IsoEntry e : iso.entries()) {
      for (Extent x : e.extents()) {
        if (e.isFile() && x.offset() == at && x.length() > 0) {
          return false;
        }
        dataEnd = Math.max(dataEnd, x.offset() + x.length());
      }
    }
    return at >= dataEnd;
  }

  /** The byte offset of the EFI system partition from the GPT, else from the MBR. */
  static Optional<Long> efiPartitionOffset(Optional<Mbr> mbr, Optional<Gpt> gpt) {
    Optional<Long> fromGpt =
        gpt.flatMap(
                g ->
                    g.partitions().stream()
                        .filter(e -> e.type().equals(Guid.EFI_SYSTEM))
                        .map(GptEntry::firstLba)
                        .findFirst())
            .map(lba -> lba * GptHeader.BLOCK);
    if (fromGpt.isPresent()) {
      return fromGpt;
    }
    return mbr.flatMap(
            m ->
                m.usedPartitions().stream()
                    .filter(p -> p.type() == MBR_EFI_TYPE)
                    .map(MbrPartition::firstLba)
                    .findFirst())
        .map(lba -> lba * 512);
  }
}
