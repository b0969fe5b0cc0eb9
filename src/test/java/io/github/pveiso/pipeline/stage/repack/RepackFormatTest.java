package io.github.pveiso.pipeline.stage.repack;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.debian.DebWriter;
import io.github.pveiso.debian.DebianVersion;
import io.github.pveiso.debian.DpkgPackage;
import io.github.pveiso.proxmox.BaseSystem;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RepackFormatTest {

  static Optional<DebianVersion> dpkg(String version) {
    return Optional.of(DebianVersion.parse(version));
  }

  static BaseSystem base(String dpkgVersion) {
    return new BaseSystem(
        BaseSystem.State.READ,
        "2 packages",
        List.of(
            new DpkgPackage(
                "base-files",
                DebianVersion.parse("13.8"),
                "amd64",
                "",
                List.of(),
                List.of(),
                List.of()),
            new DpkgPackage(
                "dpkg",
                DebianVersion.parse(dpkgVersion),
                "amd64",
                "foreign",
                List.of(),
                List.of(),
                List.of())));
  }

  @Test
  void zstdFromTheFirstDpkgThatReadsIt() {
    assertThat(RepackFormat.forDpkg(dpkg("1.21.18"))).isEqualTo(DebWriter.MemberFormat.zstd(6, 1));
    assertThat(RepackFormat.forDpkg(dpkg("1.21.22"))).isEqualTo(RepackFormat.zstd()); // bookworm
    assertThat(RepackFormat.forDpkg(dpkg("1.22.21"))).isEqualTo(RepackFormat.zstd()); // trixie
  }

  @Test
  void xzForAnOlderOrUnknownDpkg() {
    assertThat(RepackFormat.forDpkg(dpkg("1.21.17"))).isEqualTo(DebWriter.MemberFormat.xz(6));
    assertThat(RepackFormat.forDpkg(dpkg("1.20.13"))).isEqualTo(RepackFormat.anyDpkg()); // bullseye
    assertThat(RepackFormat.forDpkg(Optional.empty())).isEqualTo(RepackFormat.anyDpkg());
  }

  @Test
  void theBaseSystemsDpkgDecidesAndTheLineSaysWhy() {
    assertThat(RepackFormat.forBase(base("1.22.21"))).isEqualTo(RepackFormat.zstd());
    assertThat(RepackFormat.why(base("1.22.21")))
        .isEqualTo(
            "repack: zstd -6 (1 worker): the base system's dpkg 1.22.21 reads zstd (since"
                + " 1.21.18)");
    assertThat(RepackFormat.forBase(base("1.20.13"))).isEqualTo(RepackFormat.anyDpkg());
    assertThat(RepackFormat.why(base("1.20.13")))
        .isEqualTo("repack: xz -6: the base system's dpkg 1.20.13 predates zstd (since 1.21.18)");
    BaseSystem none = BaseSystem.unreadable("no squashfs tools");
    assertThat(RepackFormat.forBase(none)).isEqualTo(RepackFormat.anyDpkg());
    assertThat(RepackFormat.why(none))
        .isEqualTo("repack: xz -6: the base system's dpkg is not known, and every dpkg reads xz");
  }
}
