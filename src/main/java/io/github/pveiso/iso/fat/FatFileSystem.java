package io.github.pveiso.iso.fat;

import io.github.pveiso.VerificationException;
import io.github.pveiso.iso.bytes.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** A read-only FAT12/16/32 file system held in memory (an EFI system partition image). */
public final class FatFileSystem {
  private static final int MAX_DEPTH = 32;

  /** A FAT directory holds at most 65536 entries of 32 bytes. */
  private static final long MAX_DIRECTORY_BYTES = 65536L * 32;

  private final String name;
  private final byte[] volume;
  private final FatBootSector boot;
  private final List<FatEntry> entries;

  private FatFileSystem(String name, byte[] volume, FatBootSector boot) {
    this.name = name;
    this.volume = volume;
    this.boot = boot;
    List<FatEntry> found = new ArrayList<>();
    walk("", rootDirectory(), found, new HashSet<>(), 0);
    found.sort(Comparator.comparing(FatEntry::path));
    this.entries = List.copyOf(found);
  }

  /**
   * Reads the FAT volume in {@code volume}.
   *
   * @param name what to call it in messages, e.g. {@code /efi.img}
   * @throws VerificationException when the bytes are not a FAT file system or are damaged
   */
  public static FatFileSystem read(String name, byte[] volume) {
    FatBootSector boot =
        FatBootSector.parseIfFat(volume)
            .orElseThrow(() -> new VerificationException(name + " is not a FAT file system"));
    if (boot.totalBytes() > volume.length) {
      throw new VerificationException(
          name
              + " is truncated: its FAT boot sector says "
              + boot.totalBytes()
              + " bytes but it has "
              + volume.length);
    }
    long tablesEnd = boot.firstDataSector() * boot.bytesPerSector();
    if (tablesEnd > boot.totalBytes()) {
      throw new VerificationException(
          name
              + ": FAT boot sector gives "
              + boot.reservedSectors()
              + " reserved sectors, "
              + boot.fatCount()
              + " FATs of "
              + boot.sectorsPerFat()
              + " sectors and "
              + boot.rootEntries()
              + " root entries, which end at byte "
              + tablesEnd
              + ", beyond the volume's "
              + boot.totalBytes()
              + " bytes");
    }
    return new FatFileSystem(name, volume, boot);
  }

  /** The boot sector. */
  public FatBootSector bootSector() {
    return boot;
  }

  /** FAT12, FAT16 or FAT32. */
  public FatType type() {
    return boot.type();
  }

  /** Every file and directory, sorted by path. */
  public List<FatEntry> entries() {
    return entries;
  }

  /** The entry at {@code path}, matched case-insensitively as FAT does. */
  public Optional<FatEntry> find(String path) {
    return entries.stream().filter(e -> e.path().equalsIgnoreCase(path)).findFirst();
  }

  /** The bytes of a file. */
  public byte[] read(FatEntry entry) {
    if (entry.directory()) {
      throw new IllegalArgumentException(entry.path() + " is a directory");
    }
    byte[] data = chain(entry.firstCluster(), entry.path(), entry.size());
    if (data.length < entry.size()) {
      throw new VerificationException(
          name
              + ": "
              + entry.path()
              + " has "
              + entry.size()
              + " bytes but its clusters hold "
              + data.length);
    }
    return Bytes.slice(data, 0, (int) entry.size());
  }

  private byte[] rootDirectory() {
    if (boot.type() == FatType.FAT32) {
      return directory(boot.rootCluster(), "/");
    }
    long start =
        (boot.reservedSectors() + boot.fatCount() * boot.sectorsPerFat()) * boot.bytesPerSector();
    return Bytes.slice(volume, (int) start, boot.rootEntries() * 32);
  }

  private void walk(String dir, byte[] data, List<FatEntry> out, Set<Long> seen, int depth) {
    if (depth > MAX_DEPTH) {
      throw new VerificationException(
          name + ": directories nest deeper than " + MAX_DEPTH + " at " + dir);
    }
    StringBuilder longName = new StringBuilder();
    for (int at = 0; at + 32 <= data.length; at += 32) {
      int first = data[at] & 0xff;
      if (first == 0) {
        break;
      }
      int attr = data[at + 11] & 0xff;
      if (first == 0xE5) {
        longName.setLength(0);
        continue;
      }
      if (attr == 0x0F) {
        longName.insert(0, lfnPart(data, at));
        continue;
      }
      String entryName = longName.length() > 0 ? longName.toString() : shortName(data, at);
      longName.setLength(0);
      if ((attr & 0x08) != 0 || entryName.equals(".") || entryName.equals("..")) {
        continue;
      }
      long cluster = Bytes.le16(data, at + 26) | (long) Bytes.le16(data, at + 20) << 16;
      boolean isDir = (attr & 0x10) != 0;
      String path = dir + "/" + entryName;
      out.add(new FatEntry(path, isDir, isDir ? 0 : Bytes.le32(data, at + 28), cluster));
      if (isDir) {
        if (!seen.add(cluster)) {
          throw new VerificationException(
              name
                  + ": directory "
                  + path
                  + " points back at cluster "
                  + cluster
                  + ": the FAT directory tree has a loop");
        }
        walk(path, directory(cluster, path), out, seen, depth + 1);
      }
    }
  }

