package io.github.pveiso.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DebianVersionTest {
  /**
   * Pairs and the expected sign of compare(a, b). Sources: apt's test/libapt/versions.lst (which
   * includes cupt's cases), Debian Policy 5.6.12's tilde examples and a few real archive versions.
   * Each pair was cross-checked with {@code dpkg --compare-versions} on Debian 12.
   */
  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource(
      delimiter = ' ',
      textBlock =
          """
          7.6p2-4 7.6-0 1
          1.0.3-3 1.0-1 1
          1.3 1.2.2-2 1
          1.3 1.2.2 1
          0-pre 0-pre 0
          0-pre 0-pree -1
          1.1.6r2-2 1.1.6r-1 1
          2.6b2-1 2.6b-2 1
          98.1p5-1 98.1-pre2-b6-2 -1
          0.4a6-2 0.4-1 1
          1:3.0.5-2 1:3.0.5.1 -1
          1:0.4 10.3 1
          1:1.25-4 1:1.25-8 -1
          0:1.18.36 1.18.36 0
          1.18.36 1.18.35 1
          0:1.18.36 1.18.35 1
          9:1.18.36:5.4-20 10:0.5.1-22 -1
          9:1.18.36:5.4-20 9:1.18.36:5.5-1 -1
          9:1.18.36:5.4-20 9:1.18.37:4.3-22 -1
          1.18.36-0.17.35-18 1.18.36-19 1
          1:1.2.13-3 1:1.2.13-3.1 -1
          2.0.7pre1-4 2.0.7r-1 -1
          0:0-0-0 0-0 1
          0 0 0
          0 00 0
          1.2.3 1.2.3 0
          4.4.3-2 4.4.3-2 0
          1:2ab:5 1:2ab:5 0
          7:1-a:b-5 7:1-a:b-5 0
          57:1.2.3abYZ+~-4-5 57:1.2.3abYZ+~-4-5 0
          1.2.3 0:1.2.3 0
          1.2.3 1.2.3-0 0
          009 9 0
          009ab5 9ab5 0
          1.2.3 1.2.3-1 -1
          1.2.3 1.2.4 -1
          1.2.4 1.2.3 1
          1.2.24 1.2.3 1
          0.10.0 0.8.7 1
          3.2 2.3 1
          1.3.2a 1.3.2 1
          0.5.0~git 0.5.0~git2 -1
          2a 21 -1
          1.3.2a 1.3.2b -1
          1:1.2.3 1.2.4 1
          1:1.2.3 1:1.2.4 -1
          1.2a+~bCd3 1.2a++ -1
          1.2a+~bCd3 1.2a+~ 1
          5:2 304-2 1
          5:2 304:2 -1
          25:2 3:2 1
          1:2:123 1:12:3 -1
          1.2-5 1.2-3-5 -1
          5.10.0 5.005 1
          3a9.8 3.10.2 -1
          3a9.8 3~10 1
          1.4+OOo3.0.0~ 1.4+OOo3.0.0-4 -1
          2.4.7-1 2.4.7-z -1
          1.002-1+b2 1.00 1
          1.0~~ 1.0~~a -1
          1.0~~a 1.0~ -1
          1.0~ 1.0 -1
          1.0 1.0a -1
          1.0~rc1-1 1.0-1 -1
          2.36-9+deb12u4 2.36-9+deb12u10 -1
          6.1.0-1~bpo11+1 6.1.0-1 -1
          1.0+dfsg-1 1.0-1 1
          1.0-1+b1 1.0-1 1
          20230625-2 20230210-5 1
          3.20250512.1~deb12u1 3.20250512.1 -1
          """)
  void comparesLikeDpkg(String a, String b, int expected) {
    DebianVersion va = DebianVersion.parse(a);
    DebianVersion vb = DebianVersion.parse(b);
    assertThat(Integer.signum(va.compareTo(vb))).isEqualTo(expected);
    assertThat(Integer.signum(vb.compareTo(va))).isEqualTo(-expected);
  }

  @Test
  void splitsEpochUpstreamAndRevision() {
    assertThat(DebianVersion.parse("1:2.36-9+deb12u4"))
        .isEqualTo(new DebianVersion(1, "2.36", "9+deb12u4"));
    assertThat(DebianVersion.parse("7:1-a:b-5")).isEqualTo(new DebianVersion(7, "1-a:b", "5"));
    assertThat(DebianVersion.parse("20230625")).isEqualTo(new DebianVersion(0, "20230625", ""));
    assertThat(DebianVersion.parse("0:1.0-1").toString()).isEqualTo("1.0-1");
    assertThat(DebianVersion.parse("2:1.0").toString()).isEqualTo("2:1.0");
  }

  @Test
  void refusesWhatDpkgRefuses() {
    for (String bad : new String[] {"", "1.0 2", "a:1.0", ":1.0", "1.0-", "1:", "-1"}) {
      assertThat(DebianVersion.tryParse(bad)).as(bad).isEmpty();
    }
    assertThatThrownBy(() -> DebianVersion.parse("1.0-"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid Debian version '1.0-'");
  }
}
