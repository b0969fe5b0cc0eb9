package io.github.pveiso.grub;

import io.github.pveiso.grub.GrubNode.Block;
import io.github.pveiso.grub.GrubNode.Branch;
import io.github.pveiso.grub.GrubNode.Command;
import io.github.pveiso.grub.GrubNode.IfBlock;
import io.github.pveiso.grub.GrubNode.MenuBlock;
import io.github.pveiso.grub.GrubToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads GRUB's statements from tokens: commands, {@code if}/{@code elif}/{@code else}/{@code fi},
 * {@code for}/{@code while}/{@code until} loops, {@code function}, {@code menuentry} and {@code
 * submenu}. A keyword counts only where a command starts, as in GRUB.
 */
final class GrubParser {

  private static final Set<String> STRAY = Set.of("then", "elif", "else", "fi", "do", "done", "in");

  private final String text;
  private final List<GrubToken> tokens;
  private int next;

  private GrubParser(String text) {
    this.text = text;
    this.tokens = GrubLexer.tokens(text);
  }

  /** The statements of {@code text}. */
  static List<GrubNode> parse(String text) {
    GrubParser parser = new GrubParser(text);
    return parser.statements(Set.of(), false, "");
  }

  /**
   * Statements up to (not including) one of {@code until} where a command starts, or a closing
   * brace when {@code brace}; {@code what} names the block for a message when the text ends first.
   */
  private List<GrubNode> statements(Set<String> until, boolean brace, String what) {
    List<GrubNode> nodes = new ArrayList<>();
    while (true) {
      skipSeparators();
      if (next == tokens.size()) {
        if (!until.isEmpty() || brace) {
          throw new GrubSyntaxException(text, text.length(), what + " is never closed");
        }
        return nodes;
      }
      GrubToken token = tokens.get(next);
      if (token.kind() == Kind.CLOSE_BRACE) {
        if (brace) {
          return nodes;
        }
        throw new GrubSyntaxException(text, token.start(), "'}' that closes nothing");
      }
      if (token.kind() == Kind.OPEN_BRACE) {
        throw new GrubSyntaxException(
            text, token.start(), "'{' outside a menuentry, submenu or function");
      }
      if (token.plain() && until.contains(token.value())) {
        return nodes;
      }
      nodes.add(statement(token));
    }
  }

  private GrubNode statement(GrubToken first) {
    if (!first.plain()) {
      return command();
    }
    return switch (first.value()) {
      case "if" -> ifBlock();
      case "for" -> forLoop();
      case "while", "until" -> whileLoop();
      case "function" -> function();
      case "menuentry", "submenu" -> menu();
      default -> {
        if (STRAY.contains(first.value())) {
          throw new GrubSyntaxException(
              text, first.start(), "'" + first.value() + "' outside the block it belongs to");
        }
        yield command();
      }
    };
  }

  private Command command() {
    List<GrubToken> words = new ArrayList<>();
    while (next < tokens.size()) {
      GrubToken token = tokens.get(next);
      if (token.separates() || token.kind() == Kind.CLOSE_BRACE) {
        break;
      }
      if (token.kind() == Kind.OPEN_BRACE) {
        throw new GrubSyntaxException(
            text, token.start(), "'{' outside a menuentry, submenu or function");
      }
      words.add(token);
      next++;
    }
    return new Command(words);
  }

  private IfBlock ifBlock() {
    GrubToken keyword = tokens.get(next++);
    List<Branch> branches = new ArrayList<>();
    List<GrubNode> condition = statements(Set.of("then"), false, "'if'");
    next++;
    List<GrubNode> body = statements(Set.of("elif", "else", "fi"), false, "'if'");
    branches.add(new Branch(Optional.of(condition), body));
    while (tokens.get(next).value().equals("elif")) {
      next++;
      condition = statements(Set.of("then"), false, "'elif'");
      next++;
      body = statements(Set.of("elif", "else", "fi"), false, "'if'");
      branches.add(new Branch(Optional.of(condition), body));
    }
    if (tokens.get(next).value().equals("else")) {
      next++;
      branches.add(new Branch(Optional.empty(), statements(Set.of("fi"), false, "'if'")));
    }
    GrubToken fi = tokens.get(next++);
    return new IfBlock(keyword, branches, fi);
  }

  private Block forLoop() {
    List<GrubToken> words = new ArrayList<>();
    while (next < tokens.size() && tokens.get(next).kind() == Kind.WORD) {
      words.add(tokens.get(next++));
    }
    skipSeparators();
    expectKeyword("do", "'for'");
    List<GrubNode> body = statements(Set.of("done"), false, "'for'");
    return new Block(words, List.of(), body, tokens.get(next++));
  }

  private Block whileLoop() {
    GrubToken keyword = tokens.get(next++);
    List<GrubNode> condition = statements(Set.of("do"), false, "'" + keyword.value() + "'");
    next++;
    List<GrubNode> body = statements(Set.of("done"), false, "'" + keyword.value() + "'");
    return new Block(List.of(keyword), condition, body, tokens.get(next++));
  }

  private Block function() {
    List<GrubToken> words = new ArrayList<>();
    while (next < tokens.size() && tokens.get(next).kind() == Kind.WORD) {
      words.add(tokens.get(next++));
    }
    openBrace("'function'");
    List<GrubNode> body = statements(Set.of(), true, "'function'");
    return new Block(words, List.of(), body, tokens.get(next++));
  }

  private MenuBlock menu() {
    List<GrubToken> words = new ArrayList<>();
    String what = "'" + tokens.get(next).value() + "'";
    while (next < tokens.size() && tokens.get(next).kind() == Kind.WORD) {
      words.add(tokens.get(next++));
    }
    openBrace(what);
    List<GrubNode> body = statements(Set.of(), true, what);
    return new MenuBlock(words, body, tokens.get(next++));
  }

  /** Skips newlines up to the opening brace of a block and consumes it. */
  private void openBrace(String what) {
    while (next < tokens.size() && tokens.get(next).kind() == Kind.NEWLINE) {
      next++;
    }
    if (next == tokens.size() || tokens.get(next).kind() != Kind.OPEN_BRACE) {
      int at = next == tokens.size() ? text.length() : tokens.get(next).start();
      throw new GrubSyntaxException(text, at, what + " without its '{'");
    }
    next++;
  }

  private void expectKeyword(String keyword, String what) {
    if (next == tokens.size() || !tokens.get(next).isWord(keyword)) {
      int at = next == tokens.size() ? text.length() : tokens.get(next).start();
      throw new GrubSyntaxException(text, at, what + " without its '" + keyword + "'");
    }
    next++;
  }

  private void skipSeparators() {
    while (next < tokens.size() && tokens.get(next).separates()) {
      next++;
    }
  }
}
