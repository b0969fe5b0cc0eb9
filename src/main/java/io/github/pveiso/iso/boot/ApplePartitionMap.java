package io.github.pveiso.iso.boot;

import io.github.pveiso.iso.bytes.Bytes;
import io.github.pveiso.iso.bytes.ImageChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An Apple partition map: the driver descriptor block ({@code ER}) at byte 0 giving the block size,
 * and entries ({@code PM}) in blocks 1..n.
 *
 * @param blockSize the map's block size from the driver descriptor (512 or 2048)
 * @param blockCount the device's size in blocks from the driver descriptor
 * @param entries the map entries in order
 */
public record ApplePartitionMap(int blockSize, long blockCount, List<ApmEntry> entries) {

  /** Copies the list. */
  public ApplePartitionMap {
    entries = List.copyOf(entries);
  }

  /** Reads the map of an image; empty when byte 0 does not start with {@code ER}. */
  public static Optional<ApplePartitionMap> read(ImageChannel image) {
    if (image.size() < 1024) {
      return Optional.empty();
    }
    byte[] ddm = image.read(0, 512);
    if (ddm[0] != 'E' || ddm[1] != 'R') {
      return Optional.empty();
    }
    int blockSize = Bytes.be16(ddm, 2);
    if (blockSize != 512 && blockSize != 2048) {
      return Optional.empty();
    }
    List<ApmEntry> entries = new ArrayList<>();
    long count = 1;
    for (long i = 1; i <= count && i < 64; i++) {
      long offset = i * blockSize;
      if (offset + 512 > image.size()) {
        break;
      }
      ApmEntry entry = ApmEntry.parse(image.read(offset, 512), 0);
      if (!entry.signature().equals("PM")) {
        break;
      }
      count = entry.mapEntries();
      entries.add(entry);
    }
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ApplePartitionMap(blockSize, Bytes.be32(ddm, 4), entries));
  }

  /** True when an entry has type {@code Apple_HFS}. */
  public boolean hasHfsPlus() {
    return entries.stream().anyMatch(e -> e.type().equals(ApmEntry.HFS_TYPE));
  }

  /** What is wrong with the map in an image of {@code imageBytes} bytes, one line each. */
  public List<String> problems(long imageBytes) {
    List<String> out = new ArrayList<>();
    for (ApmEntry e : entries) {
      long end = (e.startBlock() + e.blockCount()) * blockSize;
      if (e.mapEntries() != entries.size()) {
        out.add(
            "APM entry '"
                + e.name()
                + "' says the map has "
                + e.mapEntries()
                + " entries but "
                + entries.size()
                + " were found");
      }
      if (end > imageBytes) {
        out.add(
            "APM partition '"
                + e.name()
                + "' ends at byte "
                + end
                + " beyond the image's "
                + imageBytes
                + " bytes");
      }
    }
    return out;
  }
}
