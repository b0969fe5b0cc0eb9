package io.github.pveiso.grub;

import java.util.List;
import java.util.Optional;

/** One statement of a GRUB script, with the tokens that place it in the text. */
sealed interface GrubNode {

  /** The first character of the statement. */
  int start();

  /** The character after its last token. */
  int end();

  /**
   * A simple command, e.g. {@code linux /boot/linux26 ro quiet}.
   *
   * @param words its words, the command name first
   */
  record Command(List<GrubToken> words) implements GrubNode {
    public Command {
      words = List.copyOf(words);
    }

    /** The command name. */
    String name() {
      return words.get(0).value();
    }

    /** The arguments' values (quotes removed). */
    List<String> arguments() {
      return words.subList(1, words.size()).stream().map(GrubToken::value).toList();
    }

    @Override
    public int start() {
      return words.get(0).start();
    }

    @Override
    public int end() {
      return words.get(words.size() - 1).end();
    }
  }

  /**
   * {@code if ... then ... [elif ... then ...] [else ...] fi}.
   *
   * @param keyword the {@code if}
   * @param branches the {@code if} and {@code elif} branches, then the {@code else} branch
   * @param fi the closing {@code fi}
   */
  record IfBlock(GrubToken keyword, List<Branch> branches, GrubToken fi) implements GrubNode {
    public IfBlock {
      branches = List.copyOf(branches);
    }

    @Override
    public int start() {
      return keyword.start();
    }

    @Override
    public int end() {
      return fi.end();
    }
  }

  /**
   * One branch of an {@code if}.
   *
   * @param condition the commands whose result decides it; empty for {@code else}
   * @param body what runs when it is taken
   */
  record Branch(Optional<List<GrubNode>> condition, List<GrubNode> body) {
    public Branch {
      condition = condition.map(List::copyOf);
      body = List.copyOf(body);
    }
  }

  /**
   * {@code menuentry ... { ... }} or {@code submenu ... { ... }}.
   *
   * @param words the keyword, the title and the options, as written before the brace
   * @param body the statements between the braces
   * @param close the closing brace
   */
  record MenuBlock(List<GrubToken> words, List<GrubNode> body, GrubToken close)
      implements GrubNode {
    public MenuBlock {
      words = List.copyOf(words);
      body = List.copyOf(body);
    }

    boolean submenu() {
      return words.get(0).value().equals("submenu");
    }

    @Override
    public int start() {
      return words.get(0).start();
    }

    @Override
    public int end() {
      return close.end();
    }
  }

  /**
   * {@code for}, {@code while} or {@code until} with its body, or {@code function NAME { ... }}.
   *
   * @param words the words before the body, the keyword first
   * @param condition a {@code while} or {@code until} loop's condition; empty otherwise
   * @param body the body
   * @param close the closing {@code done} or brace
   */
  record Block(
      List<GrubToken> words, List<GrubNode> condition, List<GrubNode> body, GrubToken close)
      implements GrubNode {
    public Block {
      words = List.copyOf(words);
      condition = List.copyOf(condition);
      body = List.copyOf(body);
    }

    String keyword() {
      return words.get(0).value();
    }

    @Override
    public int start() {
      return words.get(0).start();
    }

    @Override
    public int end() {
      return close.end();
    }
  }
}
