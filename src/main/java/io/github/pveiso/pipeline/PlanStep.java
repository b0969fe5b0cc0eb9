package io.github.pveiso.pipeline;

import io.github.pveiso.pipeline.plan.FirmwarePrecedence;
import io.github.pveiso.pipeline.plan.Plan;
import io.github.pveiso.pipeline.plan.PlanInput;
import io.github.pveiso.pipeline.plan.Planner;
import io.github.pveiso.pipeline.plan.Target;
import io.github.pveiso.proxmox.ProxmoxFirmware;
import java.util.List;

/**
 * Decides, per package and target, add, repack, skip or refuse: hands the candidates, what the ISO
 * has (its packages, its base system, its pve-firmware's firmware) and {@code firmware_precedence}
 * to the {@link Planner}.
 */
final class PlanStep {

  Plan call(
      BuildRequest request,
      SourceFacts source,
      Candidates candidates,
      ProxmoxFirmware proxmoxFirmware) {
    List<Target> targets = request.settings().targets().stream().map(Target::of).toList();
    return new Planner()
        .plan(
            new PlanInput(
                source.architecture(),
                targets,
                source.packages(),
                source.basePackages(),
                candidates.all(),
                proxmoxFirmware,
                FirmwarePrecedence.of(request.settings().firmwarePrecedence())));
  }
}
