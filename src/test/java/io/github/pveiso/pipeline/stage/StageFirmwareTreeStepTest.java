package io.github.pveiso.pipeline.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.debian.DebWriter.Item;
import io.github.pveiso.pipeline.plan.DebContents;
import io.github.pveiso.pipeline.plan.DebContentsReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageFirmwareTreeStepTest {

  @TempDir Path dir;

  byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void firmwareFromBothLayoutsWithLinksAndAnIndex() throws IOException {
    Path a =
        TestDebs.deb(
            dir,
            "firmware-a",
            "1.0",
            Map.of(),
            List.of(
                Item.file("lib/firmware/a/one.bin", 0644, b("one")),
                Item.symlink("lib/firmware/a/link.bin", "/lib/firmware/a/one.bin"),
                Item.symlink("lib/firmware/rel.bin", "a/one.bin"),
                Item.file("usr/share/doc/firmware-a/copyright", 0644, b("c"))));
    Path c =
        TestDebs.deb(
            dir,
            "firmware-c",
            "2.0",
            Map.of(),
            List.of(
                Item.file("usr/lib/firmware/c/two.bin", 0644, b("two")),
                Item.file("usr/lib/firmware/a/one.bin", 0644, b("different"))));
    Path root = dir.resolve("stage/firmware");
    FirmwareFolder tree =
        new StageFirmwareTreeStep(root)
            .call(
                List.of(
                    new StageFirmwareTreeStep.Source(
                        "firmware-a", "1.0", a, Sha256Digest.ofFile(a)),
                    new StageFirmwareTreeStep.Source(
                        "firmware-c", "2.0", c, Sha256Digest.ofFile(c))));

    assertThat(tree.files())
        .extracting(FirmwareFolder.Entry::path)
        .containsExactly("a/link.bin", "a/one.bin", "c/two.bin", "rel.bin");
    assertThat(Files.readSymbolicLink(root.resolve("a/link.bin"))).isEqualTo(Path.of("one.bin"));
    assertThat(Files.readSymbolicLink(root.resolve("rel.bin"))).isEqualTo(Path.of("a/one.bin"));
    assertThat(Files.readString(root.resolve("a/one.bin"))).isEqualTo("one");
    assertThat(Files.readString(root.resolve("c/two.bin"))).isEqualTo("two");
    assertThat(Files.exists(root.resolve("usr"))).isFalse();
    assertThat(tree.files().get(1))
        .isEqualTo(
            new FirmwareFolder.Entry(
                "a/one.bin",
                "",
                "7692c3ad3540bb803c020b3aee66cd8887123234ea0c6e7143c0add73ff431ed",
                3,
                "firmware-a",
                "1.0"));
    assertThat(tree.warnings())
        .containsExactly(
            "/firmware/a/one.bin: firmware-c ships other content than firmware-a; keeping firmware-a's");
    assertThat(Files.readString(root.resolve("Contents-firmware")))
        .isEqualTo(
            String.join(
                "\n",
                "# pveiso: firmware files on this ISO and the Debian package each came from.",
                "# The Proxmox installer does not read this folder.",
                "a/link.bin firmware-a 1.0",
                "a/one.bin firmware-a 1.0",
                "c/two.bin firmware-c 2.0",
                "rel.bin firmware-a 1.0",
                ""));
    try (var files = Files.list(root.resolve("a"))) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted())
          .containsExactly("link.bin", "one.bin");
    }
  }

  @Test
  void contentsReaderFindsFirmwareMicrocodeAndDkms() throws IOException {
    Path ucode =
        TestDebs.deb(
            dir,
            "intel-microcode",
            "3.2025",
            Map.of("Depends", "iucode-tool"),
            List.of(
                Item.file("lib/firmware/intel-ucode/06-55-04", 0644, b("u1")),
                Item.file("lib/firmware/intel-ucode/06-8f-08", 0644, b("u2"))));
    assertThat(new DebContentsReader().read("intel-microcode", ucode))
        .isEqualTo(
            new DebContents(
                List.of("intel-ucode/06-55-04", "intel-ucode/06-8f-08"),
                List.of("intel-ucode/06-55-04", "intel-ucode/06-8f-08"),
                List.of(),
                false));
    Path dkms =
        TestDebs.deb(
            dir,
            "nvidia-kernel-dkms",
            "535",
            Map.of("Depends", "dkms (>= 1.95)"),
            List.of(Item.file("usr/src/nvidia-535/dkms.conf", 0644, b("x"))));
    assertThat(new DebContentsReader().read("dkms", dkms).needsDkms()).isTrue();
  }
}
