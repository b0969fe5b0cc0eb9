package io.github.pveiso.config;

import io.github.pveiso.InvalidInputException;
import java.util.List;
import java.util.stream.Collectors;

/** The configuration has one or more problems; the message lists all of them, one a line. */
public final class ConfigException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  private final transient List<ConfigProblem> problems;

  /** Creates the exception from every problem found. */
  public ConfigException(List<ConfigProblem> problems) {
    super(problems.stream().map(ConfigProblem::line).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in the order found. */
  public List<ConfigProblem> problems() {
    return problems;
  }
}
