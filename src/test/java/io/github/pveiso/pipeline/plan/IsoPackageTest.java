package io.github.pveiso.pipeline.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.VerificationException;
import io.github.pveiso.debian.Stanza;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A package on the ISO is the user's input: a bad control field is exit 3, named. */
class IsoPackageTest {

  @TempDir Path dir;

  static Stanza control(String field, String value) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("Package", "bad");
    fields.put("Version", "1.0");
    fields.put("Architecture", "all");
    fields.put(field, value);
    return Stanza.of(fields);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "Version;'';control field Version: invalid Debian version ''",
        "Version;1.0 beta;control field Version: invalid Debian version '1.0 beta'",
        "Conflicts;a | | b;control field Conflicts: empty alternative in 'a | | b'",
        "Breaks;(>= 1);control field Breaks: missing package name in relation '(>= 1)'",
        "Provides;x (= );control field Provides: bad version '' in relation 'x (= )'"
      })
  void aBadControlFieldIsAVerificationFailureNamingThePackageAndTheField(
      String field, String value, String message) {
    assertThatThrownBy(
            () -> IsoPackage.of("/proxmox/packages/bad_1.0_all.deb", control(field, value)))
        .isInstanceOf(VerificationException.class)
        .hasMessage("/proxmox/packages/bad_1.0_all.deb: " + message);
  }

  @Test
  void goodFieldsAreRead() {
    IsoPackage p = IsoPackage.of("/p.deb", control("Provides", "x (= 1)"));
    assertThat(p.version().toString()).isEqualTo("1.0");
    assertThat(p.provides().toString()).isEqualTo("[x (= 1)]");
  }
}
