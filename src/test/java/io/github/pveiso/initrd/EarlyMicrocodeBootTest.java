package io.github.pveiso.initrd;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import io.github.pveiso.proc.ProcessRunner;
import io.github.pveiso.proc.SystemProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boots a real Debian kernel in QEMU with an initrd that has our early microcode in front: the
 * kernel must unpack both archives and run the test's /init, which lists what the kernel unpacked
 * from the early archive.
 */
@Tag("slow")
class EarlyMicrocodeBootTest {

  static final String INIT =
      """
      #!/bin/busybox sh
      /bin/busybox mkdir -p /proc
      /bin/busybox mount -t proc proc /proc
      echo PVEISO-INIT-OK
      for f in /kernel/x86/microcode/.pveiso /kernel/x86/microcode/*.bin; do
        echo "PVEISO-UCODE $(/bin/busybox basename $f) $(/bin/busybox stat -c %s $f)"
      done
      echo PVEISO-INIT-DONE
      /bin/busybox poweroff -f
      """;

  final ProcessRunner runner = new SystemProcessRunner();

  @TempDir Path tmp;

  /** The test's main initrd: a zstd-compressed newc archive with busybox and /init. */
  static byte[] mainInitrd() throws IOException {
    byte[] busybox = Files.readAllBytes(TestKernel.dir().resolve("bin/busybox"));
    byte[] cpio =
        NewcCpio.write(
                List.of(
                    NewcCpio.Member.directory("bin"),
                    NewcCpio.Member.executable("bin/busybox", busybox),
                    NewcCpio.Member.executable("init", INIT.getBytes(UTF_8))),
                0)
            .record();
    return Zstd.compress(cpio, 19);
  }

  @Test
  void aRealKernelBootsTheInitrdAndUnpacksOurEarlyArchive() throws IOException {
    EarlyMicrocode early =
        EarlyMicrocode.build(
            TestKernel.microcodeFiles(), TestKernel.microcodeSources(), 1_700_000_000L);
    Path original = tmp.resolve("initrd.img");
    Files.write(original, mainInitrd());
    Path modified = tmp.resolve("modified.img");
    PrependResult result = early.prepend(original, modified);
    assertThat(result.action()).isEqualTo(PrependResult.Action.PREPENDED);
    try (InputStream in = Files.newInputStream(modified)) {
      InitrdLayout layout = InitrdLayout.scan(in);
      assertThat(layout.archives()).hasSize(1);
      assertThat(layout.rest()).isEqualTo(Payload.ZSTD);
    }

    ProcessRunner.Result boot =
        runner.run(
            ProcessRunner.Command.of(
                    List.of(
                        "qemu-system-x86_64",
                        "-kernel",
                        TestKernel.vmlinuz().toString(),
                        "-initrd",
                        modified.toString(),
                        "-append",
                        "console=ttyS0 panic=-1",
                        "-nographic",
                        "-no-reboot",
                        "-m",
                        "512"))
                .withTimeout(Duration.ofMinutes(5))
                .withStopWhen(line -> line.contains("PVEISO-INIT-DONE")));
    Files.writeString(tmp.resolve("console.log"), boot.stdout());
    List<String> lines = boot.stdout().lines().map(String::strip).toList();

    assertThat(boot.timedOut()).as("boot timed out; console:\n%s", boot.stdout()).isFalse();
    assertThat(lines).contains("PVEISO-INIT-OK", "PVEISO-INIT-DONE");
    assertThat(lines).noneMatch(l -> l.contains("Initramfs unpacking failed"));
    EarlyMicrocode.VendorFile intel = early.vendors().get(0);
    EarlyMicrocode.VendorFile amd = early.vendors().get(1);
    assertThat(lines.stream().filter(l -> l.startsWith("PVEISO-UCODE ")))
        .containsExactly(
            "PVEISO-UCODE .pveiso " + early.marker().getBytes(UTF_8).length,
            "PVEISO-UCODE AuthenticAMD.bin " + amd.size(),
            "PVEISO-UCODE GenuineIntel.bin " + intel.size());
    // What the kernel said about microcode depends on QEMU's CPU model: logged, not asserted.
    System.err.println(
        "EarlyMicrocodeBootTest: boot took "
            + boot.elapsed().toMillis()
            + " ms; kernel microcode lines: "
            + lines.stream()
                .filter(
                    l ->
                        l.toLowerCase(java.util.Locale.ROOT).contains("microcode")
                            && !l.startsWith("PVEISO"))
                .toList());
  }
}
