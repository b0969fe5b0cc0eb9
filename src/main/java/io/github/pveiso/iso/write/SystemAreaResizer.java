package io.github.pveiso.iso.write;

import io.github.pveiso.iso.boot.ApmEntry;
import io.github.pveiso.iso.boot.ApplePartitionMap;
import io.github.pveiso.iso.boot.Gpt;
import io.github.pveiso.iso.boot.GptHeader;
import io.github.pveiso.iso.boot.Mbr;
import io.github.pveiso.iso.boot.MbrPartition;
import io.github.pveiso.iso.boot.SystemArea;
import io.github.pveiso.iso.bytes.Bytes;
import io.github.pveiso.iso.iso9660.VolumeDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Makes a grown image describe its new size, after a writer appended a session to a copy of the
 * source (xorriso's growing mode, or a pure-Java growing writer). The appended session rewrites the
 * volume descriptors but the system area still describes the source's size: the protective MBR
 * partition, the GPT's last usable and backup blocks, xorriso's {@code Gap} partitions, the backup
 * GPT and the last APM entry. This pads the image to whole 2048-byte blocks with room for the
 * backup GPT after the appended data, sets every volume descriptor's volume space size to the new
 * block count, moves what ran to the old end to the new end, and writes the backup GPT there.
 * Everything else stays byte for byte.
 */
public final class SystemAreaResizer {

  private static final int BLOCK = 2048;
  private static final int FIRST_DESCRIPTOR = 16;
  private static final int MAX_DESCRIPTORS = 64;
  private static final int VOLUME_SPACE_SIZE_AT = 80;
  private static final int MBR_TABLE_AT = 446;

  private SystemAreaResizer() {}

  /**
   * What {@link #fit} did.
   *
   * @param sourceBytes the source's size
   * @param dataBytes how far the grown image held data (its file size or its volume, the larger)
   * @param imageBytes the image's size now, a whole number of 2048-byte blocks
   * @param rewritten what was rewritten, in order, e.g. {@code GPT backup at block 4399}
   */
  public record Fit(long sourceBytes, long dataBytes, long imageBytes, List<String> rewritten) {
    /** Copies the list. */
    public Fit {
      rewritten = List.copyOf(rewritten);
    }
  }

  /**
   * Fits the system area and the volume size of {@code image} to its grown size. Call it once,
   * after the session was appended; an image that did not grow past the source is left alone.
   *
   * @param image the grown image, changed in place
   * @param source the source's system area as {@link SystemArea#read} found it in the source (its
   *     size and its MBR, GPT and APM); the image's first 32 KiB must still be the source's
   * @throws UncheckedIOException when the image cannot be read or written
   */
  public static Fit fit(Path image, SystemArea source) {
    try (FileChannel ch =
        FileChannel.open(image, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      return fit(ImageBytes.of(ch), image, source);
    } catch (IOException e) {
      throw failed(image, e);
    }
  }

  /** As {@link #fit(Path, SystemArea)}, in {@code image}, the bytes that become {@code name}. */
  static Fit fit(ImageBytes image, Path name, SystemArea source) {
    try {
      return fitIn(image, source);
    } catch (IOException e) {
      throw failed(name, e);
    }
  }

  private static UncheckedIOException failed(Path image, IOException e) {
    return new UncheckedIOException(
        "cannot fit the system area of " + image + " to its size: " + e.getMessage(), e);
  }

  private static Fit fitIn(ImageBytes ch, SystemArea source) throws IOException {
    List<Long> descriptors = volumeDescriptors(ch);
    long volumeBytes = 0;
    for (long at : descriptors) {
      volumeBytes = Math.max(volumeBytes, Bytes.both32(read(ch, at, 8), 0) * BLOCK);
    }
    long dataBytes = Math.max(ch.size(), volumeBytes);
    if (dataBytes <= source.size()) {
      return new Fit(source.size(), dataBytes, ch.size(), List.of());
    }
    long tailBlocks =
        source
            .validGpt()
            .map(g -> Math.ceilDiv(SystemArea.gptTailBlocks(g.primary()), 4))
            .orElse(0L);
    long blocks = Math.ceilDiv(dataBytes, BLOCK) + tailBlocks;
    long newBytes = blocks * BLOCK;
    List<String> rewritten = new ArrayList<>();
    if (ch.size() < newBytes) {
      write(ch, newBytes - 1, new byte[1]);
    }
    for (long at : descriptors) {
      byte[] size = new byte[8];
      Bytes.putBoth32(size, 0, blocks);
      write(ch, at, size);
    }
    rewritten.add(
        "volume space size " + blocks + " blocks in " + descriptors.size() + " volume descriptors");
    source.mbr().ifPresent(mbr -> rewritten.addAll(mbr(ch, mbr, source, newBytes)));
    source.validGpt().ifPresent(gpt -> rewritten.addAll(gpt(ch, gpt, source, newBytes)));
    source.apm().ifPresent(apm -> rewritten.addAll(apm(ch, apm, source, newBytes)));
    return new Fit(source.size(), dataBytes, ch.size(), rewritten);
  }

  /** The byte offsets of the volume space size fields of the primary and supplementary VDs. */
  private static List<Long> volumeDescriptors(ImageBytes ch) throws IOException {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < MAX_DESCRIPTORS; i++) {
      long at = (long) (FIRST_DESCRIPTOR + i) * BLOCK;
      if (at + BLOCK > ch.size()) {
        break;
      }
      byte[] head = read(ch, at, 7);
      if (!VolumeDescriptor.looksLikeDescriptor(head)
          || Bytes.u8(head, 0) == VolumeDescriptor.TYPE_TERMINATOR) {
        break;
      }
      int type = Bytes.u8(head, 0);
      if (type == VolumeDescriptor.TYPE_PRIMARY || type == VolumeDescriptor.TYPE_SUPPLEMENTARY) {
        out.add(at + VOLUME_SPACE_SIZE_AT);
      }
    }
    return out;
  }

  private static List<String> mbr(ImageBytes ch, Mbr mbr, SystemArea source, long newBytes) {
    List<String> out = new ArrayList<>();
    for (int i : source.mbrPartitionsAtEnd()) {
      MbrPartition p = mbr.partitions().get(i);
      long sectors = Math.min(newBytes / 512 - p.firstLba(), SystemArea.MBR_MAX_SECTORS);
      byte[] entry = new byte[16];
      p.withSectors(sectors).write(entry, 0);
      write(ch, MBR_TABLE_AT + 16L * i, entry);
      out.add("MBR partition " + (i + 1) + " to sector " + (p.firstLba() + sectors - 1));
    }
    return out;
  }

  private static List<String> gpt(ImageBytes ch, Gpt gpt, SystemArea source, long newBytes) {
    GptHeader primary = gpt.primary();
    long backupLba = newBytes / GptHeader.BLOCK - 1;
    long delta = backupLba - primary.backupLba();
    long arraySectors = SystemArea.gptTailBlocks(primary) - 1;
    long lastUsable = backupLba - arraySectors - 1;
    byte[] array = gpt.entriesBytes().clone();
    int size = (int) primary.entrySize();
    List<String> out = new ArrayList<>();
    for (int i : source.gptPartitionsAtEnd()) {
      long last = gpt.entries().get(i).lastLba() + delta;
      Bytes.putLe64(array, i * size + 40, last);
      out.add("GPT partition " + (i + 1) + " to block " + last);
    }
    CRC32 crc = new CRC32();
    crc.update(array);
    long arrayCrc = crc.getValue();
    GptHeader newPrimary =
        primary.moved(primary.currentLba(), backupLba, lastUsable, primary.entriesLba(), arrayCrc);
    long backupArray = backupLba - arraySectors;
    GptHeader backup =
        primary.moved(backupLba, primary.currentLba(), lastUsable, backupArray, arrayCrc);
    write(ch, primary.entriesLba() * GptHeader.BLOCK, array);
    write(ch, primary.currentLba() * GptHeader.BLOCK, newPrimary.record());
    write(ch, backupArray * GptHeader.BLOCK, array);
    write(ch, backupLba * GptHeader.BLOCK, backup.record());
    out.add("GPT primary header, last usable block " + lastUsable);
    out.add("GPT backup at block " + backupLba);
    return out;
  }

  private static List<String> apm(
      ImageBytes ch, ApplePartitionMap apm, SystemArea source, long newBytes) {
    List<String> out = new ArrayList<>();
    for (int i : source.apmEntriesAtEnd()) {
      ApmEntry e = apm.entries().get(i);
      long count = newBytes / apm.blockSize() - e.startBlock();
      byte[] rest = e.rest().clone();
      // pmDataCnt (entry bytes 84..87), the data area's length, follows when it was the whole
      if (Bytes.be32(rest, 4) == e.blockCount()) {
        Bytes.putBe32(rest, 4, count);
      }
      ApmEntry grown =
          new ApmEntry(
              e.signature(),
              e.reserved(),
              e.mapEntries(),
              e.startBlock(),
              count,
              e.nameField(),
              e.typeField(),
              rest);
      write(ch, (long) (i + 1) * apm.blockSize(), grown.record());
      out.add("APM entry " + (i + 1) + " to " + count + " blocks");
    }
    return out;
  }

  private static byte[] read(ImageBytes ch, long at, int length) {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    try {
      while (buffer.hasRemaining()) {
        if (ch.read(buffer, at + buffer.position()) < 0) {
          throw new IOException("ended at byte " + (at + buffer.position()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the grown image: " + e.getMessage(), e);
    }
    return buffer.array();
  }

  private static void write(ImageBytes ch, long at, byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    try {
      while (buffer.hasRemaining()) {
        ch.write(buffer, at + buffer.position());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the grown image: " + e.getMessage(), e);
    }
  }
}
