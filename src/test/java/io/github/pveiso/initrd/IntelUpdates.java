package io.github.pveiso.initrd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds Intel microcode updates with valid headers and checksums, for tests. */
final class IntelUpdates {

  private IntelUpdates() {}

  /**
   * One update: a 48-byte header, {@code dataWords} words of payload, and, when {@code extSigs} is
   * not empty, an extended signature table with those signatures (flags 0x01 each).
   */
  static byte[] update(int signature, int flags, int revision, int dataWords, int... extSigs) {
    int dataSize = dataWords * 4;
    int extSize = extSigs.length == 0 ? 0 : 20 + 12 * extSigs.length;
    int total = 48 + dataSize + extSize;
    ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(1).putInt(revision).putInt(0x07012025).putInt(signature).putInt(0).putInt(1);
    b.putInt(flags).putInt(dataSize).putInt(total).putInt(0).putInt(0).putInt(0);
    for (int i = 0; i < dataWords; i++) {
      b.putInt(signature * 31 + revision * 7 + i);
    }
    int sum = 0;
    for (int i = 0; i < 48 + dataSize; i += 4) {
      sum += b.getInt(i);
    }
    b.putInt(16, -sum);
    if (extSize > 0) {
      b.position(48 + dataSize);
      b.putInt(extSigs.length).putInt(0).putInt(0).putInt(0).putInt(0);
      for (int sig : extSigs) {
        b.putInt(sig).putInt(1).putInt(0);
      }
    }
    return b.array();
  }
}
