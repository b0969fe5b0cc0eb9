package io.github.pveiso.initrd;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/** What a part of an initrd holds, told from its first bytes the way the kernel tells it. */
public enum Payload {
  /** An uncompressed newc cpio archive ("070701"). */
  CPIO("070701".getBytes(StandardCharsets.US_ASCII)),
  /** An uncompressed newc cpio archive with checksums ("070702"). */
  CPIO_CRC("070702".getBytes(StandardCharsets.US_ASCII)),
  /** zstd frame. */
  ZSTD(HexFormat.of().parseHex("28b52ffd")),
  /** gzip member. */
  GZIP(HexFormat.of().parseHex("1f8b")),
  /** xz stream. */
  XZ(HexFormat.of().parseHex("fd377a585a00")),
  /** lz4 legacy frame (what the kernel's lz4 initrd support reads). */
  LZ4_LEGACY(HexFormat.of().parseHex("02214c18")),
  /** bzip2 stream. */
  BZIP2("BZh".getBytes(StandardCharsets.US_ASCII)),
  /** lzma-alone stream with the usual properties byte. */
  LZMA(HexFormat.of().parseHex("5d0000")),
  /** Nothing: the initrd ends here. */
  END(new byte[0]),
  /** None of the above. */
  UNKNOWN(new byte[0]);

  /** The longest magic; peek this many bytes before calling {@link #detect(byte[])}. */
  public static final int MAGIC_LENGTH = 6;

  private final byte[] magic;

  Payload(byte[] magic) {
    this.magic = magic;
  }

  /** The leading bytes that identify this payload (empty for END and UNKNOWN). */
  public byte[] magic() {
    return magic.clone();
  }

  /** True for the two uncompressed cpio kinds. */
  public boolean isCpio() {
    return this == CPIO || this == CPIO_CRC;
  }

  /** True for the compressed kinds. */
  public boolean isCompressed() {
    return !isCpio() && this != END && this != UNKNOWN;
  }

  /** What {@code head} (the first bytes, at most {@link #MAGIC_LENGTH} needed) starts. */
  public static Payload detect(byte[] head) {
    if (head.length == 0) {
      return END;
    }
    for (Payload kind : values()) {
      byte[] m = kind.magic;
      if (m.length > 0
          && head.length >= m.length
          && Arrays.equals(head, 0, m.length, m, 0, m.length)) {
        return kind;
      }
    }
    return UNKNOWN;
  }
}