  private static String lfnPart(byte[] d, int at) {
    byte[] chars = new byte[26];
    System.arraycopy(d, at + 1, chars, 0, 10);
    System.arraycopy(d, at + 14, chars, 10, 12);
    System.arraycopy(d, at + 28, chars, 22, 4);
    String s = new String(chars, StandardCharsets.UTF_16LE);
    int end = s.indexOf('\0');
    return end >= 0 ? s.substring(0, end) : s.replace("\uffff", "");
  }

  private static String shortName(byte[] d, int at) {
    String base = new String(d, at, 8, StandardCharsets.ISO_8859_1).stripTrailing();
    String ext = new String(d, at + 8, 3, StandardCharsets.ISO_8859_1).stripTrailing();
    if (base.startsWith("\u0005")) {
      base = "\u00e5" + base.substring(1);
    }
    int caseFlags = d[at + 12];
    if ((caseFlags & 0x08) != 0) {
      base = base.toLowerCase(Locale.ROOT);
    }
    if ((caseFlags & 0x10) != 0) {
      ext = ext.toLowerCase(Locale.ROOT);
    }
    return ext.isEmpty() ? base : base + "." + ext;
  }

  /** The bytes of the directory whose chain starts at {@code cluster}; refuses an endless one. */
  private byte[] directory(long cluster, String path) {
    byte[] data = chain(cluster, path, MAX_DIRECTORY_BYTES + 1);
    if (data.length > MAX_DIRECTORY_BYTES) {
      throw new VerificationException(
          name
              + ": the cluster chain of directory "
              + path
              + " holds more than the "
              + MAX_DIRECTORY_BYTES
              + " bytes a FAT directory may have");
    }
    return data;
  }

  /**
   * The bytes of a cluster chain starting at {@code cluster}, up to the cluster that reaches {@code
   * wanted} bytes.
   */
  private byte[] chain(long cluster, String what, long wanted) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long clusterBytes = (long) boot.sectorsPerCluster() * boot.bytesPerSector();
    long limit = boot.clusterCount() + 2;
    long current = cluster;
    for (long steps = 0; current >= 2 && current < limit && out.size() < wanted; steps++) {
      if (steps > limit) {
        throw new VerificationException(name + ": the cluster chain of " + what + " loops");
      }
      long offset =
          (boot.firstDataSector() + (current - 2) * boot.sectorsPerCluster())
              * boot.bytesPerSector();
      if (offset + clusterBytes > volume.length) {
        throw new VerificationException(
            name + ": cluster " + current + " of " + what + " lies beyond the volume's end");
      }
      out.write(volume, (int) offset, (int) clusterBytes);
      current = next(current);
    }
    return out.toByteArray();
  }

  private long next(long cluster) {
    long fatStart = (long) boot.reservedSectors() * boot.bytesPerSector();
    long fatBytes = boot.sectorsPerFat() * boot.bytesPerSector();
    long entryEnd =
        switch (boot.type()) {
          case FAT12 -> cluster + cluster / 2 + 2;
          case FAT16 -> cluster * 2 + 2;
          case FAT32 -> cluster * 4 + 4;
        };
    if (entryEnd > fatBytes) {
      throw new VerificationException(
          name + ": cluster " + cluster + " has no entry in the FAT of " + fatBytes + " bytes");
    }
    return switch (boot.type()) {
      case FAT12 -> {
        int at = (int) (fatStart + cluster + cluster / 2);
        int v = Bytes.le16(volume, at);
        yield (cluster & 1) == 0 ? v & 0xfff : v >>> 4;
      }
      case FAT16 -> Bytes.le16(volume, (int) (fatStart + cluster * 2));
      case FAT32 -> Bytes.le32(volume, (int) (fatStart + cluster * 4)) & 0x0fffffffL;
    };
  }
}
