package io.github.pveiso.iso;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.iso.boot.ApmEntry;
import io.github.pveiso.iso.boot.ApplePartitionMap;
import io.github.pveiso.iso.boot.ElToritoCatalog;
import io.github.pveiso.iso.boot.Gpt;
import io.github.pveiso.iso.boot.GptEntry;
import io.github.pveiso.iso.boot.Mbr;
import io.github.pveiso.iso.boot.MbrPartition;
import io.github.pveiso.iso.fat.EfiArchitecture;
import io.github.pveiso.iso.fat.FatEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** El Torito, MBR, GPT and APM of the three boot fixtures, checked against xorriso's reports. */
class BootStructuresTest {
  @TempDir static Path dir;
  static Path amd64;
  static Path arm64;
  static Path appended;

  @BeforeAll
  static void makeIsos() {
    amd64 = BootFixtures.grubAmd64(dir);
    arm64 = BootFixtures.grubArm64(dir);
    appended = BootFixtures.appended(dir);
  }

  static List<Path> all() {
    return List.of(amd64, arm64, appended);
  }

  @Test
  void elToritoMatchesXorrisosReport() {
    for (Path path : all()) {
      try (IsoImage iso = IsoImage.open(path)) {
        List<String> ours = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (BootImage b : iso.bootImages()) {
          ours.add(
              String.format(
                  Locale.ROOT,
                  "%d %s %s none 0x%04x 0x%02x %d %d",
                  b.index(),
                  b.platform(),
                  b.entry().bootable() ? "y" : "n",
                  b.entry().loadSegment(),
                  b.entry().systemType(),
                  b.entry().sectorCount(),
                  b.lba()));
          b.path().ifPresent(p -> paths.add(b.index() + " " + p));
        }
        assertThat(ours)
            .as(path.toString())
            .containsExactlyElementsOf(
                squeeze(Xorriso.report(path, "-report_el_torito", "El Torito boot img :")));
        assertThat(paths)
            .containsExactlyElementsOf(
                squeeze(Xorriso.report(path, "-report_el_torito", "El Torito img path :")));
        long catalogLba = iso.elToritoRecord().orElseThrow().catalogLba();
        assertThat(List.of(catalogLba + " 1"))
            .isEqualTo(squeeze(Xorriso.report(path, "-report_el_torito", "El Torito catalog  :")));
      }
    }
  }

  @Test
  void bootImageBytesAreTheFilesOrThePartition() throws IOException {
    try (IsoImage iso = IsoImage.open(amd64)) {
      for (BootImage b : iso.bootImages()) {
        IsoEntry file = iso.find(b.path().orElseThrow()).orElseThrow();
        assertThat(iso.bootImageBytes(b)).isEqualTo(iso.readAllBytes(file));
      }
    }
    try (IsoImage iso = IsoImage.open(appended)) {
      BootImage efi = iso.bootImages().get(1);
      assertThat(efi.path()).isEmpty();
      assertThat(efi.length()).isEqualTo(1440 * 1024);
      GptEntry part = iso.gpt().orElseThrow().partitions().get(1);
      assertThat(part.firstLba() * 512).isEqualTo(efi.lba() * 2048);
      assertThat(part.blocks() * 512).isEqualTo(efi.length());
      byte[] file = Files.readAllBytes(dir.resolve("appended-efi.img"));
      assertThat(iso.bootImageBytes(efi)).isEqualTo(file);
    }
  }

