package io.github.pveiso.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pveiso.iso.BootFixtures;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.Xorriso;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
  @TempDir static Path dir;
  static String uuid;

  @BeforeAll
  static void makeIso() {
    BootFixtures.grubAmd64(dir);
    try (IsoImage iso = IsoImage.open(dir.resolve("amd64.iso"))) {
      uuid = iso.volumeDateUuid();
    }
  }

  @Test
  void showsTheIsoForAPerson() {
    CliRun run = CliRun.run(dir, Map.of(), "inspect", "amd64.iso");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("volume id      PVE\n")
        .contains("GRUB UUID      " + uuid + " (volume modification date)\n")
        .contains("boot image 1   BIOS none, block ")
        .contains("/boot/grub/i386-pc/eltorito.img\n")
        .contains("EFI            AMD64\n")
        .contains("product        Proxmox VE 9.1-1\n")
        .contains("packages       2 in /proxmox/packages\n")
        .doesNotContain("finding");
  }

  @Test
  void printsJson() throws IOException {
    CliRun run = CliRun.run(dir, Map.of(), "--json", "inspect", "amd64.iso");
    assertThat(run.exitCode()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("command").asText()).isEqualTo("pveiso inspect");
    assertThat(json.at("/result/volumeDateUuid").asText()).isEqualTo(uuid);
    assertThat(json.at("/result/bootLayout/uefiElTorito").asBoolean()).isTrue();
    assertThat(json.at("/result/product/packages/0/path").asText())
        .isEqualTo("/proxmox/packages/hello_1.0_amd64.deb");
  }

  @Test
  void aPlainIsoSaysItHasNoBootRecords() throws IOException {
    Path src = Files.createDirectories(dir.resolve("plain"));
    Files.writeString(src.resolve("a.txt"), "a\n");
    Xorriso.mkisofs(dir.resolve("plain.iso"), src, "-R", "-V", "DATA");
    CliRun run = CliRun.run(dir, Map.of(), "inspect", "plain.iso");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("El Torito      no boot records\n")
        .contains("note           no boot records\n")
        .contains("product        not a Proxmox installer\n");
  }

  @Test
  void aNonIsoFailsVerification() throws IOException {
    Files.writeString(dir.resolve("x.txt"), "hello");
    CliRun run = CliRun.run(dir, Map.of(), "inspect", "x.txt");
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err())
        .isEqualTo(
            "pveiso: "
                + dir.resolve("x.txt")
                + " is not an ISO 9660 "
                + "image: no volume descriptor 'CD001' at byte 32768; pass an ISO file\n");
  }
}
