package io.github.pveiso.pipeline;

import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.pipeline.plan.Candidate;
import io.github.pveiso.pipeline.plan.Target;
import io.github.pveiso.proxmox.ProxmoxFirmware;
import io.github.pveiso.proxmox.ProxmoxFirmwareReader;
import java.util.List;

/**
 * Reads which firmware the source ISO's pve-firmware has, so that the plan adds only what it lacks
 * ({@code firmware_precedence: proxmox}) or names what Debian's copies shadow ({@code debian}), and
 * stage repacks accordingly. The pipeline runs it only when the plan may send Debian firmware to
 * the installed system ({@link #needed}); else the plan sees {@link ProxmoxFirmware#none()}.
 */
final class ProxmoxFirmwareStep {

  private final ProxmoxFirmwareReader reader;

  ProxmoxFirmwareStep(ProxmoxFirmwareReader reader) {
    this.reader = reader;
  }

  /**
   * True when the plan needs pve-firmware's list: the {@code system} target is on and a candidate
   * has firmware files that are not CPU microcode (only those can be repacked).
   */
  static boolean needed(List<Target> targets, List<Candidate> candidates) {
    return needed(targets, false, candidates);
  }

  /**
   * {@link #needed(List, List)}, or with {@code installerFirmware} on, the {@code iso} target on
   * and a candidate with any firmware files: {@code /installer-firmware} holds only what
   * pve-firmware lacks.
   */
  static boolean needed(
      List<Target> targets, boolean installerFirmware, List<Candidate> candidates) {
    boolean system =
        targets.contains(Target.SYSTEM)
            && candidates.stream()
                .anyMatch(
                    c -> !c.contents().firmwareFiles().isEmpty() && !c.contents().isMicrocode());
    boolean installer =
        installerFirmware
            && targets.contains(Target.ISO)
            && candidates.stream().anyMatch(c -> !c.contents().firmwareFiles().isEmpty());
    return system || installer;
  }

  /** {@link #needed(List, boolean, List)} for what {@code request} configures. */
  static boolean needed(BuildRequest request, Candidates candidates) {
    return needed(
        request.settings().targets().stream().map(Target::of).toList(),
        request.settings().installerFirmware(),
        candidates.all());
  }

  /**
   * The firmware of the pve-firmware among the ISO's packages; none when it has none. A list read
   * before from the ISO with the digest {@code check} names comes from the cache; one read now is
   * kept only once {@code check} has confirmed that digest.
   */
  ProxmoxFirmware call(IsoImage image, SourceFacts source, SourceCheck check) {
    return check.withDigest(
        (sha256, verified) -> reader.read(image, source.product().packages(), sha256, verified));
  }
}
