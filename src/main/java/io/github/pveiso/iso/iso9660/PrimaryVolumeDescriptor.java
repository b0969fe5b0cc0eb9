package io.github.pveiso.iso.iso9660;

import io.github.pveiso.iso.bytes.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * A primary (type 1) or supplementary (type 2, e.g. Joliet) volume descriptor (ECMA-119 8.4, 8.5).
 * Text fields are kept as stored, one char per byte (ISO-8859-1), so the record round-trips; use
 * {@link #volumeId()} and friends for the trimmed, decoded text.
 *
 * @param type 1 (primary) or 2 (supplementary)
 * @param version the descriptor version byte
 * @param flags volume flags (byte 7, supplementary only)
 * @param systemIdField the 32-byte system identifier as stored
 * @param volumeIdField the 32-byte volume identifier as stored
 * @param volumeSpaceSize the volume's size in logical blocks
 * @param escapeSequences the 32 bytes at 88 (Joliet level escape sequences)
 * @param volumeSetSize the volume set size
 * @param volumeSequenceNumber this volume's sequence number
 * @param logicalBlockSize the logical block size (2048)
 * @param pathTableSize the path table size in bytes
 * @param typeLPathTable the little-endian path table's block
 * @param optTypeLPathTable the optional little-endian path table's block
 * @param typeMPathTable the big-endian path table's block
 * @param optTypeMPathTable the optional big-endian path table's block
 * @param root the root directory record
 * @param textFields bytes 190..812 as stored: volume set, publisher, data preparer, application,
 *     copyright, abstract and bibliographic identifiers
 * @param created volume creation date
 * @param modified volume modification date (GRUB's UUID)
 * @param expires volume expiration date
 * @param effective volume effective date
 * @param fileStructureVersion the file structure version
 * @param applicationUse the 512 application-use bytes
 * @param reserved bytes 1395..2047
 */
public record PrimaryVolumeDescriptor(
    int type,
    int version,
    int flags,
    String systemIdField,
    String volumeIdField,
    long volumeSpaceSize,
    byte[] escapeSequences,
    int volumeSetSize,
    int volumeSequenceNumber,
    int logicalBlockSize,
    long pathTableSize,
    long typeLPathTable,
    long optTypeLPathTable,
    long typeMPathTable,
    long optTypeMPathTable,
    DirectoryRecord root,
    String textFields,
    VolumeDate created,
    VolumeDate modified,
    VolumeDate expires,
    VolumeDate effective,
    int fileStructureVersion,
    byte[] applicationUse,
    byte[] reserved)
    implements VolumeDescriptor {

  /** Parses the 2048 bytes of a type-1 or type-2 descriptor. */
  public static PrimaryVolumeDescriptor parse(byte[] b) {
    return new PrimaryVolumeDescriptor(
        Bytes.u8(b, 0),
        Bytes.u8(b, 6),
        Bytes.u8(b, 7),
        latin1(b, 8, 32),
        latin1(b, 40, 32),
        Bytes.both32(b, 80),
        Bytes.slice(b, 88, 32),
        Bytes.both16(b, 120),
        Bytes.both16(b, 124),
        Bytes.both16(b, 128),
        Bytes.both32(b, 132),
        Bytes.le32(b, 140),
        Bytes.le32(b, 144),
        Bytes.be32(b, 148),
        Bytes.be32(b, 152),
        DirectoryRecord.parse(Bytes.slice(b, 156, 34), 0),
        latin1(b, 190, 813 - 190),
        VolumeDate.parse(b, 813),
        VolumeDate.parse(b, 830),
        VolumeDate.parse(b, 847),
        VolumeDate.parse(b, 864),
        Bytes.u8(b, 881),
        Bytes.slice(b, 883, 512),
        Bytes.slice(b, 1395, SIZE - 1395));
  }

  @Override
  public byte[] record() {
    byte[] b = new byte[SIZE];
    b[0] = (byte) type;
    Bytes.putAscii(b, 1, 5, STANDARD_ID);
    b[6] = (byte) version;
    b[7] = (byte) flags;
    Bytes.put(b, 8, systemIdField.getBytes(StandardCharsets.ISO_8859_1));
    Bytes.put(b, 40, volumeIdField.getBytes(StandardCharsets.ISO_8859_1));
    Bytes.putBoth32(b, 80, volumeSpaceSize);
    Bytes.put(b, 88, escapeSequences);
    Bytes.putBoth16(b, 120, volumeSetSize);
    Bytes.putBoth16(b, 124, volumeSequenceNumber);
    Bytes.putBoth16(b, 128, logicalBlockSize);
    Bytes.putBoth32(b, 132, pathTableSize);
    Bytes.putLe32(b, 140, typeLPathTable);
    Bytes.putLe32(b, 144, optTypeLPathTable);
    Bytes.putBe32(b, 148, typeMPathTable);
    Bytes.putBe32(b, 152, optTypeMPathTable);
    Bytes.put(b, 156, root.record());
    Bytes.put(b, 190, textFields.getBytes(StandardCharsets.ISO_8859_1));
    created.write(b, 813);
    modified.write(b, 830);
    expires.write(b, 847);
    effective.write(b, 864);
    b[881] = (byte) fileStructureVersion;
    Bytes.put(b, 883, applicationUse);
    Bytes.put(b, 1395, reserved);
    return b;
  }

  /**
   * The same descriptor describing a new tree: its root record, path tables (the optional ones
   * cleared) and volume size. Dates, identifiers and everything else stay.
   */
  public PrimaryVolumeDescriptor withTree(
      DirectoryRecord newRoot,
      long newPathTableSize,
      long newTypeL,
      long newTypeM,
      long newVolumeSpaceSize) {
    return new PrimaryVolumeDescriptor(
        type,
        version,
        flags,
        systemIdField,
        volumeIdField,
        newVolumeSpaceSize,
        escapeSequences,
        volumeSetSize,
        volumeSequenceNumber,
        logicalBlockSize,
        newPathTableSize,
        newTypeL,
        0,
        newTypeM,
        0,
        newRoot,
        textFields,
        created,
        modified,
        expires,
        effective,
        fileStructureVersion,
        applicationUse,
        reserved);
  }

  /**
   * True for a Joliet supplementary descriptor (escape sequence {@code %/@}, {@code %/C}, {@code
   * %/E}).
   */
  public boolean isJoliet() {
    return type == TYPE_SUPPLEMENTARY
        && escapeSequences[0] == '%'
        && escapeSequences[1] == '/'
        && (escapeSequences[2] == '@' || escapeSequences[2] == 'C' || escapeSequences[2] == 'E');
  }

  /** The volume identifier, trimmed (decoded as UCS-2 for Joliet). */
  public String volumeId() {
    return text(volumeIdField);
  }

  /** The system identifier, trimmed. */
  public String systemId() {
    return text(systemIdField);
  }

  /** The volume set identifier, trimmed. */
  public String volumeSetId() {
    return text(textFields.substring(0, 128));
  }

  /** The publisher identifier, trimmed. */
  public String publisherId() {
    return text(textFields.substring(128, 256));
  }

  /** The data preparer identifier, trimmed. */
  public String preparerId() {
    return text(textFields.substring(256, 384));
  }

  /** The application identifier, trimmed. */
  public String applicationId() {
    return text(textFields.substring(384, 512));
  }

  private String text(String field) {
    byte[] raw = field.getBytes(StandardCharsets.ISO_8859_1);
    String decoded =
        isJoliet()
            ? new String(raw, 0, raw.length & ~1, StandardCharsets.UTF_16BE)
            : new String(raw, StandardCharsets.ISO_8859_1);
    return decoded.replaceAll("[ \\u0000]+$", "");
  }

  private static String latin1(byte[] b, int at, int length) {
    return new String(b, at, length, StandardCharsets.ISO_8859_1);
  }
}
