package io.github.pveiso.iso.verify;

import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.IsoEntry;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.verify.VerificationReport.Check;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Compares the trees: every source entry present and identical unless changed, every change present
 * with its SHA-256, and nothing else added.
 */
final class FileChecks {
  private final EventListener events;

  FileChecks(EventListener events) {
    this.events = events;
  }

  /**
   * The file checks.
   *
   * @param changes the change list, or null when none was given: then files that differ or were
   *     added are warnings (the user compares two images without knowing what changed), and only
   *     missing source files fail
   */
  List<Check> run(IsoImage src, IsoImage out, @Nullable Map<String, ExpectedContent> changes) {
    return run(src, out, changes, e -> false);
  }

  /**
   * The file checks, taking as verified each output entry that {@code known} says holds bytes
   * already verified (see {@link SiblingEntries}): it is not read again.
   */
  List<Check> run(
      IsoImage src,
      IsoImage out,
      @Nullable Map<String, ExpectedContent> changes,
      Predicate<IsoEntry> known) {
    Map<String, ExpectedContent> listed = changes == null ? Map.of() : changes;
    Set<String> bootFiles = bootFiles(src);
    bootFiles.addAll(bootFiles(out));
    List<String> missing = new ArrayList<>();
    List<String> differing = new ArrayList<>();
    int identical = 0;
    long total = src.entries().stream().filter(IsoEntry::isFile).mapToLong(IsoEntry::size).sum();
    long done = 0;
    for (IsoEntry a : src.entries()) {
      if (listed.containsKey(a.path()) || bootFiles.contains(a.path())) {
        continue;
      }
      Optional<IsoEntry> b = out.find(a.path());
      String problem = b.isEmpty() ? "" : compare(src, a, out, b.get(), known);
      if (b.isEmpty()) {
        missing.add(a.path() + " is missing");
      } else if (problem.isEmpty()) {
        identical++;
      } else {
        differing.add(problem);
      }
      if (a.isFile()) {
        done += a.size();
        events.progress("verify files", done, total);
      }
    }
    List<Check> checks = new ArrayList<>();
    List<String> failures = new ArrayList<>(missing);
    if (changes != null) {
      failures.addAll(differing);
    }
    if (!failures.isEmpty()) {
      checks.add(Check.fail("source files", first(failures)));
    } else if (!differing.isEmpty()) {
      checks.add(Check.warn("source files", first(differing) + "; no change list was given"));
    } else {
      checks.add(
          Check.pass(
              "source files",
              identical
                  + " entries identical to the source"
                  + (bootFiles.isEmpty() ? "" : " (boot catalog and boot images compared above)")));
    }
    if (changes == null) {
      checks.add(Check.pass("changed files", "no change list was given"));
    } else {
      checks.add(changed(out, changes, known));
    }
    Check added = added(src, out, listed);
    checks.add(
        changes == null && !added.passed() ? Check.warn(added.name(), added.detail()) : added);
    return checks;
  }

  private static String first(List<String> problems) {
    return problems.get(0)
        + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
  }

  private static String compare(
      IsoImage src, IsoEntry a, IsoImage out, IsoEntry b, Predicate<IsoEntry> known) {
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
      if (known.test(b)) {
        return "";
      }
      if (!TreeChecks.inside(src, a)) {
        return a.path() + " lies beyond the source image's end";
      }
      if (!TreeChecks.inside(out, b)) {
        return a.path() + " lies beyond the image's end";
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

  private static Check changed(
      IsoImage out, Map<String, ExpectedContent> changes, Predicate<IsoEntry> known) {
    int removed = 0;
    for (Map.Entry<String, ExpectedContent> change : new java.util.TreeMap<>(changes).entrySet()) {
      switch (change.getValue()) {
        case ExpectedContent.Absent absent -> {
          if (out.find(change.getKey()).isPresent()) {
            return Check.fail(
                "changed files", change.getKey() + " should have been removed but is still there");
          }
          removed++;
        }
        case ExpectedContent.Link link -> {
          Optional<String> actual = out.find(change.getKey()).flatMap(IsoEntry::symlinkTarget);
          if (!actual.equals(Optional.of(link.target()))) {
            return Check.fail(
                "changed files",
                change.getKey()
                    + " should be a symbolic link to "
                    + link.target()
                    + " but is "
                    + actual.map(t -> "a link to " + t).orElse("not a link"));
          }
        }
        case ExpectedContent.Digest digest -> {
          Optional<Check> failed = digestCheck(out, change.getKey(), digest, known);
          if (failed.isPresent()) {
            return failed.get();
          }
        }
      }
    }
    return Check.pass(
        "changed files",
        (changes.size() - removed)
            + " added or replaced files with the expected SHA-256"
            + (removed == 0 ? "" : ", " + removed + " removed"));
  }

  private static Optional<Check> digestCheck(
      IsoImage out, String path, ExpectedContent.Digest expected, Predicate<IsoEntry> known) {
    Optional<IsoEntry> e = out.find(path).filter(IsoEntry::isFile);
    if (e.isEmpty()) {
      return Optional.of(Check.fail("changed files", path + " is missing from the output"));
    }
    if (known.test(e.get())) {
      return Optional.empty();
    }
    if (!TreeChecks.inside(out, e.get())) {
      return Optional.of(Check.fail("changed files", path + " lies beyond the image's end"));
    }
    String actual = out.sha256(e.get());
    if (!actual.equalsIgnoreCase(expected.sha256())) {
      return Optional.of(
          Check.fail(
              "changed files",
              path
                  + " has SHA-256 "
                  + actual
                  + " but the change list expects "
                  + expected.lowerCase()));
    }
    return Optional.empty();
  }

  private static Check added(IsoImage src, IsoImage out, Map<String, ExpectedContent> changes) {
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
