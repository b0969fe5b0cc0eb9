package io.github.pveiso.iso.iso9660;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.VerificationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hermetic tests of single ISO 9660 records built by hand. */
class RecordsTest {

  @Test
  void volumeDateGivesGrubsUuidAndItsInstant() {
    byte[] b = new byte[17];
    new VolumeDate("2025020304050607", 4).write(b, 0);
    VolumeDate date = VolumeDate.parse(b, 0);
    assertThat(date.grubUuid()).isEqualTo("2025-02-03-04-05-06-07");
    assertThat(date.toInstant()).contains(Instant.parse("2025-02-03T03:05:06.070Z"));
    assertThat(date.isSet()).isTrue();
    assertThat(date.record()).isEqualTo(b);
    assertThat(new VolumeDate("0000000000000000", 0).isSet()).isFalse();
    assertThat(new VolumeDate("0000000000000000", 0).toInstant()).isEmpty();
    assertThat(new VolumeDate("2025139904050607", 0).toInstant()).isEmpty();
  }

  @Test
  void recordingDateWithAnInvalidMonthHasNoInstant() {
    assertThat(new RecordingDate(125, 13, 1, 0, 0, 0, 0).toInstant()).isEmpty();
    assertThat(new RecordingDate(125, 1, 2, 3, 4, 5, -8).toInstant())
        .contains(Instant.parse("2025-01-02T05:04:05Z"));
  }

  @Test
  void bootRecordRoundTrips() {
    byte[] b = new byte[2048];
    b[0] = 0;
    System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, b, 1, 5);
    b[6] = 1;
    byte[] id =
        String.format("%-32s", "EL TORITO SPECIFICATION").getBytes(StandardCharsets.US_ASCII);
    id[23] = 0;
    System.arraycopy(id, 0, b, 7, 32);
    b[71] = 33;
    VolumeDescriptor d = VolumeDescriptor.parse(b);
    assertThat(d).isInstanceOf(BootRecordDescriptor.class);
    BootRecordDescriptor boot = (BootRecordDescriptor) d;
    assertThat(boot.isElTorito()).isTrue();
    assertThat(boot.catalogLba()).isEqualTo(33);
    assertThat(boot.record()).isEqualTo(b);
    b[0] = 3;
    assertThat(VolumeDescriptor.parse(b)).isInstanceOf(VolumeDescriptor.Other.class);
    assertThat(VolumeDescriptor.parse(b).record()).isEqualTo(b);
  }

  @Test
  void aDescriptorWithoutItsIdentifierIsRefused() {
    assertThatThrownBy(() -> VolumeDescriptor.parse(new byte[2048]))
        .isInstanceOf(VerificationException.class)
        .hasMessage("volume descriptor does not carry the identifier CD001");
  }

  @Test
  void directoryRecordWithABadLengthIsRefused() {
    byte[] b = new byte[40];
    b[0] = 20;
    assertThatThrownBy(() -> DirectoryRecord.parse(b, 0))
        .isInstanceOf(VerificationException.class)
        .hasMessage("directory record at offset 0 has an invalid length 20");
    b[0] = 34;
    b[32] = 5;
    assertThatThrownBy(() -> DirectoryRecord.parse(b, 0))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "directory record at offset 0 has identifier length 5 beyond its record length 34");
  }

  private static SuspEntry sl(int flags, byte[] components) {
    byte[] data = new byte[1 + components.length];
    data[0] = (byte) flags;
    System.arraycopy(components, 0, data, 1, components.length);
    return new SuspEntry("SL", 1, data);
  }

  private static byte[] comp(int flags, String text) {
    byte[] t = text.getBytes(StandardCharsets.UTF_8);
    byte[] c = new byte[2 + t.length];
    c[0] = (byte) flags;
    c[1] = (byte) t.length;
    System.arraycopy(t, 0, c, 2, t.length);
    return c;
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @Test
  void symlinkComponentsJoinIntoATarget() {
    RockRidge abs =
        RockRidge.of(List.of(sl(0, concat(comp(8, ""), comp(0, "usr"), comp(0, "lib")))));
    assertThat(abs.symlinkTarget()).contains("/usr/lib");
    RockRidge rel =
        RockRidge.of(List.of(sl(1, concat(comp(4, ""), comp(1, "lo"))), sl(0, comp(0, "ng"))));
    assertThat(rel.symlinkTarget()).contains("../long");
  }

  @Test
  void longFormTimestampsAndRelocationEntries() {
    byte[] tf = new byte[1 + 17 * 2];
    tf[0] = (byte) (0x80 | 0x01 | 0x02);
    new VolumeDate("2024010203040500", 0).write(tf, 1);
    new VolumeDate("2025010203040500", 0).write(tf, 18);
    byte[] cl = new byte[8];
    cl[0] = 42;
    RockRidge rr =
        RockRidge.of(
            List.of(
                new SuspEntry("TF", 1, tf),
                new SuspEntry("CL", 1, cl),
                new SuspEntry("RE", 1, new byte[0]),
                new SuspEntry("NM", 1, new byte[] {2})));
    assertThat(rr.modified()).contains(Instant.parse("2025-01-02T03:04:05Z"));
    assertThat(rr.childLink()).isEqualTo(42);
    assertThat(rr.relocated()).isTrue();
    assertThat(rr.name()).contains("");
    assertThat(rr.isSymlink()).isFalse();
  }

  @Test
  void suspEntryRunningPastItsAreaIsRefused() {
    byte[] area = {'N', 'M', 40, 1, 0};
    assertThatThrownBy(() -> SuspEntry.parseAll(area, 0))
        .isInstanceOf(VerificationException.class)
        .hasMessage("SUSP entry 'NM' at offset 0 has length 40 beyond its area of 5 bytes");
    byte[] st = {'S', 'T', 4, 1, 'N', 'M', 5, 1, 0};
    assertThat(SuspEntry.parseAll(st, 0)).isEmpty();
  }
}
