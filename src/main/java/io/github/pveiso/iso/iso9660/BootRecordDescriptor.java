package io.github.pveiso.iso.iso9660;

import io.github.pveiso.iso.bytes.Bytes;

/**
 * A boot record volume descriptor (ECMA-119 8.2); for El Torito its boot system id is {@code EL
 * TORITO SPECIFICATION} and bytes 71..74 point at the boot catalog.
 *
 * @param version the descriptor version byte
 * @param bootSystemId the 32-byte boot system identifier as stored
 * @param bootId the 32-byte boot identifier as stored
 * @param catalogLba the boot catalog's logical block (El Torito), little-endian
 * @param rest bytes 75..2047 as stored
 */
public record BootRecordDescriptor(
    int version, String bootSystemId, String bootId, long catalogLba, byte[] rest)
    implements VolumeDescriptor {

  /** The boot system id of an El Torito boot record. */
  public static final String EL_TORITO = "EL TORITO SPECIFICATION";

  /** Parses the 2048 bytes of a type-0 descriptor. */
  public static BootRecordDescriptor parse(byte[] b) {
    return new BootRecordDescriptor(
        Bytes.u8(b, 6),
        new String(b, 7, 32, java.nio.charset.StandardCharsets.ISO_8859_1),
        new String(b, 39, 32, java.nio.charset.StandardCharsets.ISO_8859_1),
        Bytes.le32(b, 71),
        Bytes.slice(b, 75, SIZE - 75));
  }

  @Override
  public int type() {
    return TYPE_BOOT_RECORD;
  }

  /** True when this is an El Torito boot record. */
  public boolean isElTorito() {
    return Bytes.ascii(bootSystemId.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, 32)
        .equals(EL_TORITO);
  }

  @Override
  public byte[] record() {
    byte[] b = new byte[SIZE];
    b[0] = TYPE_BOOT_RECORD;
    Bytes.putAscii(b, 1, 5, STANDARD_ID);
    b[6] = (byte) version;
    Bytes.put(b, 7, bootSystemId.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    Bytes.put(b, 39, bootId.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    Bytes.putLe32(b, 71, catalogLba);
    Bytes.put(b, 75, rest);
    return b;
  }
}
