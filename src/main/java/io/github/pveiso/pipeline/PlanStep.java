package io.github.pveiso.pipeline;

import io.github.pveiso.acquire.AcquireResult;
import io.github.pveiso.pipeline.plan.BootMenuPlan;
import io.github.pveiso.pipeline.plan.FirmwarePrecedence;
import io.github.pveiso.pipeline.plan.Plan;
import io.github.pveiso.pipeline.plan.PlanInput;
import io.github.pveiso.pipeline.plan.Planner;
import io.github.pveiso.pipeline.plan.Target;
import io.github.pveiso.proxmox.AcquiredIso;
import io.github.pveiso.proxmox.ProxmoxFirmware;
import java.util.List;

/**
 * Decides, per package and target, add, repack, skip or refuse: hands the candidates, what the ISO
 * has (its packages, its base system, its pve-firmware's firmware) and {@code firmware_precedence}
 * to the {@link Planner}; the boot menu's plan ({@code PlanBootMenuStep}) goes along into {@link
 * Planned}.
 */
final class PlanStep {

  Planned call(
      BuildRequest request,
      SourceFacts source,
      AcquireResult fetched,
      Candidates candidates,
      ProxmoxFirmware proxmoxFirmware,
      AcquiredIso verifiedIso,
      BootMenuPlan bootMenu) {
    List<Target> targets = request.settings().targets().stream().map(Target::of).toList();
    Plan plan =
        new Planner()
            .plan(
                new PlanInput(
                    source.architecture(),
                    targets,
                    source.packages(),
                    source.basePackages(),
                    candidates.all(),
                    proxmoxFirmware,
                    FirmwarePrecedence.of(request.settings().firmwarePrecedence())));
    return new Planned(
        verifiedIso, source, candidates.all(), plan, fetched.skipped(), proxmoxFirmware, bootMenu);
  }
}
