package io.github.pveiso.cli;

import io.github.pveiso.grub.BootMenuReport;
import io.github.pveiso.grub.GrubConfig;
import io.github.pveiso.grub.MenuEdit;
import io.github.pveiso.grub.MenuEntry;
import io.github.pveiso.pipeline.plan.BootMenuPlan;
import java.util.Locale;

/** Shows the boot menu's plan (with its diff) and an ISO's menu entries for people. */
final class BootMenuText {
  private BootMenuText() {}

  /** The boot menu part of a plan; empty when nothing was asked. */
  static String plan(BootMenuPlan plan) {
    if (!plan.asked()) {
      return "";
    }
    StringBuilder t = new StringBuilder(System.lineSeparator());
    t.append("boot menu: ")
        .append(plan.path())
        .append(plan.changed() ? "" : " (unchanged)")
        .append(System.lineSeparator());
    for (MenuEdit.EntryChange e : plan.entries()) {
      String what = String.join(" ", e.added());
      if (!e.replaced().isEmpty()) {
        what = (what.isEmpty() ? "" : what + "; ") + String.join("; ", e.replaced());
      }
      t.append(String.format("  %-9s %s: %s%n", "entry", e.entry(), what));
    }
    plan.serial().forEach(s -> t.append(String.format("  %-9s %s%n", "serial", s)));
    plan.defaultEntry().ifPresent(d -> t.append(String.format("  %-9s %s%n", "default", d)));
    plan.timeout().ifPresent(s -> t.append(String.format("  %-9s %d s%n", "timeout", s)));
    for (GrubConfig c : plan.configs()) {
      t.append(String.format("  %-9s %s%n", "config", config(c)));
    }
    plan.notes().forEach(n -> t.append(String.format("  %-9s %s%n", "note", n)));
    plan.warnings().forEach(w -> t.append("warning: ").append(w).append(System.lineSeparator()));
    if (plan.changed()) {
      t.append(System.lineSeparator()).append(plan.diff());
    }
    return t.toString();
  }

  /** The menu entries and GRUB configurations of an ISO, in inspect's layout. */
  static String report(BootMenuReport report) {
    StringBuilder t = new StringBuilder();
    line(
        t,
        "boot menu",
        report.menu()
            + report
                .problem()
                .map(p -> ": " + p)
                .orElse(": " + report.entries().size() + " entries"));
    for (MenuEntry e : report.entries()) {
      line(
          t,
          "  " + e.kind().word(),
          e.path()
              + (e.conditions().isEmpty() ? "" : " [" + String.join("; ", e.conditions()) + "]")
              + (e.kernel().isEmpty()
                  ? ""
                  : ": " + e.kernel() + " " + String.join(" ", e.arguments())));
    }
    for (GrubConfig c : report.configs()) {
      line(t, "grub config", config(c));
    }
    return t.toString();
  }

  private static String config(GrubConfig c) {
    return c.location() + ": " + c.role() + ", " + c.detail();
  }

  private static void line(StringBuilder t, String key, String value) {
    t.append(String.format(Locale.ROOT, "%-14s %s%n", key, value));
  }
}
