package io.github.pveiso.iso.iso9660;

import io.github.pveiso.VerificationException;
import io.github.pveiso.iso.bytes.Bytes;
import java.nio.charset.StandardCharsets;

/** One 2048-byte volume descriptor from the volume descriptor set (ECMA-119 8). */
public sealed interface VolumeDescriptor
    permits PrimaryVolumeDescriptor,
        BootRecordDescriptor,
        VolumeDescriptor.Terminator,
        VolumeDescriptor.Other {

  /** The size of every volume descriptor. */
  int SIZE = 2048;

  /** Type of a boot record. */
  int TYPE_BOOT_RECORD = 0;

  /** Type of the primary volume descriptor. */
  int TYPE_PRIMARY = 1;

  /** Type of a supplementary (e.g. Joliet) volume descriptor. */
  int TYPE_SUPPLEMENTARY = 2;

  /** Type of a volume partition descriptor. */
  int TYPE_PARTITION = 3;

  /** Type of the set terminator. */
  int TYPE_TERMINATOR = 255;

  /** The standard identifier every descriptor carries at offset 1. */
  String STANDARD_ID = "CD001";

  /** The descriptor type byte. */
  int type();

  /** The 2048 bytes on disk. */
  byte[] record();

  /** True when {@code b} starts like a volume descriptor ({@code CD001} at offset 1). */
  static boolean looksLikeDescriptor(byte[] b) {
    return b.length >= 7 && new String(b, 1, 5, StandardCharsets.ISO_8859_1).equals(STANDARD_ID);
  }

  /**
   * Parses one descriptor.
   *
   * @throws VerificationException when the bytes are not a volume descriptor
   */
  static VolumeDescriptor parse(byte[] b) {
    if (b.length != SIZE || !looksLikeDescriptor(b)) {
      throw new VerificationException("volume descriptor does not carry the identifier CD001");
    }
    int type = Bytes.u8(b, 0);
    return switch (type) {
      case TYPE_PRIMARY, TYPE_SUPPLEMENTARY -> PrimaryVolumeDescriptor.parse(b);
      case TYPE_BOOT_RECORD -> BootRecordDescriptor.parse(b);
      case TYPE_TERMINATOR -> new Terminator(b.clone());
      default -> new Other(type, b.clone());
    };
  }

  /** The volume descriptor set terminator. */
  record Terminator(byte[] raw) implements VolumeDescriptor {
    @Override
    public int type() {
      return TYPE_TERMINATOR;
    }

    @Override
    public byte[] record() {
      return raw.clone();
    }
  }

  /** A descriptor the reader keeps as raw bytes (e.g. a volume partition descriptor). */
  record Other(int type, byte[] raw) implements VolumeDescriptor {
    @Override
    public byte[] record() {
      return raw.clone();
    }
  }
}