  @Test
  void mbrAndGptMatchXorrisosReport() {
    for (Path path : all()) {
      try (IsoImage iso = IsoImage.open(path)) {
        Mbr mbr = iso.mbr().orElseThrow();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          MbrPartition p = mbr.partitions().get(i);
          if (p.used()) {
            parts.add(
                String.format(
                    Locale.ROOT,
                    "%d 0x%02x 0x%02x %d %d",
                    i + 1,
                    p.status(),
                    p.type(),
                    p.firstLba(),
                    p.sectors()));
          }
        }
        assertThat(parts)
            .as(path.toString())
            .containsExactlyElementsOf(
                squeeze(Xorriso.report(path, "-report_system_area", "MBR partition      :")));
        Gpt gpt = iso.gpt().orElseThrow();
        assertThat(gpt.problems(iso.size())).as(path.toString()).isEmpty();
        assertThat(
                List.of(
                    gpt.primary().firstUsableLba()
                        + " "
                        + gpt.primary().lastUsableLba()
                        + " "
                        + gpt.primary().backupLba()))
            .isEqualTo(
                squeeze(Xorriso.report(path, "-report_system_area", "GPT lba range      :")));
        assertThat(List.of(hex(gpt.primary().diskGuid())))
            .isEqualTo(
                squeeze(Xorriso.report(path, "-report_system_area", "GPT disk GUID      :")));
        List<String> startSize = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < gpt.entries().size(); i++) {
          GptEntry e = gpt.entries().get(i);
          if (e.used()) {
            startSize.add((i + 1) + " " + e.firstLba() + " " + e.blocks());
            types.add((i + 1) + " " + hex(e.typeGuid()));
            names.add((i + 1) + " " + e.name());
          }
        }
        assertThat(startSize)
            .containsExactlyElementsOf(
                squeeze(Xorriso.report(path, "-report_system_area", "GPT start and size :")));
        assertThat(types)
            .containsExactlyElementsOf(
                squeeze(Xorriso.report(path, "-report_system_area", "GPT type GUID      :")));
        assertThat(names)
            .containsExactlyElementsOf(
                squeeze(Xorriso.report(path, "-report_system_area", "GPT partname local :")));
      }
    }
  }

  @Test
  void appleMapMatchesXorrisosReport() {
    try (IsoImage iso = IsoImage.open(amd64)) {
      ApplePartitionMap apm = iso.appleMap().orElseThrow();
      assertThat(List.of(String.valueOf(apm.blockSize())))
          .isEqualTo(squeeze(Xorriso.report(amd64, "-report_system_area", "APM block size     :")));
      List<String> names = new ArrayList<>();
      List<String> types = new ArrayList<>();
      List<String> extents = new ArrayList<>();
      int n = 0;
      for (ApmEntry e : apm.entries()) {
        if (e.type().equals("Apple_partition_map")) {
          continue;
        }
        n++;
        names.add(n + " " + e.name());
        types.add(n + " " + e.type());
        extents.add(n + " " + e.startBlock() + " " + e.blockCount());
      }
      assertThat(names)
          .containsExactlyElementsOf(
              squeeze(Xorriso.report(amd64, "-report_system_area", "APM partition name :")));
      assertThat(types)
          .containsExactlyElementsOf(
              squeeze(Xorriso.report(amd64, "-report_system_area", "APM partition type :")));
      assertThat(extents)
          .containsExactlyElementsOf(
              squeeze(Xorriso.report(amd64, "-report_system_area", "APM start and size :")));
      assertThat(apm.hasHfsPlus()).isTrue();
      assertThat(apm.problems(iso.size())).isEmpty();
    }
    try (IsoImage iso = IsoImage.open(arm64)) {
      assertThat(iso.appleMap()).isEmpty();
    }
  }

  @Test
  void bootLayoutOfEachFixture() {
    try (IsoImage iso = IsoImage.open(amd64)) {
      assertThat(iso.bootLayout())
          .isEqualTo(
              new BootLayout(
                  "PVE", iso.volumeDateUuid(), true, true, true, true, true, false, true, true));
    }
    try (IsoImage iso = IsoImage.open(arm64)) {
      assertThat(iso.bootLayout())
          .isEqualTo(
              new BootLayout(
                  "PVE",
                  iso.volumeDateUuid(),
                  false,
                  true,
                  false,
                  true,
                  true,
                  false,
                  false,
                  false));
    }
    try (IsoImage iso = IsoImage.open(appended)) {
      assertThat(iso.bootLayout())
          .isEqualTo(
              new BootLayout(
                  "PVE", iso.volumeDateUuid(), true, true, true, true, true, true, false, false));
    }
  }

  @Test
  void efiArchitectureFromTheEfiImage() {
    try (IsoImage iso = IsoImage.open(amd64)) {
      assertThat(iso.efiArchitectures()).containsExactly(EfiArchitecture.AMD64);
    }
    try (IsoImage iso = IsoImage.open(arm64)) {
      assertThat(iso.efiArchitectures()).containsExactly(EfiArchitecture.ARM64);
    }
    try (IsoImage iso = IsoImage.open(appended)) {
      assertThat(iso.efiArchitectures()).containsExactly(EfiArchitecture.AMD64);
      assertThat(iso.efiFileSystem().orElseThrow().entries())
          .extracting(FatEntry::path)
          .containsExactly("/EFI", "/EFI/BOOT", "/EFI/BOOT/BOOTX64.EFI");
    }
  }

  @Test
  void everyBootStructureRoundTrips() throws IOException {
    for (Path path : all()) {
      byte[] image = Files.readAllBytes(path);
      try (IsoImage iso = IsoImage.open(path)) {
        assertThat(iso.mbr().orElseThrow().record()).isEqualTo(Arrays.copyOf(image, 512));
        ElToritoCatalog catalog = iso.elTorito().orElseThrow();
        int at = (int) iso.elToritoRecord().orElseThrow().catalogLba() * 2048;
        byte[] bytes = catalog.record();
        assertThat(bytes).isEqualTo(Arrays.copyOfRange(image, at, at + bytes.length));
        assertThat(catalog.validation().valid()).isTrue();
        Gpt gpt = iso.gpt().orElseThrow();
        assertThat(gpt.primary().record()).isEqualTo(Arrays.copyOfRange(image, 512, 1024));
        int backup = (int) gpt.primary().backupLba() * 512;
        assertThat(gpt.backup().orElseThrow().record())
            .isEqualTo(Arrays.copyOfRange(image, backup, backup + 512));
        int entries = (int) gpt.primary().entriesLba() * 512;
        for (GptEntry e : gpt.entries()) {
          assertThat(e.record()).isEqualTo(Arrays.copyOfRange(image, entries, entries + 128));
          entries += 128;
        }
        iso.appleMap()
            .ifPresent(
                apm -> {
                  int block = apm.blockSize();
                  for (int i = 0; i < apm.entries().size(); i++) {
                    int off = (i + 1) * block;
                    assertThat(apm.entries().get(i).record())
                        .isEqualTo(Arrays.copyOfRange(image, off, off + 512));
                  }
                });
      }
    }
  }

  static List<String> squeeze(List<String> lines) {
    return lines.stream().map(l -> l.strip().replaceAll("\\s+", " ")).toList();
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
