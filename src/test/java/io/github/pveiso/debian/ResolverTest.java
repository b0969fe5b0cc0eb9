package io.github.pveiso.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResolverTest {
  private static String stanza(String name, String version, String arch, String extra) {
    return "Package: "
        + name
        + "\nVersion: "
        + version
        + "\nArchitecture: "
        + arch
        + "\n"
        + extra
        + "Filename: pool/"
        + name
        + "_"
        + version
        + "_"
        + arch
        + ".deb\nSize: 1\nSHA256: "
        + "0".repeat(64)
        + "\n\n";
  }

  private static PackagesIndex index(String label, String... stanzas) {
    return PackagesIndex.of(label, Deb822.parse(label, String.join("", stanzas)));
  }

  static final PackagesIndex MAIN =
      index(
          "main",
          stanza("iucode-tool", "2.3.1-3", "amd64", ""),
          stanza("iucode-tool", "2.3.1-3", "arm64", ""),
          stanza("libc6", "2.41-12", "amd64", ""),
          stanza("exim4", "4.98-1", "all", "Provides: mail-transport-agent\n"),
          stanza("postfix", "3.10-1", "amd64", "Provides: mail-transport-agent\n"),
          stanza("libfoo1", "1.0-1", "amd64", "Provides: libfoo-abi (= 1)\n"),
          stanza("arm-only", "1.0", "arm64", ""));
  static final PackagesIndex FIRMWARE =
      index(
          "non-free-firmware",
          stanza(
              "intel-microcode",
              "3.20250512.1",
              "amd64",
              "Depends: iucode-tool (>= 1.0) [amd64], libc6 (>= 2.34)\n"
                  + "Pre-Depends: debconf (>= 0.5) | debconf-2.0\n"),
          stanza("intel-microcode", "3.20240910.1", "amd64", "Depends: iucode-tool\n"),
          stanza("intel-microcode", "3.20260101.1", "arm64", ""),
          stanza("firmware-realtek", "20230625-2", "all", ""),
          stanza(
              "needs-virtual",
              "1",
              "all",
              "Depends: mail-transport-agent, libfoo-abi (= 1), missing-lib (>= 2) | other-lib,"
                  + " libc6 (>= 3.0)\n"));

  private final Resolver resolver =
      new Resolver(
          "trixie",
          List.of("main", "non-free-firmware"),
          "amd64",
          List.of(MAIN, FIRMWARE),
          List.of(
              new InstalledPackage("debconf", DebianVersion.parse("1.5.91"), List.of()),
              new InstalledPackage("libc6", DebianVersion.parse("2.36-9"), List.of())));

  private static List<String> ids(Resolution r) {
    return r.packages().stream().map(BinaryPackage::id).toList();
  }

  @Test
  void picksTheNewestCandidateForTheTargetArchitecture() {
    Resolution r = resolver.resolve(List.of(PackageRequest.parse("intel-microcode")), false);
    assertThat(ids(r)).containsExactly("intel-microcode_3.20250512.1_amd64");
    assertThat(r.unsatisfied()).isEmpty();
    assertThat(r.skipped()).isEmpty();
  }

  @Test
  void honoursVersionConstraintsInRequests() {
    Resolution r =
        resolver.resolve(
            List.of(
                PackageRequest.parse("intel-microcode (<< 3.20250101)"),
                PackageRequest.parse("firmware-realtek=20230625-2")),
            false);
    assertThat(ids(r))
        .containsExactly("intel-microcode_3.20240910.1_amd64", "firmware-realtek_20230625-2_all");
    assertThatThrownBy(
            () ->
                resolver.resolve(
                    List.of(PackageRequest.parse("firmware-realtek (>> 20240101)")), false))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "package 'firmware-realtek (>> 20240101)': no version matches in suite trixie (available:"
                + " 20230625-2); change the version or the suite");
  }

  @Test
  void resolvesDependenciesTransitively() {
    Resolution r = resolver.resolve(List.of(PackageRequest.parse("intel-microcode")), true);
    // debconf and libc6 (>= 2.34) are installed; iucode-tool comes from main.
    assertThat(ids(r))
        .containsExactly("intel-microcode_3.20250512.1_amd64", "iucode-tool_2.3.1-3_amd64");
    assertThat(r.unsatisfied()).isEmpty();
  }

  @Test
  void usesProvidesAndReportsWhatCannotBeSatisfied() {
    Resolution r = resolver.resolve(List.of(PackageRequest.parse("needs-virtual")), true);
    assertThat(ids(r))
        .containsExactly("needs-virtual_1_all", "exim4_4.98-1_all", "libfoo1_1.0-1_amd64");
    assertThat(r.unsatisfied())
        .extracting(u -> u.requiredBy() + " | " + u.relation() + " | " + u.reason())
        .containsExactly(
            "needs-virtual_1_all | missing-lib (>= 2) | other-lib | missing-lib is neither"
                + " installed nor in suite trixie; other-lib is neither installed nor in suite"
                + " trixie",
            "needs-virtual_1_all | libc6 (>= 3.0) | libc6 (>= 3.0): installed 2.36-9 does not"
                + " satisfy it and no candidate does");
  }

  @Test
  void reportsMissingPackagesOrSkipsOptionalOnes() {
    assertThatThrownBy(() -> resolver.resolve(List.of(PackageRequest.parse("arm-only")), false))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "package 'arm-only' not found in suite trixie, components main non-free-firmware,"
                + " architectures amd64 all; check the name or mark it optional");
    Resolution r =
        resolver.resolve(
            List.of(PackageRequest.parse("nope", true), PackageRequest.parse("libc6")), false);
    assertThat(ids(r)).containsExactly("libc6_2.41-12_amd64");
    assertThat(r.skipped()).containsExactly(PackageRequest.parse("nope", true));
  }

  @Test
  void refusesAnAmbiguousVirtualPackage() {
    assertThatThrownBy(
            () -> resolver.resolve(List.of(PackageRequest.parse("mail-transport-agent")), false))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "package 'mail-transport-agent' is virtual, provided by exim4, postfix; request one"
                + " of them");
    assertThat(ids(resolver.resolve(List.of(PackageRequest.parse("libfoo-abi")), false)))
        .containsExactly("libfoo1_1.0-1_amd64");
  }

  @Test
  void aMalformedProvidesCountsOnlyWhenItsPackageIsLookedUp() {
    PackagesIndex broken =
        index(
            "contrib",
            stanza("odd", "1", "amd64", "Provides: odd-virtual (= )\n"),
            stanza("plain", "1", "amd64", "Depends: libc6\n"));
    Resolver r =
        new Resolver("trixie", List.of("contrib"), "amd64", List.of(MAIN, broken), List.of());

    assertThat(ids(r.resolve(List.of(PackageRequest.parse("plain")), true)))
        .containsExactly("plain_1_amd64", "libc6_2.41-12_amd64");
    assertThatThrownBy(() -> r.resolve(List.of(PackageRequest.parse("odd-virtual")), false))
        .isInstanceOf(io.github.pveiso.VerificationException.class)
        .hasMessage("contrib: package odd 1: bad version '' in relation 'odd-virtual (= )'");
  }

  @Test
  void parsesRequests() {
    assertThat(PackageRequest.parse("a=1.0-1").toString()).isEqualTo("a (= 1.0-1)");
    assertThat(PackageRequest.parse(" b (>= 2) ").toString()).isEqualTo("b (>= 2)");
    List<String> errors = new ArrayList<>();
    for (String bad : List.of("c (>= )", "d:any", "")) {
      try {
        PackageRequest.parse(bad);
      } catch (InvalidInputException e) {
        errors.add(e.getMessage());
      }
    }
    assertThat(errors)
        .containsExactly(
            "package request 'c (>= )': bad version '' in relation 'c (>= )'; write name, 'name"
                + " (>= version)' or name=version",
            "package request 'd:any': architecture qualifiers are not supported here",
            "package request '': missing package name in relation ''; write name, 'name (>="
                + " version)' or name=version");
  }
}
