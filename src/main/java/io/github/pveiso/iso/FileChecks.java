package io.github.pveiso.iso;

import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.VerificationReport.Check;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares the trees: every source entry present and identical unless changed, every change present
 * with its SHA-256, and nothing else added.
 */
final class FileChecks {
  private final EventListener events;

  FileChecks(EventListener events) {
    this.events = events;
  }

  List<Check> run(IsoImage src, IsoImage out, Map<String, String> changes) {
    Set<String> bootFiles = bootFiles(src);
    bootFiles.addAll(bootFiles(out));
    List<String> problems = new ArrayList<>();
    int identical = 0;
    long total = src.entries().stream().filter(IsoEntry::isFile).mapToLong(IsoEntry::size).sum();
    long done = 0;
    for (IsoEntry a : src.entries()) {
      if (changes.containsKey(a.path()) || bootFiles.contains(a.path())) {
        continue;
      }
      Optional<IsoEntry> b = out.find(a.path());
      String problem = b.isEmpty() ? a.path() + " is missing" : compare(src, a, out, b.get());
      if (problem.isEmpty()) {
        identical++;
      } else {
        problems.add(problem);
      }
      if (a.isFile()) {
        done += a.size();
        events.progress("verify files", done, total);
      }
    }
    List<Check> checks = new ArrayList<>();
    checks.add(
        problems.isEmpty()
            ? Check.pass(
                "source files",
                identical
                    + " entries identical to the source"
                    + (bootFiles.isEmpty() ? "" : " (boot catalog and boot images compared above)"))
            : Check.fail(
                "source files",
                problems.get(0)
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "")));
    checks.add(changed(out, changes));
    checks.add(added(src, out, changes));
    return checks;
  }

  private static String compare(IsoImage src, IsoEntry a, IsoImage out, IsoEntry b) {
    if (a.kind() != b.kind()) {
      return a.path() + " is a " + kind(b) + " but was a " + kind(a);
    }
    if (!a.symlinkTarget().equals(b.symlinkTarget())) {
      return a.path()
          + " points at '"
          + b.symlinkTarget().orElse("")
          + "' instead of '"
          + a.symlinkTarget().orElse("")
          + "'";
    }
    if (a.isFile()) {
      if (a.size() != b.size()) {
        return a.path() + " has " + b.size() + " bytes instead of " + a.size();
      }
      long diff = RangeCompare.firstDifference(src.channel(), a, out.channel(), b);
      if (diff >= 0) {
        return a.path() + " differs from the source at byte " + diff;
      }
    }
    return "";
  }

  private static String kind(IsoEntry e) {
    return e.kind().name().toLowerCase(Locale.ROOT);
  }

  private static Check changed(IsoImage out, Map<String, String> changes) {
    for (Map.Entry<String, String> change : new java.util.TreeMap<>(changes).entrySet()) {
      Optional<IsoEntry> e = out.find(change.getKey()).filter(IsoEntry::isFile);
      if (e.isEmpty()) {
        return Check.fail("changed files", change.getKey() + " is missing from the output");
      }
      String actual = out.sha256(e.get());
      if (!actual.equalsIgnoreCase(change.getValue())) {
        return Check.fail(
            "changed files",
            change.getKey()
                + " has SHA-256 "
                + actual
                + " but the change list expects "
                + change.getValue().toLowerCase(Locale.ROOT));
      }
    }
    return Check.pass(
        "changed files",
        changes.size() + " added or replaced files with the " + "expected SHA-256");
  }

  private static Check added(IsoImage src, IsoImage out, Map<String, String> changes) {
    List<String> extra = new ArrayList<>();
    for (IsoEntry e : out.entries()) {
      if (!e.isDirectory() && src.find(e.path()).isEmpty() && !changes.containsKey(e.path())) {
        extra.add(e.path());
      }
    }
    return extra.isEmpty()
        ? Check.pass("unexpected files", "none: the output adds only the listed changes")
        : Check.fail(
            "unexpected files",
            extra.get(0)
                + " is neither in the source nor in the "
                + "change list"
                + (extra.size() > 1 ? " (and " + (extra.size() - 1) + " more)" : ""));
  }

  /** The paths of the boot catalog and boot image files, compared by the boot checks. */
  private static Set<String> bootFiles(IsoImage iso) {
    Set<String> out = new HashSet<>();
    iso.bootImages().forEach(b -> b.path().ifPresent(out::add));
    iso.elToritoRecord()
        .ifPresent(
            r ->
                iso.entries().stream()
                    .filter(e -> e.isFile() && e.firstLba() == r.catalogLba())
                    .forEach(e -> out.add(e.path())));
    return out;
  }
}
