package io.github.pveiso.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.VerificationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decompression within {@link DebLimits}, and damaged package data as exit 3 with one real line:
 * crafted control and data members that claim or hold more than a real package would.
 */
class DebArchiveLimitsTest {

  static final long GIB3 = 3L << 30;

  /** Opens the package and reads every data entry through, as the structure check does. */
  static List<String> read(byte[] deb) throws IOException {
    DebArchive archive = DebArchive.open("x.deb", new ByteArrayInputStream(deb));
    List<String> out = new ArrayList<>();
    archive.readData((e, content) -> out.add(e.path() + " " + content.readAllBytes().length));
    return out;
  }

  static String error(byte[] deb) {
    try {
      return "accepted " + read(deb);
    } catch (VerificationException e) {
      return e.getMessage();
    } catch (IOException e) {
      return "io: " + e;
    }
  }

  static byte[] deb(List<CraftedDeb.Member> members) {
    return CraftedDeb.ar(members);
  }

  static CraftedDeb.Member member(String name, byte[] content) {
    return CraftedDeb.Member.of(name, content);
  }

  static byte[] tarOf(CraftedDeb.Entry... entries) {
    return CraftedDeb.tar(List.of(entries));
  }

  static CraftedDeb.Entry control() {
    byte[] c = "Package: x\nVersion: 1\n".getBytes(StandardCharsets.UTF_8);
    return new CraftedDeb.Entry("./control", TarConstants.LF_NORMAL, "", c, c.length);
  }

