package io.github.pveiso.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.debian.DpkgStatusFile;
import io.github.pveiso.debian.InstalledPackage;
import io.github.pveiso.iso.BootLayout;
import io.github.pveiso.pipeline.plan.PlannerTest;
import io.github.pveiso.proxmox.BaseSystem;
import io.github.pveiso.proxmox.ProductInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceFactsTest {

  static final String STATUS =
      """
      Package: libfoo1
      Status: install ok installed
      Architecture: amd64
      Version: 1.0-1

      Package: libc6
      Status: install ok installed
      Architecture: amd64
      Version: 2.41-12

      Package: libc6
      Status: install ok installed
      Architecture: i386
      Version: 2.41-12

      Package: mawk
      Status: install ok installed
      Architecture: i386
      Multi-Arch: foreign
      Version: 1.3.4.20250131-1
      Provides: awk
      """;

  @Test
  void theIsoWinsOverTheBaseAndForeignLibrariesDoNotCount() {
    BaseSystem base =
        new BaseSystem(
            BaseSystem.State.READ,
            "4 packages",
            DpkgStatusFile.installed("status", STATUS.getBytes(StandardCharsets.UTF_8)));
    SourceFacts facts =
        new SourceFacts(
            new BootLayout(
                "PVE", "2025-02-03-04-05-06-00", true, true, true, true, true, false, true, true),
            "amd64",
            new ProductInfo(true, Map.of(), Map.of(), null, false, null, List.of(), List.of()),
            List.of(PlannerTest.iso("libfoo1", "1.2.3-1", "")),
            base);
    assertThat(facts.basePackages())
        .extracting(p -> p.name() + ":" + p.architecture())
        .containsExactly("libc6:amd64", "mawk:i386");
    assertThat(facts.installed())
        .extracting(InstalledPackage::name, p -> p.version().toString())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("libfoo1", "1.2.3-1"),
            org.assertj.core.groups.Tuple.tuple("libc6", "2.41-12"),
            org.assertj.core.groups.Tuple.tuple("mawk", "1.3.4.20250131-1"));
  }
}
