package io.github.pveiso.iso.boot;

import io.github.pveiso.iso.bytes.ImageChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The partition tables of an image's system area together with the image's size, and which of their
 * partitions run to the image's end. xorriso makes the protective MBR partition, its {@code Gap}
 * GPT partitions and its last {@code ISO9660_data} APM entry cover the image up to its end; when
 * the image grows, those must grow with it while partitions that point at fixed data (the EFI
 * image, HFS+) stay.
 *
 * @param size the image's size in bytes
 * @param mbr the MBR, when bytes 510..511 carry 0x55 0xAA
 * @param gpt the GPT, when block 1 carries {@code EFI PART}
 * @param apm the Apple partition map, when there is one
 */
public record SystemArea(
    long size, Optional<Mbr> mbr, Optional<Gpt> gpt, Optional<ApplePartitionMap> apm) {

  /** The largest sector count an MBR partition entry holds. */
  public static final long MBR_MAX_SECTORS = 0xFFFFFFFFL;

  /** GPT blocks per ISO 9660 block. */
  static final int GPT_BLOCKS_PER_ISO_BLOCK = 4;

  /** Reads the system area of an image. */
  public static SystemArea read(ImageChannel image) {
    return new SystemArea(
        image.size(),
        image.size() >= 512 ? Mbr.parse(image.read(0, 512)) : Optional.empty(),
        Gpt.read(image),
        ApplePartitionMap.read(image));
  }

  /**
   * The indices (0..3) of the MBR partitions that end at the image's last sector (or hold the
   * largest sector count an entry can, for images beyond 2 TiB).
   */
  public List<Integer> mbrPartitionsAtEnd() {
    List<Integer> out = new ArrayList<>();
    long sectors = size / 512;
    mbr.ifPresent(
        m -> {
          for (int i = 0; i < 4; i++) {
            MbrPartition p = m.partitions().get(i);
            if (p.sectors() > 0
                && (p.firstLba() + p.sectors() == sectors
                    || (p.sectors() == MBR_MAX_SECTORS && p.firstLba() + p.sectors() < sectors))) {
              out.add(i);
            }
          }
        });
    return out;
  }

  /**
   * The indices of the GPT entries that run to the end of the GPT's usable space: their last block
   * lies in the last ISO 9660 block before the backup table (xorriso's {@code Gap} partitions end
   * there) or is the last usable block. The EFI system and HFS+ partitions point at fixed data and
   * are never counted.
   */
  public List<Integer> gptPartitionsAtEnd() {
    List<Integer> out = new ArrayList<>();
    gpt.ifPresent(
        g -> {
          long lastUsable = g.primary().lastUsableLba();
          long dataEnd = Math.floorDiv(lastUsable + 1, GPT_BLOCKS_PER_ISO_BLOCK);
          long from = dataEnd * GPT_BLOCKS_PER_ISO_BLOCK - 1;
          for (int i = 0; i < g.entries().size(); i++) {
            GptEntry e = g.entries().get(i);
            if (e.used()
                && !e.type().equals(Guid.EFI_SYSTEM)
                && !e.type().equals(Guid.HFS_PLUS)
                && e.lastLba() >= from
                && e.lastLba() <= lastUsable) {
              out.add(i);
            }
          }
        });
    return out;
  }

  /**
   * The indices of the APM entries that end at the image's end, the partition map's own entry and
   * HFS+ aside.
   */
  public List<Integer> apmEntriesAtEnd() {
    List<Integer> out = new ArrayList<>();
    apm.ifPresent(
        a -> {
          for (int i = 0; i < a.entries().size(); i++) {
            ApmEntry e = a.entries().get(i);
            if (!e.type().equals(ApmEntry.PARTITION_MAP_TYPE)
                && !e.type().equals(ApmEntry.HFS_TYPE)
                && (e.startBlock() + e.blockCount()) * a.blockSize() == size) {
              out.add(i);
            }
          }
        });
    return out;
  }

  /** The GPT when its primary header and entry array carry correct CRCs. */
  public Optional<Gpt> validGpt() {
    return gpt.filter(
        g ->
            g.entriesBytes().length > 0
                && g.primary().computedHeaderCrc() == g.primary().headerCrc()
                && g.computedEntriesCrc() == g.primary().entriesCrc());
  }

  /**
   * The number of 512-byte blocks the backup GPT takes at the end of the image: its entry array
   * plus its header.
   */
  public static long gptTailBlocks(GptHeader header) {
    return Math.ceilDiv(header.entryCount() * header.entrySize(), GptHeader.BLOCK) + 1;
  }
}
