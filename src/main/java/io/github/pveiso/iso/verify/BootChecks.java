package io.github.pveiso.iso.verify;

import io.github.pveiso.iso.BootImage;
import io.github.pveiso.iso.BootLayoutReader;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.boot.ApmEntry;
import io.github.pveiso.iso.boot.ApplePartitionMap;
import io.github.pveiso.iso.boot.Gpt;
import io.github.pveiso.iso.boot.GptEntry;
import io.github.pveiso.iso.boot.Guid;
import io.github.pveiso.iso.boot.Mbr;
import io.github.pveiso.iso.boot.MbrPartition;
import io.github.pveiso.iso.boot.Platform;
import io.github.pveiso.iso.verify.VerificationReport.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Compares the boot provisions of an output with its source's. */
final class BootChecks {
  private BootChecks() {}

  static List<Check> run(IsoImage src, IsoImage out) {
    List<Check> checks = new ArrayList<>();
    checks.add(entries(src, out));
    int n = Math.min(src.bootImages().size(), out.bootImages().size());
    for (int i = 0; i < n; i++) {
      checks.add(image(src, src.bootImages().get(i), out, out.bootImages().get(i)));
    }
    checks.add(mbrBootCode(src, out));
    checks.add(mbrPartitions(src, out));
    checks.add(gpt(src, out));
    checks.add(efiPartition(src, out));
    checks.add(apm(src, out));
    return checks;
  }

  private static String describe(List<BootImage> images) {
    List<String> parts = new ArrayList<>();
    for (BootImage b : images) {
      parts.add(
          b.platform()
              + " "
              + b.emulation()
              + (b.entry().bootable() ? "" : " not-bootable")
              + " seg "
              + b.entry().loadSegment()
              + " sectors "
              + b.entry().sectorCount());
    }
    return parts.isEmpty() ? "no boot records" : String.join(", ", parts);
  }

  private static Check entries(IsoImage src, IsoImage out) {
    String expected = describe(src.bootImages());
    String actual = describe(out.bootImages());
    return expected.equals(actual)
        ? Check.pass("El Torito entries", actual)
        : Check.fail("El Torito entries", "[" + actual + "] but the source has [" + expected + "]");
  }

  private static Check image(IsoImage src, BootImage a, IsoImage out, BootImage b) {
    String name = "boot image " + b.index() + " (" + b.platform() + ")";
    String diff =
        BootPatches.compareImages(src.bootImageBytes(a), a.lba(), out.bootImageBytes(b), b.lba());
    if (diff.isEmpty()) {
      return Check.pass(name, "byte-identical, " + b.length() + " bytes");
    }
    return diff.startsWith("identical except") ? Check.pass(name, diff) : Check.fail(name, diff);
  }

  private static Check mbrBootCode(IsoImage src, IsoImage out) {
    Optional<Mbr> a = src.mbr();
    Optional<Mbr> b = out.mbr();
    if (a.isEmpty() || b.isEmpty()) {
      return a.isPresent() == b.isPresent()
          ? Check.pass("MBR boot code", "no MBR in either")
          : Check.fail(
              "MBR boot code",
              a.isPresent()
                  ? "the output lost the source's MBR"
                  : "the output has an MBR the source lacks");
    }
    List<int[]> allowed = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    byte[] codeA = a.get().bootCode();
    byte[] codeB = b.get().bootCode();
    if (codeA[0] == 'E' && codeA[1] == 'R' && codeB[0] == 'E' && codeB[1] == 'R') {
      allowed.add(new int[] {4, 8});
      notes.add("the Apple map's block count");
    }
    long biosA = biosLba(src);
    long biosB = biosLba(out);
    if (biosA >= 0
        && biosB >= 0
        && BootPatches.hasGrub2MbrPointer(a.get().record(), biosA)
        && BootPatches.hasGrub2MbrPointer(b.get().record(), biosB)) {
      allowed.add(new int[] {BootPatches.GRUB2_MBR_AT, BootPatches.GRUB2_MBR_AT + 8});
      notes.add("GRUB2's pointer to the BIOS boot image");
    }
    int diff = BootPatches.firstDifference(codeA, codeB, allowed);
    if (diff >= 0) {
      return Check.fail("MBR boot code", "byte " + diff + " differs from the source");
    }
    return Check.pass(
        "MBR boot code",
        java.util.Arrays.equals(codeA, codeB)
            ? "byte-identical"
            : "identical except " + String.join(" and ", notes) + ", which match the new image");
  }

  private static long biosLba(IsoImage iso) {
    return iso.bootImages().stream()
        .filter(b -> b.platform() == Platform.BIOS)
        .mapToLong(BootImage::lba)
        .findFirst()
        .orElse(-1);
  }

