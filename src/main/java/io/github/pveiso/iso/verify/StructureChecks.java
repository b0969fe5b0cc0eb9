package io.github.pveiso.iso.verify;

import io.github.pveiso.iso.BootImage;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.boot.ApplePartitionMap;
import io.github.pveiso.iso.boot.ElToritoCatalog;
import io.github.pveiso.iso.boot.Gpt;
import io.github.pveiso.iso.boot.Mbr;
import io.github.pveiso.iso.boot.MbrPartition;
import io.github.pveiso.iso.boot.Platform;
import io.github.pveiso.iso.fat.FatFileSystem;
import io.github.pveiso.iso.verify.VerificationReport.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The checks an ISO must pass on its own: catalog, boot images, MBR, GPT and APM consistent. */
final class StructureChecks {
  private StructureChecks() {}

  static List<Check> run(IsoImage iso) {
    List<Check> checks = new ArrayList<>();
    checks.add(TreeChecks.volume(iso));
    checks.add(TreeChecks.extents(iso));
    Optional<ElToritoCatalog> catalog = iso.elTorito();
    if (catalog.isEmpty()) {
      checks.add(Check.pass("El Torito", "no boot records"));
    } else {
      checks.add(
          catalog.get().validation().valid()
              ? Check.pass(
                  "El Torito catalog", catalog.get().images().size() + " entries, checksum ok")
              : Check.fail(
                  "El Torito catalog", "validation entry checksum or key bytes are wrong"));
      for (BootImage b : iso.bootImages()) {
        checks.add(bootImage(iso, b));
      }
    }
    iso.mbr().ifPresent(mbr -> checks.add(mbrPartitions(mbr, iso.size())));
    iso.gpt().ifPresent(gpt -> checks.add(gpt(gpt, iso.size())));
    iso.appleMap().ifPresent(apm -> checks.add(apm(apm, iso.size())));
    return checks;
  }

  private static Check bootImage(IsoImage iso, BootImage b) {
    String name = "boot image " + b.index() + " (" + b.platform() + ")";
    long end = b.extent().offset() + b.length();
    if (b.length() <= 0 || end > iso.size()) {
      return Check.fail(
          name,
          "bytes "
              + b.extent().offset()
              + ".."
              + end
              + " do not lie inside the image of "
              + iso.size()
              + " bytes");
    }
    if (b.platform() == Platform.UEFI) {
      try {
        FatFileSystem fs = FatFileSystem.read(name, iso.bootImageBytes(b));
        return Check.pass(
            name,
            b.length()
                + " bytes at block "
                + b.lba()
                + ", FAT with "
                + fs.entries().size()
                + " entries");
      } catch (io.github.pveiso.VerificationException e) {
        return Check.fail(name, String.valueOf(e.getMessage()));
      }
    }
    return Check.pass(name, b.length() + " bytes at block " + b.lba());
  }

  static Check mbrPartitions(Mbr mbr, long imageBytes) {
    long sectors = imageBytes / 512;
    for (int i = 0; i < 4; i++) {
      MbrPartition p = mbr.partitions().get(i);
      if (p.used() && p.firstLba() + p.sectors() > sectors) {
        return Check.fail(
            "MBR partitions",
            "partition "
                + (i + 1)
                + " ends at sector "
                + (p.firstLba() + p.sectors())
                + " beyond the image's "
                + sectors);
      }
    }
    return Check.pass("MBR partitions", mbr.usedPartitions().size() + " in use, inside the image");
  }

  static Check gpt(Gpt gpt, long imageBytes) {
    List<String> problems = gpt.problems(imageBytes);
    if (!problems.isEmpty()) {
      return Check.fail("GPT", problems.get(0));
    }
    List<String> warnings = gpt.warnings(imageBytes);
    String ok = gpt.partitions().size() + " partitions, header and entry CRCs ok";
    return warnings.isEmpty()
        ? Check.pass("GPT", ok + ", backup header at the last block " + gpt.primary().backupLba())
        : Check.warn("GPT", ok + "; " + warnings.get(0));
  }

  static Check apm(ApplePartitionMap apm, long imageBytes) {
    List<String> problems = apm.problems(imageBytes);
    return problems.isEmpty()
        ? Check.pass("Apple partition map", apm.entries().size() + " entries inside the image")
        : Check.fail("Apple partition map", problems.get(0));
  }
}
