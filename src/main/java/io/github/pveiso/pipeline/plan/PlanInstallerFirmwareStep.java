package io.github.pveiso.pipeline.plan;

import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.proxmox.InstallerFirmware;
import io.github.pveiso.proxmox.ProxmoxFirmware;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Decides whether the build adds {@code /installer-firmware} and its kernel argument: when {@code
 * installer_firmware} is on and the packages of the {@code iso} target have a firmware name that
 * the ISO's pve-firmware lacks (plain, {@code .zst} or {@code .xz} counting as one). With nothing
 * to fill, neither the folder nor the argument is added, so the boot path stays as it was.
 */
public final class PlanInstallerFirmwareStep {

  /** The decision for {@code plan}, whose candidates are {@code candidates}. */
  public InstallerFirmwarePlan call(
      BuildSettings settings, Plan plan, List<Candidate> candidates, ProxmoxFirmware proxmox) {
    if (!settings.installerFirmware()) {
      return InstallerFirmwarePlan.NOT_ASKED;
    }
    if (!settings.targets().contains("iso")) {
      return InstallerFirmwarePlan.off(
          "targets has no 'iso', whose /firmware it takes its files from");
    }
    Map<String, Candidate> byName = new HashMap<>();
    candidates.forEach(c -> byName.put(c.pkg().name(), c));
    List<InstallerFirmwarePlan.Share> shares = new ArrayList<>();
    TreeSet<String> lacking = new TreeSet<>();
    TreeSet<String> all = new TreeSet<>();
    for (PackagePlan p : plan.with(Target.ISO, Action.ADD)) {
      Candidate c = byName.get(p.name());
      if (c == null) {
        continue;
      }
      List<String> names = c.contents().firmwareFiles().stream().distinct().sorted().toList();
      List<String> lacks = names.stream().filter(n -> !proxmox.has(n)).toList();
      all.addAll(names);
      lacking.addAll(lacks);
      shares.add(
          new InstallerFirmwarePlan.Share(
              p.name(), p.version(), lacks.size(), names.size() - lacks.size()));
    }
    String label = proxmox.label();
    if (all.isEmpty()) {
      return new InstallerFirmwarePlan(
          false, "the iso target adds no firmware, so there is nothing to fill", label, shares);
    }
    if (lacking.isEmpty()) {
      return new InstallerFirmwarePlan(
          false,
          label + " has all " + all.size() + " firmware files of the iso target",
          label,
          shares);
    }
    return new InstallerFirmwarePlan(
        true,
        lacking.size()
            + " of the iso target's "
            + all.size()
            + " firmware files are missing from "
            + label
            + ": "
            + InstallerFirmware.FOLDER
            + " holds them and "
            + InstallerFirmware.ARGUMENT
            + " goes on the installer's entries",
        label,
        shares);
  }
}
