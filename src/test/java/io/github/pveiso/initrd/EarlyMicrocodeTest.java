package io.github.pveiso.initrd;

import static io.github.pveiso.initrd.IntelMicrocodeTest.A1;
import static io.github.pveiso.initrd.IntelMicrocodeTest.A2;
import static io.github.pveiso.initrd.IntelMicrocodeTest.B;
import static io.github.pveiso.initrd.IntelMicrocodeTest.concat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.VerificationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlyMicrocodeTest {

  static final byte[] AMD_1 = "DMA\0first container".getBytes(UTF_8);
  static final byte[] AMD_2 = "DMA\0second".getBytes(UTF_8);

  @TempDir Path tmp;

  static List<MicrocodeFile> packageFiles() {
    return List.of(
        new MicrocodeFile("./usr/share/doc/intel-microcode/changelog.gz", new byte[] {1}),
        new MicrocodeFile("./lib/firmware/intel-ucode/06-9e-0a", concat(A2)),
        new MicrocodeFile("./lib/firmware/intel-ucode/06-55-04", concat(B, A1)),
        new MicrocodeFile("./lib/firmware/intel-ucode/.hidden", new byte[] {9}),
        new MicrocodeFile("./lib/firmware/amd-ucode/microcode_amd_fam17h.bin", AMD_2),
        new MicrocodeFile("./lib/firmware/amd-ucode/microcode_amd.bin", AMD_1),
        new MicrocodeFile("./lib/firmware/amd-ucode/README", new byte[] {7}),
        new MicrocodeFile("./lib/firmware/amd/amd_sev_fam17h_model0xh.sbin", new byte[] {8}));
  }

  static EarlyMicrocode early() {
    return EarlyMicrocode.build(
        packageFiles(),
        List.of("intel-microcode=3.20251111.1~deb12u1", "amd64-microcode=3.20250311.1~deb12u1"),
        1_741_651_200L);
  }

  @Test
  void buildsTheArchiveTheKernelLooksFor() {
    EarlyMicrocode early = early();
    String intelSha = IntelMicrocode.sha256(concat(B, A2));
    String amdSha = IntelMicrocode.sha256(concat(AMD_1, AMD_2));

    assertThat(early.archive().names())
        .containsExactly(
            "kernel",
            "kernel/x86",
            "kernel/x86/microcode",
            "kernel/x86/microcode/.pveiso",
            "kernel/x86/microcode/AuthenticAMD.bin",
            "kernel/x86/microcode/GenuineIntel.align.012345",
            "kernel/x86/microcode/GenuineIntel.bin");
    assertThat(early.archive().members().get(6).data()).isEqualTo(concat(B, A2));
    assertThat(early.archive().dataOffset("kernel/x86/microcode/GenuineIntel.bin")).isEqualTo(1344);
    assertThat(early.archive().members().get(4).data()).isEqualTo(concat(AMD_1, AMD_2));
    assertThat(early.marker())
        .isEqualTo(
            "pveiso-early-microcode 1\n"
                + "source intel-microcode=3.20251111.1~deb12u1\n"
                + "source amd64-microcode=3.20250311.1~deb12u1\n"
                + "kernel/x86/microcode/GenuineIntel.bin "
                + (B.length + A2.length)
                + " sha256:"
                + intelSha
                + "\n"
                + "kernel/x86/microcode/AuthenticAMD.bin "
                + (AMD_1.length + AMD_2.length)
                + " sha256:"
                + amdSha
                + "\n");
    assertThat(early.vendors())
        .containsExactly(
            new EarlyMicrocode.VendorFile(
                Vendor.INTEL,
                "kernel/x86/microcode/GenuineIntel.bin",
                2,
                2,
                0,
                1,
                B.length + A2.length,
                intelSha),
            new EarlyMicrocode.VendorFile(
                Vendor.AMD,
                "kernel/x86/microcode/AuthenticAMD.bin",
                2,
                2,
                0,
                0,
                AMD_1.length + AMD_2.length,
                amdSha));
    assertThat(early.archive().members())
        .allSatisfy(e -> assertThat(e.header().mtime()).isEqualTo(1_741_651_200L));
  }

  @Test
  void itsBytesAreWrittenSizedAndHashedWithoutBeingMade() throws IOException {
    EarlyMicrocode early = early();
    byte[] bytes = early.bytes();
    assertThat(NewcCpioTest.written(early::writeTo)).isEqualTo(bytes);
    assertThat(early.size()).isEqualTo(bytes.length);
    assertThat(early.digest()).isEqualTo(io.github.pveiso.Sha256Digest.of(bytes));
  }

  @Test
  void intelDataStartsAt16ByteBoundariesWhateverComesBefore() {
    for (int amdLength = 4; amdLength < 24; amdLength++) {
      byte[] amd = java.util.Arrays.copyOf(AMD_1, amdLength);
      EarlyMicrocode early =
          EarlyMicrocode.build(
              List.of(
                  new MicrocodeFile("lib/firmware/amd-ucode/a.bin", amd),
                  new MicrocodeFile("lib/firmware/intel-ucode/06-55-04", B)),
              List.of(),
              0);
      long offset = early.archive().dataOffset("kernel/x86/microcode/GenuineIntel.bin");
      assertThat(offset % 16).as("AMD file of %d bytes", amdLength).isZero();
      assertThat(java.util.Arrays.copyOfRange(early.bytes(), (int) offset, (int) offset + B.length))
          .isEqualTo(B);
    }
    assertThatThrownBy(() -> early().archive().dataOffset("nope"))
        .hasMessage("no entry nope in the cpio archive");
  }

  @Test
  void gnuCpioExtractsIt() throws IOException {
    Path archive = tmp.resolve("early.cpio");
    Files.write(archive, early().bytes());
    GnuCpio.extract(archive, tmp.resolve("x"));
    assertThat(tmp.resolve("x/kernel/x86/microcode/GenuineIntel.bin"))
        .hasBinaryContent(concat(B, A2));
    assertThat(tmp.resolve("x/kernel/x86/microcode/AuthenticAMD.bin"))
        .hasBinaryContent(concat(AMD_1, AMD_2));
  }

  @Test
  void oneVendorIsEnough() {
    EarlyMicrocode amdOnly =
        EarlyMicrocode.build(
            List.of(new MicrocodeFile("lib/firmware/amd-ucode/microcode_amd.bin", AMD_1)),
            List.of(),
            0);
    assertThat(amdOnly.archive().names())
        .containsExactly(
            "kernel",
            "kernel/x86",
            "kernel/x86/microcode",
            "kernel/x86/microcode/.pveiso",
            "kernel/x86/microcode/AuthenticAMD.bin");
    assertThat(amdOnly.vendors())
        .extracting(EarlyMicrocode.VendorFile::vendor)
        .containsExactly(Vendor.AMD);
  }

  @Test
  void choosesFilesTheWayTheDebianHooksDo() {
    assertThat(new MicrocodeFile("/usr/lib/firmware/intel-ucode/06-8e-09.initramfs", A1).vendor())
        .contains(Vendor.INTEL);
    assertThat(new MicrocodeFile("lib/firmware/amd-ucode/microcode_amd.bin", A1).vendor())
        .contains(Vendor.AMD);
    assertThat(new MicrocodeFile("lib/firmware/amd-ucode/microcode_amd.bin.asc", A1).vendor())
        .isEqualTo(Optional.empty());
    assertThat(new MicrocodeFile("lib/firmware/intel-ucode/sub/06-8e-09", A1).vendor()).isEmpty();
    assertThat(new MicrocodeFile("lib/firmware/intel-ucode/", A1).vendor()).isEmpty();
    assertThat(new MicrocodeFile("lib/firmware/intel-ucode/06-8e-09", A1).name())
        .isEqualTo("06-8e-09");
    MicrocodeFile f = new MicrocodeFile("a", new byte[] {1});
    assertThat(f)
        .isEqualTo(new MicrocodeFile("a", new byte[] {1}))
        .hasSameHashCodeAs(new MicrocodeFile("a", new byte[] {1}))
        .hasToString("MicrocodeFile[a, 1 bytes]");
    assertThat(Vendor.INTEL.cpuVendorId()).isEqualTo("GenuineIntel");
    assertThat(MicrocodeFile.vendorOf("./lib/firmware/intel-ucode/06-55-04"))
        .contains(Vendor.INTEL);
    assertThat(MicrocodeFile.vendorOf("./lib/firmware/amd/amd_sev_fam17h_model0xh.sbin")).isEmpty();
  }

  @Test
  void noMicrocodeAmongTheFilesIsInvalidInput() {
    assertThatThrownBy(
            () ->
                EarlyMicrocode.build(
                    List.of(new MicrocodeFile("usr/share/doc/x", new byte[0])), List.of(), 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "none of the 1 files given for early microcode is under lib/firmware/intel-ucode/ or"
                + " lib/firmware/amd-ucode/*.bin; pass the files of intel-microcode or"
                + " amd64-microcode");
  }

  @Test
  void anAmdFileWithoutTheContainerMagicIsRejected() {
    assertThatThrownBy(
            () ->
                EarlyMicrocode.build(
                    List.of(new MicrocodeFile("lib/firmware/amd-ucode/x.bin", new byte[] {1, 2})),
                    List.of(),
                    0))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "AMD microcode file lib/firmware/amd-ucode/x.bin does not start with the container"
                + " magic 444d4100 (starts with 0102); check the amd64-microcode package");
  }
}
