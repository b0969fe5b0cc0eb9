package io.github.pveiso.initrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.VerificationException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntelMicrocodeTest {

  static final byte[] A1 = IntelUpdates.update(0x906ea, 0x22, 0xf0, 4);
  static final byte[] A2 = IntelUpdates.update(0x906ea, 0x22, 0xf8, 4);
  static final byte[] B = IntelUpdates.update(0x50657, 0xbf, 0x5003707, 2);
  static final byte[] EXT = IntelUpdates.update(0x806e9, 0x10, 0xf6, 2, 0x806ea, 0x806eb);

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  static MicrocodeFile file(String name, byte[]... updates) {
    return new MicrocodeFile("lib/firmware/intel-ucode/" + name, concat(updates));
  }

  @Test
  void splitsAFileIntoItsUpdates() {
    List<IntelMicrocode.Update> updates = IntelMicrocode.split("f", concat(A1, EXT, B));

    assertThat(updates)
        .extracting(
            IntelMicrocode.Update::signature,
            IntelMicrocode.Update::flags,
            IntelMicrocode.Update::revision,
            IntelMicrocode.Update::extended)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0x906ea, 0x22, 0xf0, false),
            org.assertj.core.groups.Tuple.tuple(0x806e9, 0x10, 0xf6, true),
            org.assertj.core.groups.Tuple.tuple(0x50657, 0xbf, 0x5003707, false));
    assertThat(updates.get(1).bytes()).isEqualTo(EXT);
  }

  @Test
  void dropsIdenticalCopiesAndOutdatedRevisionsKeepingFileOrder() {
    IntelMicrocode.Bundle bundle =
        IntelMicrocode.bundle(
            List.of(file("06-55-04", B, A1), file("06-9e-0a", A2, EXT), file("x.initramfs", B)));

    assertThat(bundle.data()).isEqualTo(concat(B, A2, EXT));
    assertThat(bundle.updates()).isEqualTo(3);
    assertThat(bundle.duplicates()).isEqualTo(1);
    assertThat(bundle.outdated()).isEqualTo(1);
  }

  @Test
  void theOldDefaultSizesOfZeroMean2000And2048() {
    byte[] old = new byte[2048];
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(old).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putInt(0, 1).putInt(4, 3).putInt(12, 0x633).putInt(20, 1).putInt(24, 1);
    int sum = 0;
    for (int i = 0; i < 2048; i += 4) {
      sum += b.getInt(i);
    }
    b.putInt(16, -sum);

    assertThat(IntelMicrocode.split("old", old)).hasSize(1);
  }

  @Test
  void rejectsWhatTheKernelWouldReject() {
    byte[] badSum = A1.clone();
    badSum[60] ^= 1;
    assertThatThrownBy(() -> IntelMicrocode.split("06-9e-0a", concat(B, badSum)))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "Intel microcode file 06-9e-0a is not valid at offset 56: checksum does not add up"
                + " (sum 0xffffffff); check the intel-microcode package");
    byte[] badVersion = A1.clone();
    badVersion[0] = 2;
    assertThatThrownBy(() -> IntelMicrocode.split("f", badVersion))
        .hasMessage(
            "Intel microcode file f is not valid at offset 0: header version 2 and loader version"
                + " 1, not 1; check the intel-microcode package");
    assertThatThrownBy(() -> IntelMicrocode.split("f", Arrays.copyOf(A1, 60)))
        .hasMessage(
            "Intel microcode file f is not valid at offset 0: total size 64 but 60 bytes left;"
                + " check the intel-microcode package");
    assertThatThrownBy(() -> IntelMicrocode.split("f", concat(A1, new byte[8])))
        .hasMessage(
            "Intel microcode file f is not valid at offset 64: 8 bytes left, less than a header;"
                + " check the intel-microcode package");
    assertThatThrownBy(() -> IntelMicrocode.split("f", new byte[0]))
        .hasMessage(
            "Intel microcode file f is not valid at offset 0: the file is empty; check the"
                + " intel-microcode package");
    byte[] badSizes = A1.clone();
    badSizes[28] = 100; // data size 100 > total size 64 - 48
    assertThatThrownBy(() -> IntelMicrocode.split("f", badSizes))
        .hasMessage(
            "Intel microcode file f is not valid at offset 0: data size 100 and total size 64"
                + " clash; check the intel-microcode package");
    byte[] badExt = concat(A1, new byte[8]);
    badExt[32] = 72; // total size 72 leaves 8 bytes for an extended table
    assertThatThrownBy(() -> IntelMicrocode.split("f", badExt))
        .hasMessage(
            "Intel microcode file f is not valid at offset 0: extended signature table of 8 bytes;"
                + " check the intel-microcode package");
  }

  @Test
  void sameRevisionWithOtherContentIsABrokenPackage() {
    byte[] other = IntelUpdates.update(0x906ea, 0x22, 0xf0, 5);
    assertThatThrownBy(() -> IntelMicrocode.bundle(List.of(file("a", A1), file("b", other))))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "Intel microcode for signature 0x000906ea, flags 0x22, revision 0xf0 comes with two"
                + " different contents, in a and b; the package is broken, use another version");
  }
}
