package io.github.pveiso.build;

import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.proxmox.ProxmoxFirmware;
import io.github.pveiso.proxmox.ProxmoxFirmwareReader;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads which firmware the source ISO's pve-firmware has, for a plan that sends Debian firmware to
 * the installed system (see {@link #needed}).
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
    return targets.contains(Target.SYSTEM)
        && candidates.stream()
            .anyMatch(c -> !c.contents().firmwareFiles().isEmpty() && !c.contents().isMicrocode());
  }

  ProxmoxFirmware call(Path iso, SourceFacts source) {
    try (IsoImage image = IsoImage.open(iso)) {
      return reader.read(image, source.product().packages());
    }
  }
}
