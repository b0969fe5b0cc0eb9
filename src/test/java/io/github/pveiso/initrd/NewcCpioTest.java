package io.github.pveiso.initrd;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.VerificationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewcCpioTest {

  static final long MTIME = 1_700_000_000L; // 0x6553F100

  @TempDir Path tmp;

  static CpioArchive small() {
    return NewcCpio.write(
        List.of(
            NewcCpio.Member.file("a/b", "hi\n".getBytes(UTF_8)), NewcCpio.Member.directory("a")),
        MTIME);
  }

  @Test
  void writesTheExactNewcBytes() {
    // Field by field: magic, ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor,
    // rdevmajor, rdevminor, namesize, check; then name, NUL, padding, data, padding.
    String expected =
        "070701"
            + "00000000"
            + "000041ED"
            + "00000000"
            + "00000000"
            + "00000002"
            + "6553F100"
            + "00000000"
            + "00000000"
            + "00000000"
            + "00000000"
            + "00000000"
            + "00000002"
            + "00000000"
            + "a\0"
            + "070701"
            + "00000001"
            + "000081A4"
            + "00000000"
            + "00000000"
            + "00000001"
            + "6553F100"
            + "00000003"
            + "00000000"
            + "00000000"
            + "00000000"
            + "00000000"
            + "00000004"
            + "00000000"
            + "a/b\0\0\0"
            + "hi\n\0"
            + "070701"
            + "00000000"
            + "00000000"
            + "00000000"
            + "00000000"
            + "00000001"
            + "00000000"
            + "00000000"
            + "00000000"
            + "00000000"
            + "00000000"
            + "00000000"
            + "0000000B"
            + "00000000"
            + "TRAILER!!!\0\0\0\0";
    assertThat(new String(small().record(), US_ASCII)).isEqualTo(expected);
    assertThat(small().record()).hasSize(112 + 116 + 4 + 124);
  }

  @Test
  void equalsWhatGnuCpioWritesReproducibly() throws IOException {
    Path root = tmp.resolve("tree");
    Files.createDirectories(root.resolve("kernel/x86/microcode"));
    Files.write(root.resolve("kernel/x86/microcode/GenuineIntel.bin"), new byte[] {1, 2, 3, 4, 5});
    Files.write(root.resolve("kernel/x86/microcode/AuthenticAMD.bin"), "DMA\0xyz".getBytes(UTF_8));
    for (String path :
        List.of(
            "kernel",
            "kernel/x86",
            "kernel/x86/microcode",
            "kernel/x86/microcode/GenuineIntel.bin",
            "kernel/x86/microcode/AuthenticAMD.bin")) {
      Path p = root.resolve(path);
      Files.setPosixFilePermissions(
          p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
      Files.setLastModifiedTime(p, FileTime.fromMillis(MTIME * 1000));
    }
    byte[] gnu = GnuCpio.create(root, "kernel", tmp);

    byte[] ours =
        NewcCpio.write(
                List.of(
                    NewcCpio.Member.directory("kernel"),
                    NewcCpio.Member.directory("kernel/x86"),
                    NewcCpio.Member.directory("kernel/x86/microcode"),
                    NewcCpio.Member.file(
                        "kernel/x86/microcode/GenuineIntel.bin", new byte[] {1, 2, 3, 4, 5}),
                    NewcCpio.Member.file(
                        "kernel/x86/microcode/AuthenticAMD.bin", "DMA\0xyz".getBytes(UTF_8))),
                MTIME)
            .record();

    // GNU cpio pads its output with zeros to a multiple of 512 bytes; the archive itself is equal.
    assertThat(gnu).hasSize(1024);
    assertThat(Arrays.copyOf(gnu, ours.length)).isEqualTo(ours);
    assertThat(Arrays.copyOfRange(gnu, ours.length, gnu.length)).containsOnly(0);
  }

  @Test
  void gnuCpioListsAndExtractsOurArchive() throws IOException {
    Path archive = tmp.resolve("ours.cpio");
    Files.write(archive, small().record());

    assertThat(GnuCpio.listVerbose(archive))
        .containsExactly(
            "drwxr-xr-x 2 root root 0 Nov 14 2023 a", "-rw-r--r-- 1 root root 3 Nov 14 2023 a/b");
    GnuCpio.extract(archive, tmp.resolve("out"));
    assertThat(tmp.resolve("out/a/b")).hasContent("hi");
  }

  @Test
  void readsAGnuCpioArchiveAndWritesItBackByteForByte() throws IOException {
    Path root = tmp.resolve("tree");
    Files.createDirectories(root.resolve("d/e"));
    Files.writeString(root.resolve("d/e/odd-name-length.txt"), "12345");
    Files.writeString(root.resolve("d/x"), "");
    byte[] gnu = GnuCpio.create(root, ".", tmp);

    ByteArrayInputStream in = new ByteArrayInputStream(gnu);
    CpioArchive archive = NewcCpio.read(in);

    assertThat(archive.names()).containsExactly(".", "d", "d/e", "d/e/odd-name-length.txt", "d/x");
    assertThat(archive.members().get(3).data()).asString(UTF_8).isEqualTo("12345");
    assertThat(archive.members().get(3).header().isRegularFile()).isTrue();
    assertThat(archive.members().get(1).header().isDirectory()).isTrue();
    byte[] again = archive.record();
    assertThat(again).isEqualTo(Arrays.copyOf(gnu, again.length));
    assertThat(in.readAllBytes()).hasSize(gnu.length - again.length).containsOnly(0);
  }

  @Test
  void readsTheCrcVariantAndKeepsItsChecksum() throws IOException {
    NewcHeader header =
        new NewcHeader(NewcHeader.MAGIC_CRC, 7, 0100644, 0, 0, 1, 0, 2, 0, 0, 0, 0, 0x131, "f");
    byte[] bytes =
        new CpioArchive(List.of(new CpioEntry(header, "ab".getBytes(UTF_8)), NewcCpio.trailer()))
            .record();

    CpioArchive read = NewcCpio.read(new ByteArrayInputStream(bytes));

    assertThat(read.members().get(0).header()).isEqualTo(header);
    assertThat(read.record()).isEqualTo(bytes);
  }

  @Test
  void lowercaseHexIsReadToo() throws IOException {
    byte[] bytes = small().record();
    String text = new String(bytes, US_ASCII).replace("000041ED", "000041ed");

    CpioArchive read = NewcCpio.read(new ByteArrayInputStream(text.getBytes(US_ASCII)));

    assertThat(read.members().get(0).header().mode()).isEqualTo(040755);
  }

  @Test
  void brokenArchivesAreVerificationErrors() {
    byte[] good = small().record();
    assertThatThrownBy(() -> NewcCpio.read(new ByteArrayInputStream(Arrays.copyOf(good, 300))))
        .isInstanceOf(VerificationException.class)
        .hasMessage("newc cpio archive ends early at offset 300: wanted 110 more bytes");
    assertThatThrownBy(() -> NewcCpio.read(new ByteArrayInputStream(Arrays.copyOf(good, 232))))
        .isInstanceOf(VerificationException.class)
        .hasMessage("newc cpio archive ends at offset 232 without TRAILER!!!");
    byte[] badMagic = good.clone();
    badMagic[5] = '7';
    assertThatThrownBy(() -> NewcCpio.read(new ByteArrayInputStream(badMagic)))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "no newc cpio header at offset 0: magic is 303730373037, expected 070701 or 070702");
    byte[] badHex = good.clone();
    badHex[6] = 'G';
    assertThatThrownBy(() -> NewcCpio.read(new ByteArrayInputStream(badHex)))
        .isInstanceOf(VerificationException.class)
        .hasMessage("newc cpio header at offset 0 has a field that is not hex: G0000000");
    byte[] noNul = good.clone();
    noNul[111] = 'x';
    assertThatThrownBy(() -> NewcCpio.read(new ByteArrayInputStream(noNul)))
        .isInstanceOf(VerificationException.class)
        .hasMessage("newc cpio entry at offset 0 has a name that does not end with NUL");
    byte[] hugeName =
        new String(good, US_ASCII)
            .replaceFirst("00000002000000", "00FFFFFF000000")
            .getBytes(US_ASCII);
    assertThatThrownBy(() -> NewcCpio.read(new ByteArrayInputStream(hugeName)))
        .isInstanceOf(VerificationException.class)
        .hasMessage("newc cpio entry at offset 0 has a name size of 16777215");
  }

  @Test
  void membersAndEntriesAreChecked() {
    assertThatThrownBy(() -> NewcCpio.Member.file("/abs", new byte[0]))
        .hasMessage("cpio member name must be relative: /abs");
    assertThatThrownBy(() -> NewcCpio.Member.file("a/../b", new byte[0]))
        .hasMessage("cpio member name has an empty or dot part: a/../b");
    assertThatThrownBy(() -> new NewcCpio.Member("d", 040755, new byte[1]))
        .hasMessage("cpio directory holds data: d");
    assertThatThrownBy(() -> new NewcCpio.Member("s", 0120777, new byte[1]))
        .hasMessage("cpio member mode must be 0100644, 0100755 or 040755, not 0120777: s");
    assertThatThrownBy(
            () ->
                NewcCpio.write(
                    List.of(NewcCpio.Member.directory("a"), NewcCpio.Member.directory("a")), 0))
        .hasMessage("cpio member listed twice: a");
    assertThatThrownBy(() -> new CpioArchive(List.of()))
        .hasMessage("a cpio archive must end with TRAILER!!!");
    assertThatThrownBy(() -> new CpioArchive(List.of(NewcCpio.trailer(), NewcCpio.trailer())))
        .hasMessage("a cpio archive holds TRAILER!!! before its end, at entry 0");
    NewcHeader header = small().members().get(1).header();
    assertThatThrownBy(() -> new CpioEntry(header, new byte[2]))
        .hasMessage("cpio entry a/b says 3 bytes but holds 2");
    assertThatThrownBy(() -> new NewcHeader("070707", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "x"))
        .hasMessage("newc magic must be 070701 or 070702, not 070707");
    assertThatThrownBy(
            () -> new NewcHeader("070701", 0x1_0000_0000L, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "x"))
        .hasMessage("newc header field out of range 0..0xFFFFFFFF: 4294967296 in entry x");
    assertThatThrownBy(() -> new NewcHeader("070701", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ""))
        .hasMessage("newc entry name is empty or holds a NUL: ");
  }

  @Test
  void entriesAreValuesWithDefensiveCopies() {
    CpioEntry a = small().members().get(1);
    CpioEntry b = new CpioEntry(a.header(), "hi\n".getBytes(UTF_8));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).hasToString("CpioEntry[a/b, 3 bytes]");
    a.data()[0] = 'X';
    assertThat(a.data()).asString(UTF_8).isEqualTo("hi\n");
    NewcCpio.Member m = NewcCpio.Member.file("f", new byte[] {1});
    assertThat(m)
        .isEqualTo(NewcCpio.Member.file("f", new byte[] {1}))
        .hasSameHashCodeAs(NewcCpio.Member.file("f", new byte[] {1}))
        .hasToString("file f (1 bytes)");
    assertThat(NewcCpio.Member.directory("d")).hasToString("directory d (0 bytes)");
    assertThat(NewcCpio.Member.executable("x", new byte[0]).mode()).isEqualTo(0100755);
  }

  /** Something that writes itself to a stream ({@code writeTo}). */
  interface Writes {
    void writeTo(java.io.OutputStream out) throws IOException;
  }

  /** What {@code writes} writes. */
  static byte[] written(Writes writes) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    writes.writeTo(out);
    return out.toByteArray();
  }

  @Test
  void anArchiveIsWrittenToAStreamAsItsRecordWithoutMakingIt() throws IOException {
    CpioArchive archive = small();
    byte[] record = archive.record();
    assertThat(written(archive::writeTo)).isEqualTo(record);
    assertThat(archive.size()).isEqualTo(record.length);
    CpioEntry file = archive.members().get(1);
    assertThat(written(file::writeTo)).isEqualTo(file.record());
    assertThat(file.recordLength()).isEqualTo(file.record().length);
    assertThat(file.dataEquals("hi\n".getBytes(UTF_8))).isTrue();
    assertThat(file.dataEquals("hi".getBytes(UTF_8))).isFalse();
    assertThat(file.dataDigest()).isEqualTo(io.github.pveiso.Sha256Digest.of(file.data()));
  }

  @Test
  void sortsNamesByBytesLikeLcAllC() {
    CpioArchive archive =
        NewcCpio.write(
            List.of(
                NewcCpio.Member.file("b", new byte[0]),
                NewcCpio.Member.file("B", new byte[0]),
                NewcCpio.Member.file("a.x", new byte[0]),
                NewcCpio.Member.file("a-x", new byte[0]),
                NewcCpio.Member.file("é", new byte[0])),
            0);
    assertThat(archive.names()).containsExactly("B", "a-x", "a.x", "b", "é");
  }
}
