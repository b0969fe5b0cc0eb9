package io.github.pveiso.grub;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts, line by line, with three lines of context, in the format of {@code
 * diff -u} (hunk counts of 1 left out, {@code \ No newline at end of file} where a text ends
 * without one). Lines are matched by a longest common subsequence over the part between the common
 * start and end, which for a configuration file with a few edits is small.
 */
public final class UnifiedDiff {

  private static final int CONTEXT = 3;

  /** Past this many cells the middle is shown as removed and added whole. */
  private static final long MAX_CELLS = 16_000_000L;

  private UnifiedDiff() {}

  private enum Op {
    SAME,
    REMOVED,
    ADDED
  }

  /** One line of the edit script: the operation and the line's index in the old and new text. */
  private record Step(Op op, int oldLine, int newLine) {}

  /** The diff of {@code before} and {@code after}; empty when they are equal. */
  public static String of(String oldName, String newName, String before, String after) {
    if (before.equals(after)) {
      return "";
    }
    List<String> a = lines(before);
    List<String> b = lines(after);
    List<Step> steps = steps(a, b);
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(oldName).append('\n');
    out.append("+++ ").append(newName).append('\n');
    int i = 0;
    while (i < steps.size()) {
      if (steps.get(i).op() == Op.SAME) {
        i++;
        continue;
      }
      int from = Math.max(0, i - CONTEXT);
      int to = i;
      int sameRun = 0;
      for (int j = i; j < steps.size(); j++) {
        if (steps.get(j).op() == Op.SAME) {
          sameRun++;
          if (sameRun > 2 * CONTEXT) {
            break;
          }
        } else {
          sameRun = 0;
          to = j;
        }
      }
      int end = Math.min(steps.size(), to + 1 + CONTEXT);
      hunk(out, steps.subList(from, end), a, b);
      i = end;
    }
    return out.toString();
  }

  private static void hunk(StringBuilder out, List<Step> steps, List<String> a, List<String> b) {
    int oldStart = -1;
    int newStart = -1;
    int oldCount = 0;
    int newCount = 0;
    int oldBefore = 0;
    int newBefore = 0;
    for (Step s : steps) {
      if (s.op() != Op.ADDED) {
        oldStart = oldStart < 0 ? s.oldLine() : oldStart;
        oldCount++;
      } else if (oldStart < 0) {
        oldBefore = s.oldLine();
      }
      if (s.op() != Op.REMOVED) {
        newStart = newStart < 0 ? s.newLine() : newStart;
        newCount++;
      } else if (newStart < 0) {
        newBefore = s.newLine();
      }
    }
    out.append("@@ -")
        .append(range(oldStart < 0 ? oldBefore : oldStart + 1, oldCount))
        .append(" +")
        .append(range(newStart < 0 ? newBefore : newStart + 1, newCount))
        .append(" @@\n");
    for (Step s : steps) {
      String line =
          switch (s.op()) {
            case SAME -> " " + a.get(s.oldLine());
            case REMOVED -> "-" + a.get(s.oldLine());
            case ADDED -> "+" + b.get(s.newLine());
          };
      out.append(line);
      if (!line.endsWith("\n")) {
        out.append("\n\\ No newline at end of file\n");
      }
    }
  }

  private static String range(int start, int count) {
    return count == 1 ? String.valueOf(start) : start + "," + count;
  }

  /** The lines of a text, each with its line end. */
  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl + 1;
      lines.add(text.substring(start, end));
      start = end;
    }
    return lines;
  }

  private static List<Step> steps(List<String> a, List<String> b) {
    int prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < a.size() - prefix
        && suffix < b.size() - prefix
        && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
      suffix++;
    }
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < prefix; i++) {
      steps.add(new Step(Op.SAME, i, i));
    }
    middle(a, b, prefix, a.size() - suffix, b.size() - suffix, steps);
    for (int i = suffix; i > 0; i--) {
      steps.add(new Step(Op.SAME, a.size() - i, b.size() - i));
    }
    return steps;
  }

  /** The steps for {@code a[from, aEnd)} against {@code b[from, bEnd)}. */
  private static void middle(
      List<String> a, List<String> b, int from, int aEnd, int bEnd, List<Step> steps) {
    int n = aEnd - from;
    int m = bEnd - from;
    if ((long) n * m > MAX_CELLS) {
      for (int i = 0; i < n; i++) {
        steps.add(new Step(Op.REMOVED, from + i, from));
      }
      for (int j = 0; j < m; j++) {
        steps.add(new Step(Op.ADDED, aEnd, from + j));
      }
      return;
    }
    // lcs[i][j]: length of the longest common subsequence of a[from+i..] and b[from+j..]
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(from + i).equals(b.get(from + j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(from + i).equals(b.get(from + j))) {
        steps.add(new Step(Op.SAME, from + i++, from + j++));
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        steps.add(new Step(Op.REMOVED, from + i++, from + j));
      } else {
        steps.add(new Step(Op.ADDED, from + i, from + j++));
      }
    }
  }
}
