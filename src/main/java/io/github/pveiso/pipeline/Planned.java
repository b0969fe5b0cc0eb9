package io.github.pveiso.pipeline;

import io.github.pveiso.pipeline.plan.BootMenuPlan;
import io.github.pveiso.pipeline.plan.Candidate;
import io.github.pveiso.pipeline.plan.InstallerFirmwarePlan;
import io.github.pveiso.pipeline.plan.Plan;
import io.github.pveiso.proxmox.AcquiredIso;
import io.github.pveiso.proxmox.ProxmoxFirmware;
import java.util.List;

/**
 * The result of {@code plan}: the verified source, what inspect found, the downloaded packages and
 * the plan.
 *
 * @param iso the source ISO as acquired
 * @param source what inspect found in it
 * @param candidates the downloaded packages
 * @param plan the plan
 * @param skippedOptional optional requests the mirror does not have
 * @param proxmoxFirmware what the ISO's pve-firmware has, as the plan saw it
 * @param installerFirmware whether {@code /installer-firmware} is added, and why
 * @param bootMenu what the build does to the installer's boot menu
 */
public record Planned(
    AcquiredIso iso,
    SourceFacts source,
    List<Candidate> candidates,
    Plan plan,
    List<String> skippedOptional,
    ProxmoxFirmware proxmoxFirmware,
    InstallerFirmwarePlan installerFirmware,
    BootMenuPlan bootMenu) {}
