package io.github.pveiso.grub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.grub.GrubNode.Block;
import io.github.pveiso.grub.GrubNode.Command;
import io.github.pveiso.grub.GrubNode.IfBlock;
import io.github.pveiso.grub.GrubNode.MenuBlock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrubScriptTest {

  static GrubScript parse(String text) {
    return GrubScript.parse(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  static List<String> words(String text) {
    return GrubLexer.tokens(text).stream()
        .map(t -> t.kind() == GrubToken.Kind.WORD ? t.value() : t.kind().name())
        .toList();
  }

  @Test
  void wordsLoseTheirQuotesAndEscapesButKeepVariables() {
    assertThat(words("echo 'a b' \"c \\\"d\\\" \\$e \\x\" f\\ g $x ${y}z 'q'\"r\"s a#b"))
        .containsExactly("echo", "a b", "c \"d\" $e \\x", "f g", "$x", "${y}z", "qrs", "a#b");
  }

  @Test
  void separatorsBracesCommentsAndContinuations() {
    assertThat(words("a;b # c ; d\n{x}\\\nnext\r\n"))
        .containsExactly(
            "a", "SEMICOLON", "b", "NEWLINE", "OPEN_BRACE", "x", "CLOSE_BRACE", "next", "NEWLINE");
  }

  @Test
  void tokensKnowWhereTheyAre() {
    GrubToken t = GrubLexer.tokens("  linux\t/boot/linux26 'a b'").get(2);
    assertThat(t).isEqualTo(new GrubToken(GrubToken.Kind.WORD, 22, 27, "a b", false));
    assertThat(GrubLexer.tokens("if").get(0).isWord("if")).isTrue();
    assertThat(GrubLexer.tokens("'if'").get(0).isWord("if")).isFalse();
  }

  @Test
  void lexerRefusals() {
    assertThatThrownBy(() -> words("echo a | b"))
        .hasMessage("line 1: '|' outside quotes (GRUB has no pipes or redirections)");
    assertThatThrownBy(() -> words("\necho 'a"))
        .hasMessage("line 2: a single quote that is never closed");
    assertThatThrownBy(() -> words("echo \"a"))
        .hasMessage("line 1: a double quote that is never closed");
    assertThatThrownBy(() -> words("echo ${a")).hasMessage("line 1: '${' that is never closed");
    assertThatThrownBy(() -> words("echo a\\"))
        .hasMessage("line 1: a backslash at the end of the file");
  }

  @Test
  void statementsNest() {
    GrubScript script =
        parse(
            """
            set a=1
            if serial --unit=0; then x; elif y; then z
            else
              menuentry 'T' --class os { linux /k a; }
            fi
            submenu 'S' {
              for f in 1 2; do echo $f; done
              while false; do echo; done
            }
            function f { echo; }
            """);
    List<GrubNode> nodes = script.nodes();
    assertThat(nodes).hasSize(4);
    assertThat(((Command) nodes.get(0)).arguments()).containsExactly("a=1");
    IfBlock ifBlock = (IfBlock) nodes.get(1);
    assertThat(ifBlock.branches()).hasSize(3);
    assertThat(ifBlock.branches().get(2).condition()).isEmpty();
    MenuBlock entry = (MenuBlock) ifBlock.branches().get(2).body().get(0);
    assertThat(entry.submenu()).isFalse();
    assertThat(((Command) entry.body().get(0)).arguments()).containsExactly("/k", "a");
    MenuBlock submenu = (MenuBlock) nodes.get(2);
    assertThat(submenu.submenu()).isTrue();
    assertThat(((Block) submenu.body().get(0)).keyword()).isEqualTo("for");
    assertThat(((Block) submenu.body().get(1)).condition()).hasSize(1);
    assertThat(((Block) nodes.get(3)).keyword()).isEqualTo("function");
    assertThat(script.commands().stream().map(Command::name))
        .containsExactly("set", "serial", "x", "y", "z", "linux", "echo", "false", "echo", "echo");
    assertThat(script.text().substring(ifBlock.start(), ifBlock.start() + 2)).isEqualTo("if");
    assertThat(script.text().substring(ifBlock.end() - 2, ifBlock.end())).isEqualTo("fi");
  }

  @Test
  void parserRefusals() {
    assertThatThrownBy(() -> parse("echo\nfi\n"))
        .hasMessage("line 2: 'fi' outside the block it belongs to");
    assertThatThrownBy(() -> parse("}\n")).hasMessage("line 1: '}' that closes nothing");
    assertThatThrownBy(() -> parse("echo {\n"))
        .hasMessage("line 1: '{' outside a menuentry, submenu or function");
    assertThatThrownBy(() -> parse("{\n"))
        .hasMessage("line 1: '{' outside a menuentry, submenu or function");
    assertThatThrownBy(() -> parse("if true; then\n")).hasMessage("line 2: 'if' is never closed");
    assertThatThrownBy(() -> parse("menuentry 'x' {\n linux /boot/linux26\n"))
        .hasMessage("line 3: 'menuentry' is never closed");
    assertThatThrownBy(() -> parse("menuentry 'x'\necho\n"))
        .hasMessage("line 2: 'menuentry' without its '{'");
    assertThatThrownBy(() -> parse("for x in a\necho\n"))
        .hasMessage("line 2: 'for' without its 'do'");
  }

  @Test
  void textIsBytesAndDisplayIsUtf8() {
    byte[] utf8 = "menuentry 'Démarrer' { linux /boot/linux26 }\n".getBytes(StandardCharsets.UTF_8);
    GrubScript script = GrubScript.parse(utf8);
    assertThat(script.text().getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(utf8);
    assertThat(BootMenu.read(utf8).entries().get(0).title()).isEqualTo("Démarrer");
  }
}
