package io.github.pveiso;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.config.ConfigReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration reference is generated from the key table. Regenerate it with {@code
 * mvn test -Dtest=ReadmeTest -Dpveiso.updateReadme=true}.
 */
class ReadmeTest {

  static final String START = "<!-- config-reference:start (generated from ConfigKey) -->\n";
  static final String END = "<!-- config-reference:end -->";

  @Test
  void configurationReferenceMatchesTheKeyTable() throws IOException {
    Path readme = Path.of("README.md");
    String text = Files.readString(readme);
    int start = text.indexOf(START);
    int end = text.indexOf(END);
    assertThat(start).as("README has the start marker").isNotNegative();
    assertThat(end).as("README has the end marker").isGreaterThan(start);
    String generated = ConfigReference.markdown();
    if (Boolean.getBoolean("pveiso.updateReadme")) {
      text = text.substring(0, start + START.length()) + generated + text.substring(end);
      Files.writeString(readme, text);
      end = text.indexOf(END);
    }
    assertThat(text.substring(start + START.length(), end)).isEqualTo(generated);
  }
}
