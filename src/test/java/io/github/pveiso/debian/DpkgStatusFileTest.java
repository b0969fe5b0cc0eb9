package io.github.pveiso.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.VerificationException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DpkgStatusFileTest {

  static final String STATUS =
      """
      Package: zlib1g
      Status: install ok installed
      Architecture: amd64
      Multi-Arch: same
      Version: 1:1.3.dfsg+really1.3.1-1+b1
      Provides: libz1
      Conflicts: zlib1 (<= 1:1.0.4-7)
      Breaks: libxml2 (<< 2.7.6.dfsg-2)

      Package: firmware-linux-free
      Status: deinstall ok config-files
      Architecture: all
      Version: 20241210-2

      Package: libc6
      Status: install ok installed
      Architecture: i386
      Multi-Arch: same
      Version: 2.41-12

      Package: libc6
      Status: install ok installed
      Architecture: amd64
      Multi-Arch: same
      Version: 2.41-12

      Package: perl-base
      Status: hold ok installed
      Architecture: amd64
      Version: 5.40.1-6

      Package: ifupdown
      Status: install ok half-configured
      Architecture: amd64
      Version: 0.8.44

      Package: libfoo0
      Status: purge ok not-installed
      Architecture: amd64
      Version: 0.9-1

      Package: broken
      Status: install reinstreq installed
      Architecture: amd64
      Version: 1

      Package: mawk
      Status: install ok installed
      Architecture: amd64
      Multi-Arch: foreign
      Version: 1.3.4.20250131-1
      Provides: awk
      """;

  static List<DpkgPackage> parse(String text) {
    return DpkgStatusFile.installed("status", text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void onlyInstalledPackagesCountSortedByNameThenArchitecture() {
    assertThat(parse(STATUS))
        .extracting(p -> p.name() + ":" + p.architecture() + " " + p.version())
        .containsExactly(
            "libc6:amd64 2.41-12",
            "libc6:i386 2.41-12",
            "mawk:amd64 1.3.4.20250131-1",
            "perl-base:amd64 5.40.1-6",
            "zlib1g:amd64 1:1.3.dfsg+really1.3.1-1+b1");
  }

  @Test
  void keepsProvidesConflictsBreaksAndMultiArch() {
    DpkgPackage zlib = parse(STATUS).get(4);
    assertThat(zlib)
        .isEqualTo(
            new DpkgPackage(
                "zlib1g",
                DebianVersion.parse("1:1.3.dfsg+really1.3.1-1+b1"),
                "amd64",
                "same",
                Relations.parse("libz1"),
                Relations.parse("zlib1 (<= 1:1.0.4-7)"),
                Relations.parse("libxml2 (<< 2.7.6.dfsg-2)")));
    assertThat(parse(STATUS).get(3).multiArch()).isEqualTo("no");
  }

  @Test
  void servesItsArchitectureAllAndForeignOnes() {
    List<DpkgPackage> all = parse(STATUS);
    assertThat(all.get(0).serves("amd64")).isTrue();
    assertThat(all.get(1).serves("amd64")).isFalse();
    assertThat(all.get(2).serves("arm64")).isTrue();
    assertThat(
            parse("Package: debconf\nStatus: install ok installed\nArchitecture: all\nVersion: 1\n")
                .get(0)
                .serves("arm64"))
        .isTrue();
  }

  @Test
  void labelsNameTheForeignArchitecture() {
    List<DpkgPackage> all = parse(STATUS);
    assertThat(all.get(0).label("amd64")).isEqualTo("libc6 2.41-12");
    assertThat(all.get(1).label("amd64")).isEqualTo("libc6:i386 2.41-12");
  }

  @Test
  void installedPackagesSatisfyRelationsByNameVersionAndProvides() {
    InstalledPackage zlib = parse(STATUS).get(4).installed();
    assertThat(zlib.satisfies(Relations.parse("zlib1g (>= 1:1.2)").get(0).alternatives().get(0)))
        .isTrue();
    assertThat(zlib.satisfies(Relations.parse("zlib1g (>= 1:1.4)").get(0).alternatives().get(0)))
        .isFalse();
    assertThat(zlib.satisfies(Relations.parse("libz1").get(0).alternatives().get(0))).isTrue();
  }

  @Test
  void aBadVersionIsAVerificationError() {
    assertThatThrownBy(() -> parse("Package: x\nStatus: install ok installed\nVersion: 1:\n"))
        .isInstanceOf(VerificationException.class)
        .hasMessageStartingWith("status: package x has a bad Version '1:': ");
  }

  @Test
  void aBadRelationIsAVerificationErrorNamingThePackageAndTheField() {
    assertThatThrownBy(
            () -> parse("Package: x\nStatus: install ok installed\nVersion: 1\nBreaks: y (<< )\n"))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "status: package x: control field Breaks: bad version '' in relation 'y (<< )'");
  }
}