  static final CraftedDeb.Member BINARY =
      member("debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));

  static byte[] withControl(String suffix, byte[] controlMember) {
    return deb(
        List.of(
            BINARY,
            member("control.tar" + suffix, controlMember),
            member("data.tar.gz", CraftedDeb.compress(".gz", tarOf()))));
  }

  static byte[] withData(String suffix, byte[] dataMember) {
    return deb(
        List.of(
            BINARY,
            member("control.tar.gz", CraftedDeb.compress(".gz", tarOf(control()))),
            member("data.tar" + suffix, dataMember)));
  }

  @Test
  void aControlFileThatClaimsGigabytesIsRefusedBeforeItIsRead() {
    byte[] tar =
        tarOf(new CraftedDeb.Entry("./control", TarConstants.LF_NORMAL, "", new byte[4096], GIB3));
    assertThat(error(withControl(".gz", CraftedDeb.compress(".gz", tar))))
        .isEqualTo(
            "x.deb: control.tar.gz entry './control' is 3221225472 bytes, more than pveiso's"
                + " limit of 16 MiB for a control archive");
  }

  @Test
  void aControlArchiveThatHoldsMoreThanItsLimitStopsAtTheLimit() {
    byte[] six = new byte[6 << 20];
    byte[] tar =
        tarOf(
            control(),
            new CraftedDeb.Entry("./a", TarConstants.LF_NORMAL, "", six, six.length),
            new CraftedDeb.Entry("./b", TarConstants.LF_NORMAL, "", six, six.length),
            new CraftedDeb.Entry("./c", TarConstants.LF_NORMAL, "", six, six.length));
    assertThat(error(withControl(".gz", CraftedDeb.compress(".gz", tar))))
        .isEqualTo(
            "x.deb: control.tar.gz holds more than 16 MiB uncompressed, pveiso's limit for it");
  }

  @Test
  void aLongNameOrPaxHeaderOfGigabytesIsRefusedAfterOneMebibyte() {
    byte[] two = new byte[2 << 20];
    Arrays.fill(two, (byte) 'a');
    byte[] longName = tarOf(new CraftedDeb.Entry("././@LongLink", (byte) 'L', "", two, GIB3));
    assertThat(error(withData(".gz", CraftedDeb.compress(".gz", longName))))
        .isEqualTo(
            "x.deb: data.tar.gz has more than 1 MiB of tar headers (long names, PAX records) for"
                + " entry 1; pveiso reads no more");
    String path = "path=" + "a".repeat(2 << 20) + "\n";
    int length = path.length() + 8; // seven digits and a space
    byte[] record = (length + " " + path).getBytes(StandardCharsets.UTF_8);
    assertThat(record).hasSize(length);
    byte[] pax =
        tarOf(
            new CraftedDeb.Entry("./PaxHeaders/x", (byte) 'x', "", record, record.length),
            new CraftedDeb.Entry("./x", TarConstants.LF_NORMAL, "", new byte[1], 1));
    assertThat(error(withData(".gz", CraftedDeb.compress(".gz", pax))))
        .isEqualTo(
            "x.deb: data.tar.gz has more than 1 MiB of tar headers (long names, PAX records) for"
                + " entry 1; pveiso reads no more");
  }

  @Test
  void anXzHeaderAskingForAHugeDictionaryIsRefusedBeforeAnythingIsAllocated() {
    byte[] data = CraftedDeb.xzAskingForDictionary(tarOf(), 37);
    assertThat(error(withData(".xz", data)))
        .isEqualTo(
            "x.deb: data.tar.xz asks the xz decoder for 1537 MiB of memory, more than pveiso's"
                + " limit of 128 MiB (dpkg-deb's strongest setting needs 65 MiB)");
    // the largest dictionary dpkg-deb's presets use (64 MiB, xz -9) is read as usual
    byte[] nine = CraftedDeb.xzAskingForDictionary(tarOf(), 28);
    assertThat(error(withData(".xz", nine))).isEqualTo("accepted []");
  }

  @Test
  void aSparseEntryIsRefused() {
    byte[] tar =
        tarOf(new CraftedDeb.Entry("./sparse", TarConstants.LF_GNUTYPE_SPARSE, "", new byte[0], 0));
    assertThat(error(withData(".gz", CraftedDeb.compress(".gz", tar))))
        .isEqualTo(
            "x.deb: data.tar.gz entry './sparse' is a sparse file, which dpkg does not"
                + " unpack");
  }

  // ---- damaged data is exit 3, with a real message ----

  static byte[] flipped(byte[] bytes, int from) {
    byte[] out = bytes.clone();
    for (int i = from; i < out.length - 8; i++) {
      out[i] ^= (byte) 0x5a;
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource({
    ".gz, invalid distance too far back",
    ".xz, XZ Block Header is corrupt",
    ".zst, Data corruption detected"
  })
  void corruptControlOrDataIsAVerificationFailure(String suffix, String reason) {
    byte[] corrupt = flipped(CraftedDeb.compress(suffix, tarOf(control())), 16);
    assertThat(error(withControl(suffix, corrupt)))
        .isEqualTo("x.deb: control.tar" + suffix + " is damaged: " + reason);
    assertThat(error(withData(suffix, corrupt)))
        .isEqualTo("x.deb: data.tar" + suffix + " is damaged: " + reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {".gz", ".xz", ".zst"})
  void aTruncatedControlMemberSaysItEndsEarly(String suffix) {
    byte[] good = CraftedDeb.compress(suffix, tarOf(control()));
    byte[] cut = Arrays.copyOf(good, good.length / 2);
    assertThat(error(withControl(suffix, cut)))
        .isEqualTo("x.deb: control.tar" + suffix + " is damaged: it ends early");
  }

  @Test
  void anAbsurdArMemberSizeIsAVerificationFailure() {
    byte[] tar = CraftedDeb.compress(".gz", tarOf(control()));
    byte[] deb = deb(List.of(BINARY, new CraftedDeb.Member("control.tar.gz", "9999999999", tar)));
    assertThatThrownBy(() -> read(deb))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "x.deb: the file ends inside ar member control.tar.gz, "
                + (9999999999L - tar.length)
                + " of its 9999999999 bytes missing (truncated, or a wrong size in its header)");
  }

  @Test
  void aFailureToReadTheFileItselfStaysAnIoError() {
    byte[] deb = new CraftedDeb("x", "1").file("./a", "a").build();
    InputStream failing =
        new InputStream() {
          int at;

          @Override
          public int read() throws IOException {
            if (at >= deb.length - 20) {
              throw new IOException("disk on fire");
            }
            return deb[at++] & 0xff;
          }
        };
    assertThatThrownBy(
            () ->
                DebArchive.open("x.deb", failing).readData((e, content) -> content.readAllBytes()))
        .isInstanceOf(IOException.class)
        .hasMessage("disk on fire");
  }
}
