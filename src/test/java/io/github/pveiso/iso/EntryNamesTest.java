package io.github.pveiso.iso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.VerificationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntryNamesTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''    | ROCK_RIDGE | Rock Ridge name '' is not a file name",
        ".     | JOLIET     | Joliet name '.' is not a file name",
        "..    | ISO9660    | ISO 9660 name '..' is not a file name",
        "../x  | ROCK_RIDGE | Rock Ridge name '../x' contains '/'",
        "a/b   | JOLIET     | Joliet name 'a/b' contains '/'"
      })
  void refusesNamesThatAreNoFileInTheirDirectory(String name, NameSource source, String message) {
    assertThatThrownBy(() -> EntryNames.check(name, source))
        .isInstanceOf(VerificationException.class)
        .hasMessage(message);
  }

  @Test
  void refusesNulAndLineBreaksAndShowsThemEscaped() {
    assertThatThrownBy(() -> EntryNames.check("a\0b", NameSource.ROCK_RIDGE))
        .hasMessage("Rock Ridge name 'a\\x00b' contains a NUL character");
    assertThatThrownBy(() -> EntryNames.check("a\rb", NameSource.ROCK_RIDGE))
        .hasMessage("Rock Ridge name 'a\\x0db' contains a line break");
  }

  @Test
  void keepsOtherNamesAsTheyAre() {
    assertThat(EntryNames.check("tab\there ...", NameSource.ROCK_RIDGE)).isEqualTo("tab\there ...");
    assertThat(EntryNames.printable("tab\there \u001b[31m")).isEqualTo("tab\\x09here \\x1b[31m");
  }
}
