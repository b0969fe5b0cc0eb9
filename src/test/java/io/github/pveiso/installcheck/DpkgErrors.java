package io.github.pveiso.installcheck;

import io.github.pveiso.proc.ProcessRunner;
import java.util.ArrayList;
import java.util.List;

/** Picks the lines that say why dpkg failed out of its standard error. */
final class DpkgErrors {
  private DpkgErrors() {}

  /**
   * The indented lines under each {@code dpkg: error processing ...} heading and any {@code X
   * conflicts with Y} line, joined by {@code "; "}; the last error line when there are none.
   */
  static String reason(ProcessRunner.Result result) {
    List<String> picked = new ArrayList<>();
    boolean inError = false;
    for (String line : result.stderr().split("\n")) {
      String text = line.strip();
      if (line.startsWith("dpkg: error processing")) {
        inError = true;
      } else if (inError && line.startsWith(" ") && !text.isEmpty()) {
        picked.add(text);
      } else {
        inError = false;
        if (text.contains(" conflicts with ") && !picked.contains(text)) {
          picked.add(text);
        }
      }
    }
    return picked.isEmpty() ? result.lastErrorLine() : String.join("; ", picked);
  }
}
