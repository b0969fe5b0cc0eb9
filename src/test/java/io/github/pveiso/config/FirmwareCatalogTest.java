package io.github.pveiso.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirmwareCatalogTest {

  @TempDir Path dir;

  @Test
  void builtInCatalogHasTheSeedsFourSets() {
    FirmwareCatalog catalog = FirmwareCatalog.builtIn();
    assertThat(catalog.sets().keySet()).containsExactly("amd", "freeware", "intel", "nvidia");
    assertThat(catalog.packagesOf(List.of("freeware")).stream().map(CatalogPackage::name))
        .containsExactly("firmware-linux-free", "firmware-misc-nonfree", "firmware-linux-nonfree");
    assertThat(catalog.packagesOf(List.of("nvidia")))
        .containsExactly(
            new CatalogPackage(
                "firmware-nvidia-graphics", PackageKind.FIRMWARE, List.of("amd64", "arm64")),
            new CatalogPackage("nvidia-driver", PackageKind.DRIVER, List.of("amd64", "arm64")),
            new CatalogPackage(
                "nvidia-kernel-dkms", PackageKind.DRIVER, List.of("amd64", "arm64")));
    assertThat(catalog.packagesOf(List.of("amd")))
        .containsExactly(
            new CatalogPackage(
                "firmware-amd-graphics", PackageKind.FIRMWARE, List.of("amd64", "arm64")),
            new CatalogPackage("amd64-microcode", PackageKind.MICROCODE, List.of("amd64")));
    assertThat(catalog.packagesOf(List.of("intel")).stream().map(CatalogPackage::name))
        .containsExactly(
            "intel-microcode",
            "firmware-intel-sound",
            "firmware-intel-graphics",
            "firmware-intel-misc");
    assertThat(catalog.sets().get("freeware").packages().get(2).kind()).isEqualTo(PackageKind.META);
  }

  @Test
  void microcodeAppliesOnlyToAmd64() {
    CatalogPackage intel = FirmwareCatalog.builtIn().packagesOf(List.of("intel")).get(0);
    assertThat(intel.appliesTo("amd64")).isTrue();
    assertThat(intel.appliesTo("arm64")).isFalse();
  }

  @Test
  void userCatalogAddsAndReplacesSets() throws IOException {
    Path file = dir.resolve("cat.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "sets:",
            "  amd:",
            "    description: only microcode",
            "    packages:",
            "      - {name: amd64-microcode, kind: microcode, architectures: [amd64]}",
            "  realtek:",
            "    description: Realtek NICs",
            "    packages:",
            "      - {name: firmware-realtek, kind: firmware, architectures: [amd64, arm64]}",
            ""));
    FirmwareCatalog catalog = FirmwareCatalog.load(Optional.of(file));
    assertThat(catalog.sets().keySet())
        .containsExactly("amd", "freeware", "intel", "nvidia", "realtek");
    assertThat(catalog.packagesOf(List.of("amd", "realtek")).stream().map(CatalogPackage::name))
        .containsExactly("amd64-microcode", "firmware-realtek");
  }

  @Test
  void packagesAppearOnceInSetOrder() throws IOException {
    Path file = dir.resolve("cat.json");
    Files.writeString(
        file,
        "{\"sets\": {\"mine\": {\"description\": \"d\", \"packages\": ["
            + "{\"name\": \"amd64-microcode\", \"kind\": \"microcode\", \"architectures\": [\"amd64\"]}]}}}");
    FirmwareCatalog catalog = FirmwareCatalog.load(Optional.of(file));
    assertThat(catalog.packagesOf(List.of("amd", "mine")).stream().map(CatalogPackage::name))
        .containsExactly("firmware-amd-graphics", "amd64-microcode");
  }

  @Test
  void unknownSetsAreNamedWithTheKnownOnes() {
    assertThatThrownBy(() -> FirmwareCatalog.builtIn().packagesOf(List.of("nvida", "foo")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "unknown firmware sets 'nvida', 'foo' (did you mean 'nvidia'?); known sets: amd, freeware, intel, nvidia");
  }

  @Test
  void brokenUserCatalogNamesFileAndLine() throws IOException {
    Path file = dir.resolve("cat.yaml");
    Files.writeString(
        file,
        "sets:\n  x:\n    description: d\n    packages:\n      - {name: a, kind: blob, architectures: [amd64]}\n");
    assertThatThrownBy(() -> FirmwareCatalog.load(Optional.of(file)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("firmware catalog " + file + ":5: ")
        .hasMessageEndingWith(
            "; expected 'sets: {NAME: {description: ..., packages: [{name, kind, architectures}]}}'");
  }

  @Test
  void aCatalogOverOneMebibyteIsRefusedBeforeItIsParsed() throws IOException {
    Path file = dir.resolve("cat.yaml");
    Files.writeString(file, "sets: {}\n# " + "x".repeat(2 << 20) + "\n");
    long size = Files.size(file);

    assertThatThrownBy(() -> FirmwareCatalog.load(Optional.of(file)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "firmware catalog "
                + file
                + " is "
                + size
                + " bytes; a firmware catalog may have at most 1048576 bytes (1 MiB)");
  }

  @Test
  void aSetGivenTwiceNamesBothLines() throws IOException {
    Path file = dir.resolve("cat.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "sets:",
            "  x:",
            "    description: one",
            "    packages: []",
            "  x:",
            "    description: two",
            "    description: three",
            "    packages: []",
            ""));

    assertThatThrownBy(() -> FirmwareCatalog.load(Optional.of(file)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "firmware catalog " + file + ":5: 'sets.x' is given twice, at lines 2 and 5; keep one");
  }

  @Test
  void theBuiltInCatalogIsParsedOnce() {
    assertThat(FirmwareCatalog.builtIn()).isSameAs(FirmwareCatalog.builtIn());
    assertThat(FirmwareCatalog.load(java.util.Optional.empty()))
        .isSameAs(FirmwareCatalog.builtIn());
  }
}
