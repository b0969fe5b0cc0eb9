package io.github.pveiso.proxmox.answer;

import java.util.List;

/**
 * One thing wrong with an answer file.
 *
 * @param severity an error (the installer refuses the file) or a warning (it accepts it for now)
 * @param file the file as the user named it
 * @param line the 1-based line it is about; 0 when it is about the whole file (unreadable)
 * @param key the key as written, dotted from the top, e.g. {@code global.keyboard}; empty for the
 *     whole file
 * @param check which rule it broke, e.g. {@code locale}, {@code unknown-key}, {@code type}
 * @param message the rule broken and, where there is a list, the allowed values (never a secret)
 * @param allowed the allowed values, when the rule has a list of them
 */
public record AnswerProblem(
    Severity severity,
    String file,
    int line,
    String key,
    String check,
    String message,
    List<String> allowed) {

  /** How bad a problem is. */
  public enum Severity {
    /** The installer refuses the file. */
    ERROR,
    /** The installer accepts it for now (a deprecated spelling); an error under strict checks. */
    WARNING
  }

  /** Copies the list. */
  public AnswerProblem {
    allowed = List.copyOf(allowed);
  }

  /** True for an error. */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** One line for people, e.g. {@code answer.toml:12: global.keyboard: keyboard layout ...}. */
  public String text() {
    return file
        + (line > 0 ? ":" + line : "")
        + ": "
        + (key.isEmpty() ? "" : key + ": ")
        + (severity == Severity.WARNING ? "warning: " : "")
        + message;
  }
}
