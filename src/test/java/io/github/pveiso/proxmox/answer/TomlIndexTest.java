package io.github.pveiso.proxmox.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TomlIndexTest {

  @Test
  void linesOfKeysInEveryForm() {
    String text =
        """
        # comment with [brackets] and = signs
        a = \"""
        two
        lines\"""
        b = [
          "x",   # one
          [1, 2],
          { c = 3 },
        ]
        "quoted.key" = 'v'
        d.e."f g" = 1
        [t]
        inline = { x = { y = "z" } }
        [[arr]]
        k = 1
        [[arr]]
        k = 2
        """;
    TomlIndex index = TomlIndex.of(text);
    assertThat(index.line(List.of("a"))).isEqualTo(2);
    assertThat(index.line(List.of("b"))).isEqualTo(5);
    assertThat(index.line(List.of("b", "0"))).isEqualTo(6);
    assertThat(index.line(List.of("b", "1"))).isEqualTo(7);
    assertThat(index.line(List.of("b", "2", "c"))).isEqualTo(8);
    assertThat(index.line(List.of("quoted.key"))).isEqualTo(10);
    assertThat(index.line(List.of("d", "e", "f g"))).isEqualTo(11);
    assertThat(index.line(List.of("d"))).isEqualTo(11);
    assertThat(index.line(List.of("t"))).isEqualTo(12);
    assertThat(index.line(List.of("t", "inline", "x", "y"))).isEqualTo(13);
    assertThat(index.line(List.of("t", "missing"))).isEqualTo(12);
    assertThat(index.line(List.of("arr", "1", "k"))).isEqualTo(17);
    assertThat(index.line(List.of("nothing"))).isEqualTo(1);
    assertThat(index.duplicate()).isEmpty();
    TomlIndex.Place a = index.place(List.of("a")).orElseThrow();
    assertThat(text.substring(a.valueStart(), a.valueEnd())).isEqualTo("\"\"\"\ntwo\nlines\"\"\"");
  }

  @Test
  void findsAKeyOrTableWrittenTwice() {
    assertThat(TomlIndex.of("[x]\na = 1\n\n[x]\n").duplicate())
        .contains(new TomlIndex.Duplicate(List.of("x"), 4));
    assertThat(TomlIndex.of("a = 1\nb = 2\na = 3\n").duplicate())
        .contains(new TomlIndex.Duplicate(List.of("a"), 3));
  }

  @Test
  void decodesEscapesInQuotedKeys() {
    assertThat(TomlStrings.unquote("\"a\\tb\\u00e9\\\"\"")).isEqualTo("a\tbé\"");
    assertThat(TomlStrings.unquote("'a\\tb'")).isEqualTo("a\\tb");
  }
}
