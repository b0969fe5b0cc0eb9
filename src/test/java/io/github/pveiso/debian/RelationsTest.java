package io.github.pveiso.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RelationsTest {
  private static VersionConstraint c(VersionConstraint.Op op, String v) {
    return new VersionConstraint(op, DebianVersion.parse(v));
  }

  @Test
  void parsesAlternativesConstraintsAndQualifiers() {
    List<RelationGroup> groups =
        Relations.parse(
            "libc6 (>= 2.34), debconf (>= 0.5) | debconf-2.0,\n perl:any, python3 (<< 3.14),"
                + " foo (= 1:2.0-1) [amd64 arm64], bar (<= 1) [!i386], baz (>> 2~rc1) <!nocheck>,");

    assertThat(groups.stream().map(RelationGroup::toString))
        .containsExactly(
            "libc6 (>= 2.34)",
            "debconf (>= 0.5) | debconf-2.0",
            "perl:any",
            "python3 (<< 3.14)",
            "foo (= 1:2.0-1) [amd64 arm64]",
            "bar (<= 1) [!i386]",
            "baz (>> 2~rc1)");
    assertThat(groups.get(1).alternatives())
        .containsExactly(
            new Relation(
                "debconf",
                Optional.empty(),
                Optional.of(c(VersionConstraint.Op.GE, "0.5")),
                List.of()),
            new Relation("debconf-2.0", Optional.empty(), Optional.empty(), List.of()));
    assertThat(groups.get(2).alternatives().get(0).archQualifier()).contains("any");
    Relation foo = groups.get(4).alternatives().get(0);
    assertThat(foo.appliesTo("amd64")).isTrue();
    assertThat(foo.appliesTo("i386")).isFalse();
    Relation bar = groups.get(5).alternatives().get(0);
    assertThat(bar.appliesTo("amd64")).isTrue();
    assertThat(bar.appliesTo("i386")).isFalse();
  }

  @Test
  void constraintsTestVersions() {
    DebianVersion v = DebianVersion.parse("2.0-1");
    assertThat(c(VersionConstraint.Op.LT, "2.0-2").test(v)).isTrue();
    assertThat(c(VersionConstraint.Op.LT, "2.0-1").test(v)).isFalse();
    assertThat(c(VersionConstraint.Op.LE, "2.0-1").test(v)).isTrue();
    assertThat(c(VersionConstraint.Op.EQ, "2.0-1").test(v)).isTrue();
    assertThat(c(VersionConstraint.Op.GE, "2.0-1").test(v)).isTrue();
    assertThat(c(VersionConstraint.Op.GT, "2.0-1").test(v)).isFalse();
    assertThat(c(VersionConstraint.Op.GT, "2.0~rc1").test(v)).isTrue();
    assertThat(Relations.parse("a (< 1), b (> 2)").toString()).isEqualTo("[a (<= 1), b (>= 2)]");
  }

  @Test
  void parsesProvidesAndEmptyFields() {
    assertThat(Relations.parse("").isEmpty()).isTrue();
    assertThat(Relations.parse("mail-transport-agent, foo (= 1.0)").toString())
        .isEqualTo("[mail-transport-agent, foo (= 1.0)]");
  }

  @Test
  void namesAreTheNamesParseReads() {
    for (String field :
        List.of(
            "",
            "libc6",
            " a (>= 1) , b:any | c [amd64 !i386] <!nocheck>, , d,",
            "libc6-sse4 (= 2.41-12), glibc-abi (= 2.41)",
            "firmware-misc-nonfree (>= 1) |\n firmware-linux-nonfree",
            "x\t|\ty")) {
      List<String> names = new java.util.ArrayList<>();
      Relations.names(field, names::add);
      assertThat(names)
          .isEqualTo(
              Relations.parse(field).stream()
                  .flatMap(g -> g.alternatives().stream())
                  .map(Relation::name)
                  .toList());
    }
    List<String> names = new java.util.ArrayList<>();
    Relations.names("(>= 1), a (>= ), | b", names::add);
    assertThat(names).containsExactly("a", "b");
  }

  @Test
  void refusesMalformedRelations() {
    assertThatThrownBy(() -> Relations.parse("libc6 (>= )"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad version '' in relation 'libc6 (>= )'");
    assertThatThrownBy(() -> Relations.parse("libc6 (~ 1)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad operator in relation 'libc6 (~ 1)'");
    assertThatThrownBy(() -> Relations.parse("a | | b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("empty alternative in 'a | | b'");
    assertThatThrownBy(() -> Relations.parse("(>= 1)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("missing package name in relation '(>= 1)'");
    assertThatThrownBy(() -> Relations.parse("a (>= 1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unexpected '(>= 1' in relation 'a (>= 1'");
  }
}
