package io.github.pveiso.proxmox.answer;

import java.util.List;
import java.util.Optional;

/**
 * What checking one answer file found.
 *
 * @param file the file as the user named it
 * @param problems every problem, sorted by line
 * @param notChecked what cannot be checked without the target machine (disks, NICs, DHCP), one
 *     phrase each
 * @param firstBootSource the {@code [first-boot]} {@code source} ({@code from-iso}, {@code
 *     from-url}), when the file has a valid one
 */
public record AnswerReport(
    String file,
    List<AnswerProblem> problems,
    List<String> notChecked,
    Optional<String> firstBootSource) {

  /** Copies the lists. */
  public AnswerReport {
    problems = List.copyOf(problems);
    notChecked = List.copyOf(notChecked);
  }

  /** The errors. */
  public List<AnswerProblem> errors() {
    return problems.stream().filter(AnswerProblem::isError).toList();
  }

  /** The warnings. */
  public List<AnswerProblem> warnings() {
    return problems.stream().filter(p -> !p.isError()).toList();
  }

  /** True when there is no error (warnings allowed). */
  public boolean valid() {
    return errors().isEmpty();
  }

  /** True when the answer asks for the first-boot executable on the ISO. */
  public boolean wantsFirstBootFromIso() {
    return firstBootSource.filter("from-iso"::equals).isPresent();
  }

  /** One line saying what was left for the target machine, or empty when nothing was. */
  public String notCheckedLine() {
    return notChecked.isEmpty()
        ? ""
        : file + ": not checked without the target machine: " + String.join("; ", notChecked);
  }
}
