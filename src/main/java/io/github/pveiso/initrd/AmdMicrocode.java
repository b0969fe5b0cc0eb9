package io.github.pveiso.initrd;

import io.github.pveiso.VerificationException;
import java.util.Arrays;

/** AMD microcode container files, which the kernel's AMD loader reads as they are. */
final class AmdMicrocode {

  /** Every container starts with "DMA" and a zero byte (0x00414d44, little-endian). */
  private static final byte[] MAGIC = {0x44, 0x4d, 0x41, 0x00};

  private AmdMicrocode() {}

  /**
   * Checks that {@code file} starts like an AMD microcode container.
   *
   * @throws VerificationException when it does not
   */
  static void check(MicrocodeFile file) {
    byte[] data = file.data();
    if (data.length < MAGIC.length
        || !Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new VerificationException(
          "AMD microcode file "
              + file.path()
              + " does not start with the container magic 444d4100 (starts with "
              + NewcHeader.hex(Arrays.copyOf(data, Math.min(4, data.length)))
              + "); check the amd64-microcode package");
    }
  }
}
