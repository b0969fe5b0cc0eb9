package io.github.pveiso.cli;

import io.github.pveiso.inspect.IsoInspection;
import io.github.pveiso.inspect.IsoInspection.BootImageInfo;
import io.github.pveiso.iso.verify.VerificationReport;
import io.github.pveiso.proxmox.DebFile;
import io.github.pveiso.proxmox.ProductInfo;
import java.util.Locale;
import java.util.Map;

/** Renders ISO inspections and verification reports for people. */
final class IsoText {
  private IsoText() {}

  static String inspection(IsoInspection i) {
    StringBuilder t = new StringBuilder();
    line(t, "file", i.path() + " (" + Sizes.human(i.size()) + ")");
    line(t, "volume id", i.volumeId());
    line(t, "GRUB UUID", i.volumeDateUuid() + " (volume modification date)");
    line(
        t,
        "volume",
        Sizes.human(i.volumeBytes())
            + ", names from "
            + i.names()
            + (i.joliet() ? ", Joliet tree" : ""));
    line(
        t,
        "tree",
        i.files() + " files in " + i.directories() + " directories, " + Sizes.human(i.fileBytes()));
    if (i.bootImages().isEmpty()) {
      line(t, "El Torito", "no boot records");
    }
    for (BootImageInfo b : i.bootImages()) {
      line(
          t,
          "boot image " + b.index(),
          String.format(
              Locale.ROOT,
              "%s %s%s, block %d, %d bytes, %s",
              b.platform(),
              b.emulation().toLowerCase(Locale.ROOT),
              b.bootable() ? "" : " (not bootable)",
              b.lba(),
              b.length(),
              b.path() == null ? "not a file in the tree" : b.path()));
    }
    IsoInspection.MbrInfo mbr = i.mbr();
    line(
        t,
        "MBR",
        mbr == null
            ? "none"
            : (mbr.bootCode() ? "boot code, " : "no boot code, ")
                + mbr.partitions().size()
                + " partitions");
    IsoInspection.GptInfo gpt = i.gpt();
    if (gpt == null) {
      line(t, "GPT", "none");
    } else {
      line(
          t,
          "GPT",
          gpt.partitions().size()
              + " partitions, backup header at block "
              + gpt.backupLba()
              + (gpt.problems().isEmpty() ? "" : "; " + gpt.problems().get(0)));
      for (IsoInspection.GptPartitionInfo p : gpt.partitions()) {
        line(
            t,
            "  partition " + p.number(),
            String.format(
                Locale.ROOT,
                "%s %s, blocks %d..%d%s",
                p.name(),
                p.type(),
                p.firstLba(),
                p.lastLba(),
                p.path() == null ? "" : " = " + p.path()));
      }
    }
    IsoInspection.ApmInfo apm = i.appleMap();
    line(
        t,
        "Apple map",
        apm == null
            ? "none"
            : apm.partitions().size()
                + " entries, "
                + apm.blockSize()
                + "-byte blocks"
                + (i.bootLayout().hfsPlus() ? ", HFS+" : ""));
    line(
        t,
        "EFI",
        i.efiArchitectures().isEmpty()
            ? "no EFI loader"
            : String.join(", ", i.efiArchitectures())
                + (i.bootLayout().efiPartitionAppended()
                    ? " (EFI partition appended after the file system)"
                    : ""));
    product(t, i.product());
    line(t, "base system", i.baseSystem().detail());
    i.notes().forEach(n -> line(t, "note", n));
    return t.toString();
  }

  private static void product(StringBuilder t, ProductInfo p) {
    Map<String, String> cd = p.cdInfo();
    line(
        t,
        "product",
        p.isProxmox()
            ? cd.getOrDefault("PRODUCTLONG", "")
                + " "
                + cd.getOrDefault("RELEASE", "")
                + "-"
                + cd.getOrDefault("ISORELEASE", "")
            : "not a Proxmox installer");
    if (p.cdId() != null) {
      line(t, "cd id", p.cdId());
    }
    line(t, "packages", p.packages().size() + " in /proxmox/packages");
    for (DebFile deb : p.packages()) {
      line(t, "", deb.fileName() + " (" + Sizes.human(deb.size()) + ")");
    }
    p.findings().forEach(f -> line(t, "finding", f));
  }

  static String report(VerificationReport r) {
    StringBuilder t = new StringBuilder();
    for (VerificationReport.Check c : r.checks()) {
      t.append(String.format(Locale.ROOT, "%-5s %-26s %s%n", c.status(), c.name(), c.detail()));
    }
    long failed = r.checks().stream().filter(c -> !c.passed()).count();
    t.append(
        failed == 0
            ? r.output()
                + " is consistent"
                + (r.source() == null ? "" : " with " + r.source())
                + "\n"
            : r.output() + " failed " + failed + " of " + r.checks().size() + " checks\n");
    return t.toString();
  }

  private static void line(StringBuilder t, String key, String value) {
    t.append(String.format(Locale.ROOT, "%-14s %s%n", key, value));
  }
}
