package io.github.pveiso.initrd;

import java.util.Arrays;
import java.util.Objects;

/**
 * One entry of a newc archive: its header and its data (empty for directories and the trailer).
 *
 * @param header the header, whose {@code fileSize} equals the data's length
 * @param data the file's bytes
 */
public record CpioEntry(NewcHeader header, byte[] data) {

  /** Checks that the header's size matches the data. */
  public CpioEntry {
    Objects.requireNonNull(header);
    data = data.clone();
    if (header.fileSize() != data.length) {
      throw new IllegalArgumentException(
          "cpio entry "
              + header.name()
              + " says "
              + header.fileSize()
              + " bytes but holds "
              + data.length);
    }
  }

  /** The entry's path inside the archive. */
  public String name() {
    return header.name();
  }

  /** The file's bytes (a copy). */
  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The entry as bytes: header, name, padding, data, padding. */
  public byte[] record() {
    byte[] head = header.record();
    // one array of the final size (the padding stays zero): a microcode bundle is megabytes
    byte[] out = Arrays.copyOf(head, head.length + data.length + NewcHeader.padding(data.length));
    System.arraycopy(data, 0, out, head.length, data.length);
    return out;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CpioEntry that
        && header.equals(that.header)
        && Arrays.equals(data, that.data);
  }

  @Override
  public int hashCode() {
    return 31 * header.hashCode() + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "CpioEntry[" + header.name() + ", " + data.length + " bytes]";
  }
}
