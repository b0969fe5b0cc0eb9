package io.github.pveiso.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class PercentEscapeTest {

  private static final String TEXT = "a b%\n\u007f\tz";

  @Test
  void controlsPercentAndDelAreEscapedAndSpaceOnlyWhenAsked() {
    assertThat(PercentEscape.escape(TEXT, PercentEscape.Set.CONTROLS))
        .isEqualTo("a b%25%0A%7F%09z");
    assertThat(PercentEscape.escape(TEXT, PercentEscape.Set.CONTROLS_AND_SPACE))
        .isEqualTo("a%20b%25%0A%7F%09z");
  }

  @Test
  void unescapingGivesTheTextBack() throws IOException {
    for (PercentEscape.Set set : PercentEscape.Set.values()) {
      assertThat(PercentEscape.unescape(PercentEscape.escape(TEXT, set), "x")).isEqualTo(TEXT);
    }
  }

  @Test
  void aBadEscapeNamesWhatHadIt() {
    assertThatThrownBy(() -> PercentEscape.unescape("ab%4", "the key"))
        .isInstanceOf(IOException.class)
        .hasMessage("the key has a bad '%' escape");
  }
}
