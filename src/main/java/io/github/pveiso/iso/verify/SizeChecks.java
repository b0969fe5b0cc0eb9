package io.github.pveiso.iso.verify;

import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.boot.ApmEntry;
import io.github.pveiso.iso.boot.Gpt;
import io.github.pveiso.iso.boot.GptEntry;
import io.github.pveiso.iso.boot.Guid;
import io.github.pveiso.iso.boot.MbrPartition;
import io.github.pveiso.iso.boot.SystemArea;
import io.github.pveiso.iso.verify.VerificationReport.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks that an output's partition tables describe the output's own size wherever the source's
 * described the source's: a partition that covered the whole source covers the whole output, and
 * the backup GPT sits at the output's last block. A grown image that kept the source's system area
 * fails here.
 */
final class SizeChecks {
  private SizeChecks() {}

  static List<Check> run(IsoImage src, IsoImage out) {
    SystemArea a = SystemArea.read(src.channel());
    SystemArea b = SystemArea.read(out.channel());
    List<Check> checks = new ArrayList<>();
    if (a.mbr().isPresent()) {
      checks.add(mbr(a, b));
    }
    if (a.gpt().isPresent()) {
      checks.add(gpt(a, b));
    }
    if (a.apm().isPresent()) {
      checks.add(apm(a, b));
    }
    return checks;
  }

  static Check mbr(SystemArea src, SystemArea out) {
    String name = "MBR size";
    List<Integer> expected = src.mbrPartitionsAtEnd();
    if (expected.isEmpty()) {
      return Check.pass(name, "no partition ran to the source's end");
    }
    if (out.mbr().isEmpty()) {
      return Check.fail(name, "the output has no MBR");
    }
    long lastSector = out.size() / 512 - 1;
    List<Integer> actual = out.mbrPartitionsAtEnd();
    for (int i : expected) {
      if (!actual.contains(i)) {
        MbrPartition p = out.mbr().get().partitions().get(i);
        return Check.fail(
            name,
            "partition "
                + (i + 1)
                + " ends at sector "
                + (p.firstLba() + p.sectors() - 1)
                + ", not at the image's last sector "
                + lastSector
                + " as in the source");
      }
    }
    return Check.pass(
        name, "partitions " + numbers(expected) + " end at the last sector " + lastSector);
  }

  static Check gpt(SystemArea src, SystemArea out) {
    String name = "GPT size";
    Gpt a = src.gpt().orElseThrow();
    if (!a.problems(src.size()).isEmpty() || !a.warnings(src.size()).isEmpty()) {
      return Check.pass(name, "the source's GPT does not fit its own size; not compared");
    }
    if (out.gpt().isEmpty()) {
      return Check.fail(name, "the output has no GPT");
    }
    Gpt b = out.gpt().get();
    List<String> wrong = new ArrayList<>(b.problems(out.size()));
    wrong.addAll(b.warnings(out.size()));
    if (!wrong.isEmpty()) {
      return Check.fail(name, wrong.get(0) + "; the source's fits its size");
    }
    List<Integer> actual = out.gptPartitionsAtEnd();
    List<String> names = new ArrayList<>();
    for (int i : src.gptPartitionsAtEnd()) {
      GptEntry was = a.entries().get(i);
      Optional<GptEntry> now =
          b.entries().stream()
              .skip(i)
              .findFirst()
              .filter(e -> e.used() && e.name().equals(was.name()) && e.type().equals(was.type()));
      if (now.isEmpty()) {
        if (isGapFiller(was.name(), was.type())) {
          continue;
        }
        return Check.fail(name, "the output lacks partition " + (i + 1) + " '" + was.name() + "'");
      }
      if (!actual.contains(i)) {
        return Check.fail(
            name,
            "partition "
                + (i + 1)
                + " '"
                + was.name()
                + "' ends at block "
                + now.get().lastLba()
                + " but the usable space ends at block "
                + b.primary().lastUsableLba()
                + "; the source's ran to its end");
      }
      names.add(was.name());
    }
    return Check.pass(
        name,
        "backup header at the last block "
            + b.primary().backupLba()
            + (names.isEmpty() ? "" : ", " + names + " run to the end as in the source"));
  }

  static Check apm(SystemArea src, SystemArea out) {
    String name = "Apple partition map size";
    List<Integer> expected = src.apmEntriesAtEnd();
    if (expected.isEmpty()) {
      return Check.pass(name, "no entry ran to the source's end");
    }
    List<Integer> actual = out.apmEntriesAtEnd();
    List<String> names = new ArrayList<>();
    for (int i : expected) {
      ApmEntry was = src.apm().orElseThrow().entries().get(i);
      Optional<ApmEntry> now =
          out.apm().stream()
              .flatMap(m -> m.entries().stream().skip(i).limit(1))
              .filter(e -> e.name().equals(was.name()) && e.type().equals(was.type()))
              .findFirst();
      if (now.isEmpty()) {
        if (BootChecks.isGapName(was.name())) {
          continue;
        }
        return Check.fail(name, "the output lacks entry " + (i + 1) + " '" + was.name() + "'");
      }
      if (!actual.contains(i)) {
        ApmEntry e = now.get();
        long end = (e.startBlock() + e.blockCount()) * out.apm().orElseThrow().blockSize();
        return Check.fail(
            name,
            "entry "
                + (i + 1)
                + " '"
                + e.name()
                + "' ends at byte "
                + end
                + ", not at the image's end "
                + out.size()
                + " as in the source");
      }
      names.add(was.name());
    }
    return Check.pass(
        name,
        names.isEmpty()
            ? "the source's gap fillers are gone with the padding"
            : names + " end at the image's end as in the source");
  }

  /** xorriso's gap fillers come and go with padding (see {@link BootChecks#isGapName}). */
  private static boolean isGapFiller(String name, String type) {
    return BootChecks.isGapName(name) && type.equals(Guid.BASIC_DATA);
  }

  private static List<Integer> numbers(List<Integer> indices) {
    return indices.stream().map(i -> i + 1).toList();
  }
}
