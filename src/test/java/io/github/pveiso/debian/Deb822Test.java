package io.github.pveiso.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.VerificationException;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Deb822Test {
  static final String TEXT =
      "# a comment before the first stanza\n"
          + "Package: hello\n"
          + "Version: 2.10-3\n"
          + "Depends: libc6 (>= 2.34),\n"
          + "         dpkg\n"
          + "# a comment inside a stanza\n"
          + "Description: example package\n"
          + " The first paragraph.\n"
          + " .\n"
          + "   indented line\n"
          + "Maintainer: Jörg Ünicode <j@example.org>\n"
          + "\n"
          + "\n"
          + "package: second\r\n"
          + "Empty:\n"
          + "SHA256:\n"
          + " aa 1 a\n"
          + " bb 2 b\n";

  @Test
  void parsesStanzasFieldsAndContinuations() {
    List<Stanza> stanzas = Deb822.parse("test", TEXT);

    assertThat(stanzas).hasSize(2);
    Stanza first = stanzas.get(0);
    assertThat(first.asMap())
        .containsExactly(
            Map.entry("Package", "hello"),
            Map.entry("Version", "2.10-3"),
            Map.entry("Depends", "libc6 (>= 2.34),\n        dpkg"),
            Map.entry("Description", "example package\nThe first paragraph.\n\n  indented line"),
            Map.entry("Maintainer", "Jörg Ünicode <j@example.org>"));
    assertThat(first.get("PACKAGE")).contains("hello");
    assertThat(first.get("missing")).isEmpty();
    Stanza second = stanzas.get(1);
    assertThat(second.names()).containsExactly("package", "Empty", "SHA256");
    assertThat(second.get("Package")).contains("second");
    assertThat(second.get("empty")).contains("");
    assertThat(second.lines("sha256")).containsExactly("aa 1 a", "bb 2 b");
  }

  @Test
  void formatsBackToTheSameStanzas() {
    List<Stanza> stanzas = Deb822.parse("test", TEXT);
    String formatted = stanzas.get(0).format() + "\n" + stanzas.get(1).format();
    assertThat(Deb822.parse("again", formatted)).isEqualTo(stanzas);
  }

  @Test
  void streamsAcrossReadsOfAnySize() throws IOException {
    InputStream oneByteAtATime =
        new FilterInputStream(new ByteArrayInputStream(TEXT.getBytes(StandardCharsets.UTF_8))) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1));
          }
        };
    List<Stanza> streamed = new ArrayList<>();
    Deb822.stream("test", oneByteAtATime, streamed::add);
    assertThat(streamed).isEqualTo(Deb822.parse("test", TEXT));
  }

  @Test
  void refusesDuplicateFieldsInAnyCase() {
    assertThatThrownBy(() -> Deb822.parse("Packages", "Package: a\nVersion: 1\npackage: b\n"))
        .isInstanceOf(VerificationException.class)
        .hasMessage("Packages line 3: duplicate field package");
  }

  @Test
  void refusesAContinuationWithoutAField() {
    assertThatThrownBy(() -> Deb822.parse("ctl", "\n continued\n"))
        .isInstanceOf(VerificationException.class)
        .hasMessage("ctl line 2: continuation line without a field before it");
  }

  @Test
  void refusesALineWithoutColon() {
    assertThatThrownBy(() -> Deb822.parse("ctl", "Package: a\nnonsense\n"))
        .isInstanceOf(VerificationException.class)
        .hasMessage("ctl line 2: expected 'Field: value'");
  }

  @Test
  void parseSingleWantsExactlyOneStanza() {
    assertThat(Deb822.parseSingle("control", "Package: a\n".getBytes()).get("Package"))
        .contains("a");
    assertThatThrownBy(() -> Deb822.parseSingle("control", "A: 1\n\nB: 2\n".getBytes()))
        .isInstanceOf(VerificationException.class)
        .hasMessage("control: expected one deb822 stanza but found 2");
  }
}
