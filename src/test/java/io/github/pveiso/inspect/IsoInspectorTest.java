package io.github.pveiso.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pveiso.iso.BootFixtures;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.Xorriso;
import io.github.pveiso.proc.SystemProcessRunner;
import io.github.pveiso.proxmox.BaseSystemReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsoInspectorTest {
  @TempDir Path dir;

  @Test
  void inspectsAProxmoxLikeHybridIso() throws Exception {
    Path iso = BootFixtures.grubAmd64(dir);
    IsoInspection inspection =
        IsoInspector.inspect(iso, new BaseSystemReader(new SystemProcessRunner(), dir));
    assertThat(inspection.volumeId()).isEqualTo("PVE");
    assertThat(inspection.names()).isEqualTo("ROCK_RIDGE");
    assertThat(inspection.notes()).isEmpty();
    assertThat(inspection.efiArchitectures()).containsExactly("AMD64");
    assertThat(inspection.bootImages())
        .extracting(IsoInspection.BootImageInfo::path)
        .containsExactly("/boot/grub/i386-pc/eltorito.img", "/efi.img");
    try (IsoImage image = IsoImage.open(iso)) {
      assertThat(inspection.bootImages().get(1).sha256())
          .isEqualTo(image.sha256(image.find("/efi.img").orElseThrow()));
    }
    assertThat(java.util.Objects.requireNonNull(inspection.gpt()).partitions())
        .extracting(IsoInspection.GptPartitionInfo::path)
        .containsExactly(null, "/efi.img", null, null);
    assertThat(inspection.product().isProxmox()).isTrue();

    JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(inspection));
    assertThat(json.get("volumeDateUuid").asText()).isEqualTo(inspection.volumeDateUuid());
    assertThat(json.at("/bootLayout/hfsPlus").asBoolean()).isTrue();
    assertThat(json.at("/product/cdInfo/RELEASE").asText()).isEqualTo("9.1");
    assertThat(json.at("/bootImages/1/platform").asText()).isEqualTo("UEFI");
  }

  @Test
  void aPlainIsoHasNoBootRecords() {
    Path src = BootFixtures.proxmoxTree(dir.resolve("plain"));
    Path iso = Xorriso.mkisofs(dir.resolve("plain.iso"), src, "-R", "-V", "DATA");
    IsoInspection inspection =
        IsoInspector.inspect(iso, new BaseSystemReader(new SystemProcessRunner(), dir));
    assertThat(inspection.notes()).isEqualTo(List.of("no boot records"));
    assertThat(inspection.mbr()).isNull();
    assertThat(inspection.gpt()).isNull();
    assertThat(inspection.bootImages()).isEmpty();
  }
}
