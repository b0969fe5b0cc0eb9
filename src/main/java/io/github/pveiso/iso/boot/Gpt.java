package io.github.pveiso.iso.boot;

import io.github.pveiso.iso.bytes.ImageChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A GUID partition table as found in an image: the primary header at block 1, its entry array, and
 * the backup header with its own entry array.
 *
 * @param primary the primary header
 * @param entries the primary entry array, every slot (used or not)
 * @param entriesBytes the primary entry array as stored, for its CRC
 * @param backup the backup header, when its block lies inside the image and carries the signature
 * @param backupEntriesBytes the backup entry array as stored (empty when there is no backup)
 */
public record Gpt(
    GptHeader primary,
    List<GptEntry> entries,
    byte[] entriesBytes,
    Optional<GptHeader> backup,
    byte[] backupEntriesBytes) {

  private static final long MAX_ENTRY_BYTES = 1 << 20;

  /** Copies the list. */
  public Gpt {
    entries = List.copyOf(entries);
  }

  /** Reads the GPT of an image; empty when block 1 does not carry {@code EFI PART}. */
  public static Optional<Gpt> read(ImageChannel image) {
    if (image.size() < 2 * GptHeader.BLOCK) {
      return Optional.empty();
    }
    GptHeader primary = GptHeader.parse(image.read(GptHeader.BLOCK, GptHeader.BLOCK));
    if (!primary.hasSignature()) {
      return Optional.empty();
    }
    byte[] array = entryArray(image, primary);
    List<GptEntry> entries = new ArrayList<>();
    int size = (int) primary.entrySize();
    if (size >= 128) {
      for (int at = 0; at + size <= array.length; at += size) {
        entries.add(GptEntry.parse(array, at, size));
      }
    }
    Optional<GptHeader> backup = Optional.empty();
    byte[] backupArray = new byte[0];
    long backupOffset = primary.backupLba() * GptHeader.BLOCK;
    if (primary.backupLba() > 1 && backupOffset + GptHeader.BLOCK <= image.size()) {
      GptHeader header = GptHeader.parse(image.read(backupOffset, GptHeader.BLOCK));
      if (header.hasSignature()) {
        backup = Optional.of(header);
        backupArray = entryArray(image, header);
      }
    }
    return Optional.of(new Gpt(primary, entries, array, backup, backupArray));
  }

  private static byte[] entryArray(ImageChannel image, GptHeader header) {
    if (tooLarge(header)) {
      return new byte[0];
    }
    long length = header.entryCount() * header.entrySize();
    long offset = header.entriesLba() * GptHeader.BLOCK;
    if (offset < 0 || offset + length > image.size()) {
      return new byte[0];
    }
    return image.read(offset, (int) length);
  }

  /** True when the header's entry array would be larger than any GPT's (or overflow a long). */
  private static boolean tooLarge(GptHeader header) {
    return header.entrySize() > MAX_ENTRY_BYTES
        || header.entryCount() > MAX_ENTRY_BYTES
        || header.entryCount() * header.entrySize() > MAX_ENTRY_BYTES;
  }

  /** The partitions in use, in table order. */
  public List<GptEntry> partitions() {
    return entries.stream().filter(GptEntry::used).toList();
  }

  /** The CRC32 of the stored primary entry array. */
  public long computedEntriesCrc() {
    return crc(entriesBytes);
  }

  /**
   * What is wrong with this GPT in an image of {@code imageBytes} bytes, one line each; empty when
   * it is consistent.
   */
  public List<String> problems(long imageBytes) {
    List<String> out = new ArrayList<>();
    long expected = primary.computedHeaderCrc();
    if (expected != primary.headerCrc()) {
      out.add(
          String.format(
              "GPT primary header CRC is %08x but its bytes give %08x",
              primary.headerCrc(), expected));
    }
    if (tooLarge(primary)) {
      out.add(
          "GPT primary header gives "
              + primary.entryCount()
              + " entries of "
              + primary.entrySize()
              + " bytes, more than the "
              + MAX_ENTRY_BYTES
              + " bytes an entry array may have here");
    } else if (entriesBytes.length == 0) {
      out.add(
          "GPT primary entry array at block " + primary.entriesLba() + " lies outside the image");
    } else if (computedEntriesCrc() != primary.entriesCrc()) {
      out.add(
          String.format(
              "GPT primary entry array CRC is %08x but its bytes give %08x",
              primary.entriesCrc(), computedEntriesCrc()));
    }

    if (backup.isEmpty()) {
      out.add("GPT backup header is missing at block " + primary.backupLba());
    } else {
      GptHeader b = backup.get();
      if (b.computedHeaderCrc() != b.headerCrc()) {
        out.add(
            String.format(
                "GPT backup header CRC is %08x but its bytes give %08x",
                b.headerCrc(), b.computedHeaderCrc()));
      }
      if (crc(backupEntriesBytes) != b.entriesCrc() || b.entriesCrc() != primary.entriesCrc()) {
        out.add(
            String.format(
                "GPT backup entry array CRC is %08x, its bytes give %08x, the primary's is %08x",
                b.entriesCrc(), crc(backupEntriesBytes), primary.entriesCrc()));
      }
      if (b.currentLba() != primary.backupLba()
          || b.backupLba() != primary.currentLba()
          || !java.util.Arrays.equals(b.diskGuid(), primary.diskGuid())) {
        out.add("GPT backup header does not mirror the primary (blocks or disk GUID differ)");
      }
    }
    for (GptEntry e : partitions()) {
      if (e.firstLba() > e.lastLba() || (e.lastLba() + 1) * GptHeader.BLOCK > imageBytes) {
        out.add(
            "GPT partition '"
                + e.name()
                + "' blocks "
                + e.firstLba()
                + ".."
                + e.lastLba()
                + " lie outside the image of "
                + imageBytes
                + " bytes");
      }
    }
    return out;
  }

  /**
   * What is unusual but harmless about this GPT in an image of {@code imageBytes} bytes: a backup
   * header that is valid but not at the image's last block (xorriso's growing mode alone keeps the
   * old system area; firmware and Linux use the primary header and only warn). Compared with a
   * source whose GPT fitted it, the verifier fails such an output.
   */
  public List<String> warnings(long imageBytes) {
    long lastBlock = imageBytes / GptHeader.BLOCK - 1;
    if (primary.backupLba() != lastBlock) {
      return List.of(
          "GPT backup header is at block "
              + primary.backupLba()
              + ", not at the image's last block "
              + lastBlock);
    }
    return List.of();
  }

  private static long crc(byte[] b) {
    CRC32 crc = new CRC32();
    crc.update(b);
    return crc.getValue();
  }
}
