package io.github.pveiso.iso.boot;

import io.github.pveiso.iso.bytes.Bytes;

/**
 * An El Torito initial/default entry or section entry (32 bytes): bootable or not, emulation, load
 * segment, sector count (512-byte virtual sectors) and the image's logical block.
 *
 * @param bootIndicator 0x88 bootable, 0x00 not bootable
 * @param mediaType the media type byte (emulation in the low four bits)
 * @param loadSegment the load segment (0 means the BIOS default 0x7C0)
 * @param systemType the system type (partition type for hard-disk emulation)
 * @param unused1 byte 5
 * @param sectorCount how many 512-byte virtual sectors the BIOS loads
 * @param loadRba the image's first 2048-byte logical block
 * @param selectionCriteria byte 12: the selection criteria type (0 in the default entry)
 * @param vendorCriteria bytes 13..31
 */
public record ElToritoEntry(
    int bootIndicator,
    int mediaType,
    int loadSegment,
    int systemType,
    int unused1,
    int sectorCount,
    long loadRba,
    int selectionCriteria,
    byte[] vendorCriteria) {

  /** Boot indicator of a bootable entry. */
  public static final int BOOTABLE = 0x88;

  /** Parses the 32 bytes at {@code at}. */
  public static ElToritoEntry parse(byte[] b, int at) {
    return new ElToritoEntry(
        Bytes.u8(b, at),
        Bytes.u8(b, at + 1),
        Bytes.le16(b, at + 2),
        Bytes.u8(b, at + 4),
        Bytes.u8(b, at + 5),
        Bytes.le16(b, at + 6),
        Bytes.le32(b, at + 8),
        Bytes.u8(b, at + 12),
        Bytes.slice(b, at + 13, 19));
  }

  /** The 32 bytes on disk. */
  public byte[] record() {
    byte[] b = new byte[32];
    b[0] = (byte) bootIndicator;
    b[1] = (byte) mediaType;
    Bytes.putLe16(b, 2, loadSegment);
    b[4] = (byte) systemType;
    b[5] = (byte) unused1;
    Bytes.putLe16(b, 6, sectorCount);
    Bytes.putLe32(b, 8, loadRba);
    b[12] = (byte) selectionCriteria;
    Bytes.put(b, 13, vendorCriteria);
    return b;
  }

  /** True when the entry is marked bootable. */
  public boolean bootable() {
    return bootIndicator == BOOTABLE;
  }

  /** The emulation type. */
  public Emulation emulation() {
    return Emulation.of(mediaType);
  }
}
