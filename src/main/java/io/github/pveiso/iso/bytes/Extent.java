package io.github.pveiso.iso.bytes;

/**
 * A contiguous run of a file's bytes in the image.
 *
 * @param lba the first 2048-byte logical block
 * @param length the run's length in bytes
 */
public record Extent(long lba, long length) {
  /** The logical block size of ISO 9660. */
  public static final int BLOCK = 2048;

  /** The run's byte offset in the image. */
  public long offset() {
    return lba * BLOCK;
  }
}