  private static Check mbrPartitions(IsoImage src, IsoImage out) {
    List<Integer> a = src.mbr().map(m -> types(m)).orElse(List.of());
    List<Integer> b = out.mbr().map(m -> types(m)).orElse(List.of());
    if (!a.equals(b)) {
      return Check.fail("MBR partition types", "types " + b + " but the source has " + a);
    }
    return Check.pass("MBR partition types", "types " + b + " as in the source");
  }

  private static List<Integer> types(Mbr mbr) {
    return mbr.partitions().stream().map(MbrPartition::type).toList();
  }

  private static Check gpt(IsoImage src, IsoImage out) {
    List<String> a = src.gpt().map(BootChecks::gptSummary).orElse(List.of());
    List<String> b = out.gpt().map(BootChecks::gptSummary).orElse(List.of());
    if (!a.equals(b)) {
      return Check.fail("GPT partitions", b + " but the source has " + a);
    }
    return Check.pass(
        "GPT partitions",
        a.isEmpty() ? "no GPT in either" : a + " as in the source (gap fillers aside)");
  }

  private static List<String> gptSummary(Gpt gpt) {
    return gpt.partitions().stream()
        .filter(e -> !(isGapName(e.name()) && e.type().equals(Guid.BASIC_DATA)))
        .map(e -> e.name() + ":" + e.type())
        .toList();
  }

  /**
   * xorriso fills the space between partitions with partitions named {@code Gap0}, {@code Gap1}
   * ...; they boot nothing, come and go with padding, and are left out of comparisons.
   */
  static boolean isGapName(String name) {
    return name.matches("Gap[0-9]+");
  }

  private static Check efiPartition(IsoImage src, IsoImage out) {
    Optional<long[]> a = efiRange(src);
    Optional<long[]> b = efiRange(out);
    if (a.isEmpty() || b.isEmpty()) {
      return a.isPresent() == b.isPresent()
          ? Check.pass("EFI partition", "no EFI system partition in either")
          : Check.fail(
              "EFI partition",
              a.isPresent()
                  ? "the output lost the EFI partition"
                  : "the output has an EFI partition the source lacks");
    }
    Optional<String> outside = outside(src, a.get()).or(() -> outside(out, b.get()));
    if (outside.isPresent()) {
      return Check.fail("EFI partition", outside.get());
    }
    long length = b.get()[1];
    if (a.get()[1] != length) {
      return Check.fail("EFI partition", length + " bytes but the source's has " + a.get()[1]);
    }
    long diff =
        RangeCompare.firstDifference(src.channel(), a.get()[0], out.channel(), b.get()[0], length);
    return diff < 0
        ? Check.pass(
            "EFI partition",
            "same "
                + length
                + " bytes as the source's, at byte "
                + b.get()[0]
                + (BootLayoutReader.efiPartitionAppended(out, Optional.of(b.get()[0]))
                    ? " (appended)"
                    : ""))
        : Check.fail("EFI partition", "byte " + diff + " differs from the source's");
  }

  /** Says so when {@code range} ({offset, length}) is no range of bytes inside {@code iso}. */
  private static Optional<String> outside(IsoImage iso, long[] range) {
    if (range[0] >= 0 && range[1] > 0 && range[0] + range[1] <= iso.size()) {
      return Optional.empty();
    }
    return Optional.of(
        iso.path()
            + "'s EFI partition, "
            + range[1]
            + " bytes at byte "
            + range[0]
            + ", lies outside its "
            + iso.size()
            + " bytes");
  }

  /** The EFI system partition as {offset, length} in bytes, from the GPT or else the MBR. */
  private static Optional<long[]> efiRange(IsoImage iso) {
    Optional<long[]> fromGpt =
        iso.gpt()
            .flatMap(
                g ->
                    g.partitions().stream()
                        .filter(e -> e.type().equals(Guid.EFI_SYSTEM))
                        .findFirst())
            .map((GptEntry e) -> new long[] {e.firstLba() * 512, e.blocks() * 512});
    if (fromGpt.isPresent()) {
      return fromGpt;
    }
    return iso.mbr()
        .flatMap(
            m ->
                m.usedPartitions().stream()
                    .filter(p -> p.type() == BootLayoutReader.MBR_EFI_TYPE)
                    .findFirst())
        .map(p -> new long[] {p.firstLba() * 512, p.sectors() * 512});
  }

  private static Check apm(IsoImage src, IsoImage out) {
    List<String> a = src.appleMap().map(BootChecks::apmSummary).orElse(List.of());
    List<String> b = out.appleMap().map(BootChecks::apmSummary).orElse(List.of());
    return a.equals(b)
        ? Check.pass(
            "Apple partition map", a.isEmpty() ? "none in either" : a + " as in the source")
        : Check.fail("Apple partition map", b + " but the source has " + a);
  }

  private static List<String> apmSummary(ApplePartitionMap apm) {
    return apm.entries().stream()
        .filter(e -> !isGapName(e.name()))
        .map((ApmEntry e) -> e.name() + ":" + e.type())
        .toList();
  }
}
