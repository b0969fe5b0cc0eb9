package io.github.pveiso.iso;

import io.github.pveiso.proc.ProcessRunner;
import io.github.pveiso.proc.SystemProcessRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helper: makes ISOs with xorriso and grub-mkrescue and reads xorriso's own reports. */
public final class Xorriso {
  private static final ProcessRunner RUNNER = new SystemProcessRunner();
  private static final Pattern LSDL =
      Pattern.compile(
          "^(\\S+)\\s+\\d+\\s+\\d+\\s+\\d+\\s+(\\d+)\\s+\\S+\\s+\\d+\\s+\\S+\\s+'(.*)'$");

  private Xorriso() {}

  /** One line of xorriso's {@code -exec lsdl}: mode string, size, path, link target or "". */
  public record Listed(String mode, long size, String path, String target) {}

  /** Runs {@code xorriso -as mkisofs ARGS -o OUT SRC}. */
  public static Path mkisofs(Path out, Path src, String... args) {
    List<String> argv = new ArrayList<>(List.of("xorriso", "-as", "mkisofs"));
    argv.addAll(List.of(args));
    argv.addAll(List.of("-o", out.toString(), src.toString()));
    RUNNER.runChecked(argv);
    return out;
  }

  /** Runs {@code grub-mkrescue -o OUT SRC ARGS}. */
  public static Path grubMkrescue(Path out, Path src, String... args) {
    List<String> argv = new ArrayList<>(List.of("grub-mkrescue", "-o", out.toString()));
    argv.addAll(List.of(args));
    argv.add(src.toString());
    RUNNER.runChecked(argv);
    return out;
  }

  /** Runs xorriso with the given arguments and returns its standard output. */
  public static String run(String... args) {
    List<String> argv = new ArrayList<>(List.of("xorriso"));
    argv.addAll(List.of(args));
    return RUNNER.runChecked(argv).stdout();
  }

  /** xorriso's listing of every entry, sorted by path. */
  public static List<Listed> lsdl(Path iso) {
    String out = run("-indev", iso.toString(), "-find", "/", "-exec", "lsdl", "--");
    List<Listed> listed = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String target = "";
      String rest = line;
      int arrow = line.indexOf("' -> '");
      if (arrow >= 0 && line.startsWith("l")) {
        target = unquote(line.substring(arrow + 6, line.length() - 1));
        rest = line.substring(0, arrow + 1);
      }
      Matcher m = LSDL.matcher(rest);
      if (!m.matches()) {
        throw new IllegalStateException("unexpected lsdl line: " + line);
      }
      listed.add(new Listed(m.group(1), Long.parseLong(m.group(2)), unquote(m.group(3)), target));
    }
    listed.sort(java.util.Comparator.comparing(Listed::path));
    return listed;
  }

  private static String unquote(String s) {
    return s.replace("'\"'\"'", "'");
  }

  /** The lines of a report such as {@code -report_el_torito plain} that start with {@code key}. */
  public static List<String> report(Path iso, String option, String key) {
    String out = run("-indev", iso.toString(), option, "plain");
    return out.lines()
        .filter(l -> l.startsWith(key))
        .map(l -> l.substring(key.length()).strip())
        .toList();
  }
}
