package io.github.pveiso.pipeline.plan;

import io.github.pveiso.config.PackageKind;
import io.github.pveiso.debian.BinaryPackage;
import io.github.pveiso.debian.DpkgPackage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides, for every package and target, whether it is added, repacked, skipped or refused, and
 * why. Pure: it reads only what acquire and inspect produced, so {@code plan} and {@code build}
 * cannot disagree. The rules follow how the Proxmox installer installs packages (see the facts
 * file): every {@code /proxmox/packages/*.deb} is unpacked with {@code --force-depends}, which does
 * not override Conflicts; DKMS drivers cannot be built in its chroot.
 */
public final class Planner {

  /** Makes the plan. */
  public Plan plan(PlanInput input) {
    OnTarget onTarget = new OnTarget(input.isoPackages(), input.basePackages());
    RepackDecisions repacks =
        new RepackDecisions(input.proxmoxFirmware(), input.firmwarePrecedence());
    List<PackagePlan> plans = new ArrayList<>();
    List<String> replaced = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Candidate candidate : input.candidates()) {
      List<Decision> decisions = new ArrayList<>();
      for (Target target : input.targets()) {
        Decision decision =
            switch (target) {
              case ISO -> iso(candidate);
              case INSTALLER -> installer(candidate, input.isoArchitecture());
              case SYSTEM -> system(candidate, input, onTarget, repacks);
            };
        decisions.add(decision);
        if (target == Target.SYSTEM && decision.action() == Action.ADD) {
          onTarget
              .onIso(candidate.pkg())
              .filter(q -> q.version().compareTo(candidate.pkg().version()) < 0)
              .ifPresent(q -> replaced.add(q.isoPath()));
        }
      }
      BinaryPackage p = candidate.pkg();
      plans.add(
          new PackagePlan(
              p.name(),
              p.version().toString(),
              p.architecture(),
              candidate.url(),
              p.sha256(),
              candidate.requestedBy(),
              decisions,
              onTarget.metByBase(p, input.candidates(), input.isoArchitecture())));
    }
    if (input.targets().contains(Target.ISO)
        && plans.stream().anyMatch(p -> p.action(Target.ISO) == Action.ADD)) {
      warnings.add(
          "the Proxmox installer does not read /firmware on the ISO; it is there for people and"
              + " other tools (firmware reaches the installed system through the 'system' target)");
    }
    warnings.addAll(repacks.warnings());
    return new Plan(
        input.isoArchitecture(),
        input.targets(),
        plans,
        replaced.stream().distinct().sorted().toList(),
        warnings,
        input.firmwarePrecedence(),
        repacks.splits());
  }

  private static Decision iso(Candidate c) {
    int files = c.contents().firmwareFiles().size();
    return files > 0
        ? new Decision(Target.ISO, Action.ADD, files + " firmware files under /firmware")
        : new Decision(Target.ISO, Action.SKIP, "no firmware files");
  }

  private static Decision installer(Candidate c, String arch) {
    if (!c.contents().isMicrocode()) {
      return new Decision(Target.INSTALLER, Action.SKIP, "not CPU microcode");
    }
    if (!arch.equals("amd64")) {
      return new Decision(
          Target.INSTALLER, Action.SKIP, "x86 microcode does not apply to an " + arch + " ISO");
    }
    return new Decision(
        Target.INSTALLER, Action.ADD, "early microcode prepended to /boot/initrd.img");
  }

  private static Decision system(
      Candidate c, PlanInput input, OnTarget onTarget, RepackDecisions repacks) {
    BinaryPackage p = c.pkg();
    if (c.contents().needsDkms() || c.kind().equals(Optional.of(PackageKind.DRIVER))) {
      return new Decision(
          Target.SYSTEM,
          Action.REFUSE,
          "a DKMS driver cannot be built in the installer's chroot (no Proxmox kernel headers, no"
              + " compiler)");
    }
    Optional<IsoPackage> same = onTarget.onIso(p);
    if (same.isPresent() && same.get().version().compareTo(p.version()) >= 0) {
      return new Decision(
          Target.SYSTEM, Action.SKIP, "already on the ISO at version " + same.get().version());
    }
    Optional<DpkgPackage> base = same.isPresent() ? Optional.empty() : onTarget.inBase(p);
    if (base.isPresent() && base.get().version().compareTo(p.version()) >= 0) {
      return new Decision(
          Target.SYSTEM,
          Action.SKIP,
          "already in the base system (/pve-base.squashfs) at version " + base.get().version());
    }
    Optional<OnTarget.Present> conflict = onTarget.conflictWith(p);
    if (conflict.isPresent()) {
      String with = conflict.get().label();
      if (c.contents().firmwareFiles().isEmpty()) {
        return new Decision(
            Target.SYSTEM,
            Action.SKIP,
            "conflicts with " + with + " and has no firmware files of its own");
      }
      return repacks.decide(
          c,
          "conflicts with " + with,
          "conflicts with "
              + with
              + ": its firmware goes into pveiso's own package under /lib/firmware/updates");
    }
    if (!c.contents().firmwareFiles().isEmpty() && !c.contents().isMicrocode()) {
      return repacks.decide(
          c,
          "Debian firmware",
          "Debian firmware: its files go into pveiso's own package under /lib/firmware/updates, so"
              + " they cannot collide unseen with pve-firmware's");
    }
    String why =
        c.contents().isMicrocode()
            ? "microcode; the installer installs the one matching the CPU"
            : same.map(q -> "replaces version " + q.version() + " on the ISO")
                .or(() -> base.map(q -> "upgrades version " + q.version() + " of the base system"))
                .orElse("installed by the Proxmox installer");
    return new Decision(Target.SYSTEM, Action.ADD, why);
  }

  /** True when either side's Conflicts or Breaks names the other (or something it provides). */
  static boolean conflicts(BinaryPackage p, IsoPackage q) {
    return OnTarget.conflicts(p, OnTarget.Present.of(q));
  }
}
