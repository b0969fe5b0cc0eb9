package io.github.pveiso.proxmox.answer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder of answer files, one per node ({@code answer_dir}): each {@code *.toml} in it (not in
 * its subfolders; names starting with '.' left out, as a shell's {@code *.toml} does) makes one
 * ISO, named after the file without {@code .toml}.
 */
public final class AnswerDir {
  private AnswerDir() {}

  /** The suffix of an answer file. */
  public static final String SUFFIX = ".toml";

  /** The longest node name, so that the output's and its temporary file's names stay short. */
  public static final int MAX_NAME = 64;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

  /**
   * The answer files in {@code dir}, sorted by name: regular files (or links to them) named {@code
   * *.toml}.
   *
   * @throws UncheckedIOException when the folder cannot be listed
   */
  public static List<Path> answers(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(
              f -> {
                String name = String.valueOf(f.getFileName());
                return name.endsWith(SUFFIX) && !name.startsWith(".") && Files.isRegularFile(f);
              })
          .sorted(Comparator.comparing(f -> String.valueOf(f.getFileName())))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list answer_dir " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The node an answer file is for: its file name without {@code .toml}. */
  public static String node(Path answer) {
    String name = String.valueOf(answer.getFileName());
    return name.substring(0, name.length() - SUFFIX.length());
  }

  /**
   * What is wrong with the node name of {@code answer} for an output file name, or empty when it is
   * fine: 1 to {@value #MAX_NAME} letters, digits, '.', '_', '+' or '-', starting with a letter or
   * digit.
   */
  public static Optional<String> nameProblem(Path answer) {
    String node = node(answer);
    if (NAME.matcher(node).matches() && node.length() <= MAX_NAME) {
      return Optional.empty();
    }
    return Optional.of(
        answer
            + ": the name '"
            + node
            + "' goes into the output's file name; name the file with 1 to "
            + MAX_NAME
            + " letters, digits, '.', '_', '+' or '-' (starting with a letter or digit) before"
            + " .toml");
  }
}
