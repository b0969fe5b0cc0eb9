package io.github.pveiso.proxmox.answer;

import io.github.pveiso.proxmox.answer.AnswerProblem.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the problems of one answer file; sorted by line when done. */
final class Problems {

  private final String file;
  private final TomlIndex index;
  private final boolean strict;
  private final List<AnswerProblem> found = new ArrayList<>();

  Problems(String file, TomlIndex index, boolean strict) {
    this.file = file;
    this.index = index;
    this.strict = strict;
  }

  /** An error about the key at {@code path} (as written), on its line. */
  void error(List<String> path, String check, String message) {
    add(Severity.ERROR, path, index.line(path), check, message, List.of());
  }

  /** An error about {@code path} that lists the allowed values. */
  void error(List<String> path, String check, String message, List<String> allowed) {
    add(Severity.ERROR, path, index.line(path), check, message, allowed);
  }

  /** An error about {@code key} on the line of {@code place} (e.g. an item of a list). */
  void errorAt(List<String> key, List<String> place, String check, String message) {
    add(Severity.ERROR, key, index.line(place), check, message, List.of());
  }

  /** A warning, or an error under strict checks. */
  void warning(List<String> path, String check, String message, List<String> allowed) {
    add(
        strict ? Severity.ERROR : Severity.WARNING,
        path,
        index.line(path),
        check,
        message,
        allowed);
  }

  private void add(
      Severity severity,
      List<String> path,
      int line,
      String check,
      String message,
      List<String> allowed) {
    found.add(
        new AnswerProblem(severity, file, line, String.join(".", path), check, message, allowed));
  }

  /** Every problem, by line (in the order found within a line). */
  List<AnswerProblem> sorted() {
    List<AnswerProblem> sorted = new ArrayList<>(found);
    sorted.sort(Comparator.comparingInt(AnswerProblem::line));
    return sorted;
  }
}
