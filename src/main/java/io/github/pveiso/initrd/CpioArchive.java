package io.github.pveiso.initrd;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A whole newc archive: its entries in order, the last one being {@code TRAILER!!!}.
 *
 * @param entries the entries, trailer included
 */
public record CpioArchive(List<CpioEntry> entries) {

  /** Checks that the archive ends with exactly one trailer. */
  public CpioArchive {
    entries = List.copyOf(entries);
    if (entries.isEmpty() || !entries.get(entries.size() - 1).header().isTrailer()) {
      throw new IllegalArgumentException("a cpio archive must end with " + NewcHeader.TRAILER);
    }
    for (int i = 0; i < entries.size() - 1; i++) {
      if (entries.get(i).header().isTrailer()) {
        throw new IllegalArgumentException(
            "a cpio archive holds " + NewcHeader.TRAILER + " before its end, at entry " + i);
      }
    }
  }

  /** The entries without the trailer. */
  public List<CpioEntry> members() {
    return entries.subList(0, entries.size() - 1);
  }

  /** The names of the entries without the trailer, in archive order. */
  public List<String> names() {
    return members().stream().map(CpioEntry::name).toList();
  }

  /**
   * Where the data of entry {@code name} starts in {@link #record()}, computed from the headers.
   *
   * @throws IllegalArgumentException when there is no such entry
   */
  public long dataOffset(String name) {
    long offset = 0;
    for (CpioEntry entry : entries) {
      if (entry.name().equals(name)) {
        return offset + entry.header().record().length;
      }
      offset += entry.recordLength();
    }
    throw new IllegalArgumentException("no entry " + name + " in the cpio archive");
  }

  /** The archive as bytes: every entry's record, ending 4-byte aligned after the trailer. */
  public byte[] record() {
    byte[] out = new byte[Math.toIntExact(size())];
    int at = 0;
    for (CpioEntry entry : entries) {
      at = entry.copyInto(out, at);
    }
    return out;
  }

  /** The length of {@link #record()}. */
  public long size() {
    long size = 0;
    for (CpioEntry entry : entries) {
      size += entry.recordLength();
    }
    return size;
  }

  /** Writes {@link #record()} to {@code out} without making it. */
  public void writeTo(OutputStream out) throws IOException {
    for (CpioEntry entry : entries) {
      entry.writeTo(out);
    }
  }
}
