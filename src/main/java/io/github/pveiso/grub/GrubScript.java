package io.github.pveiso.grub;

import io.github.pveiso.grub.GrubNode.Block;
import io.github.pveiso.grub.GrubNode.Branch;
import io.github.pveiso.grub.GrubNode.Command;
import io.github.pveiso.grub.GrubNode.IfBlock;
import io.github.pveiso.grub.GrubNode.MenuBlock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A GRUB configuration file read into statements. The text is the file's bytes one character per
 * byte (ISO 8859-1), so every offset is a byte offset and writing the text back gives the same
 * bytes.
 *
 * @param text the file, one character per byte
 * @param nodes its statements
 */
record GrubScript(String text, List<GrubNode> nodes) {

  GrubScript {
    nodes = List.copyOf(nodes);
  }

  /**
   * Reads a script.
   *
   * @throws GrubSyntaxException naming the line of something this reader cannot follow
   */
  static GrubScript parse(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    return new GrubScript(text, GrubParser.parse(text));
  }

  /** The 1-based line of a character. */
  static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < Math.min(offset, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  int lineOf(int offset) {
    return lineOf(text, offset);
  }

  /** The text from one character to another, as people read it (UTF-8). */
  String display(int start, int end) {
    return decode(text.substring(start, end));
  }

  /** A value read from the text (one character per byte), as people read it (UTF-8). */
  static String decode(String latin1) {
    return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }

  /** Every command, at any depth (if conditions, loop conditions and block bodies included). */
  List<Command> commands() {
    List<Command> all = new ArrayList<>();
    visit(
        nodes,
        node -> {
          if (node instanceof Command c) {
            all.add(c);
          }
        });
    return all;
  }

  /** Calls {@code visitor} on every statement at any depth, parents before children. */
  static void visit(List<GrubNode> nodes, Consumer<GrubNode> visitor) {
    for (GrubNode node : nodes) {
      visitor.accept(node);
      switch (node) {
        case Command c -> {}
        case IfBlock i -> {
          for (Branch b : i.branches()) {
            b.condition().ifPresent(c -> visit(c, visitor));
            visit(b.body(), visitor);
          }
        }
        case MenuBlock m -> visit(m.body(), visitor);
        case Block b -> {
          visit(b.condition(), visitor);
          visit(b.body(), visitor);
        }
      }
    }
  }
}
