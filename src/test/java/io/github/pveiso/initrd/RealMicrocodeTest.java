package io.github.pveiso.initrd;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import io.github.pveiso.proc.ProcessRunner;
import io.github.pveiso.proc.SystemProcessRunner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the real intel-microcode and amd64-microcode packages and Debian's iucode_tool. */
@Tag("slow")
class RealMicrocodeTest {

  final ProcessRunner runner = new SystemProcessRunner();

  @TempDir Path tmp;

  /** What {@code iucode_tool --write-earlyfw} (Debian's intel-microcode hook) writes. */
  CpioArchive iucodeToolEarlyArchive() throws IOException {
    Path out = tmp.resolve("iucode.cpio");
    Path dir = TestKernel.dir();
    runner.runChecked(
        List.of(
            dir.resolve("usr/sbin/iucode_tool").toString(),
            "-q",
            "--write-earlyfw=" + out,
            "--overwrite",
            dir.resolve("lib/firmware/intel-ucode").toString()));
    return NewcCpio.read(new ByteArrayInputStream(Files.readAllBytes(out)));
  }

  static List<String> updateDigests(byte[] bundle) {
    return IntelMicrocode.split("bundle", bundle).stream()
        .map(u -> IntelMicrocode.sha256(u.bytes()))
        .sorted()
        .toList();
  }

  @Test
  void intelFileHoldsTheSameUpdatesAsIucodeTool() throws IOException {
    EarlyMicrocode early =
        EarlyMicrocode.build(TestKernel.microcodeFiles(), TestKernel.microcodeSources(), 0);
    CpioArchive reference = iucodeToolEarlyArchive();
    CpioEntry theirs =
        reference.members().stream()
            .filter(e -> e.name().equals("kernel/x86/microcode/GenuineIntel.bin"))
            .findFirst()
            .orElseThrow();
    CpioEntry ours =
        early.archive().members().stream()
            .filter(e -> e.name().equals("kernel/x86/microcode/GenuineIntel.bin"))
            .findFirst()
            .orElseThrow();

    // Same updates, each once; iucode_tool orders them by signature, we by file name.
    assertThat(ours.data()).hasSameSizeAs(theirs.data());
    assertThat(updateDigests(ours.data())).isEqualTo(updateDigests(theirs.data()));
    EarlyMicrocode.VendorFile intel = early.vendors().get(0);
    assertThat(intel.updates() + intel.droppedDuplicates() + intel.droppedOutdated())
        .as("every update of every file is kept or accounted for")
        .isEqualTo(
            TestKernel.microcodeFiles().stream()
                .filter(f -> f.vendor().orElse(null) == Vendor.INTEL)
                .mapToInt(f -> IntelMicrocode.split(f.name(), f.data()).size())
                .sum());
  }

  @Test
  void amdFileIsTheHooksConcatenation() throws IOException {
    EarlyMicrocode early = EarlyMicrocode.build(TestKernel.microcodeFiles(), List.of(), 0);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    try (var files = Files.list(TestKernel.dir().resolve("lib/firmware/amd-ucode"))) {
      for (Path p : files.filter(p -> p.toString().endsWith(".bin")).sorted().toList()) {
        expected.writeBytes(Files.readAllBytes(p));
      }
    }
    assertThat(early.archive().members())
        .filteredOn(e -> e.name().equals("kernel/x86/microcode/AuthenticAMD.bin"))
        .singleElement()
        .satisfies(e -> assertThat(e.data()).isEqualTo(expected.toByteArray()));
  }

  @Test
  void replacesIucodeToolsEarlyArchive() throws IOException {
    EarlyMicrocode early =
        EarlyMicrocode.build(TestKernel.microcodeFiles(), TestKernel.microcodeSources(), 0);
    byte[] theirs = iucodeToolEarlyArchive().record();
    byte[] main =
        Zstd.compress(NewcCpio.write(List.of(NewcCpio.Member.directory("etc")), 0).record());
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.writeBytes(theirs);
    in.writeBytes(main);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrependResult result = early.prepend(new ByteArrayInputStream(in.toByteArray()), out);

    assertThat(result.action()).isEqualTo(PrependResult.Action.REPLACED_FOREIGN);
    assertThat(result.replaced().get(0).names())
        .containsExactly(
            "kernel",
            "kernel/x86",
            "kernel/x86/microcode",
            "kernel/x86/microcode/.enuineIntel.align.0123456789abc",
            "kernel/x86/microcode/GenuineIntel.bin");
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes(early.bytes());
    expected.writeBytes(main);
    assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
  }

  @Test
  void readsTheMicrocodeStraightFromTheDebs() throws IOException {
    List<MicrocodeFile> files = new java.util.ArrayList<>();
    List<String> sources = new java.util.ArrayList<>();
    for (String prefix : List.of("amd64-microcode_", "intel-microcode_")) {
      try (var debs = Files.list(TestKernel.dir().resolve("debs"))) {
        Path deb =
            debs.filter(p -> p.getFileName().toString().startsWith(prefix))
                .findFirst()
                .orElseThrow();
        try (var in = Files.newInputStream(deb)) {
          io.github.pveiso.debian.DebArchive archive =
              io.github.pveiso.debian.DebArchive.open(deb.getFileName().toString(), in);
          sources.add(MicrocodePackages.source(archive));
          files.addAll(MicrocodePackages.files(archive));
        }
      }
    }

    EarlyMicrocode fromDebs = EarlyMicrocode.build(files, sources, 0);
    EarlyMicrocode fromFolder =
        EarlyMicrocode.build(TestKernel.microcodeFiles(), TestKernel.microcodeSources(), 0);

    assertThat(sources).isEqualTo(TestKernel.microcodeSources());
    assertThat(fromDebs.bytes()).isEqualTo(fromFolder.bytes());
  }
}
