package io.github.pveiso.pipeline.plan;

import io.github.pveiso.proxmox.ProxmoxFirmware;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides, for the Debian firmware packages whose files go to the system through pveiso's own
 * package, which of their files that package adds, by comparing their names with what the ISO's
 * pve-firmware has ({@code firmware_precedence}), and keeps the split and the warnings for the
 * plan.
 */
final class RepackDecisions {
  private static final String LINKED = " (linked under /lib/firmware/updates)";

  private final ProxmoxFirmware proxmox;
  private final FirmwarePrecedence precedence;
  private final List<FirmwareSplit> splits = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  RepackDecisions(ProxmoxFirmware proxmox, FirmwarePrecedence precedence) {
    this.proxmox = proxmox;
    this.precedence = precedence;
  }

  /**
   * The system decision for {@code c}, whose firmware goes into pveiso's own package because of
   * {@code why} (e.g. {@code conflicts with pve-firmware 3.14-1 on the ISO}); {@code underUpdates}
   * is the reason when everything goes under {@code /lib/firmware/updates} ({@code debian}). With
   * {@code proxmox}, a package whose every firmware file pve-firmware has is skipped.
   */
  Decision decide(Candidate c, String why, String underUpdates) {
    List<String> names = c.contents().firmwareFiles().stream().distinct().sorted().toList();
    List<String> has = names.stream().filter(proxmox::has).toList();
    List<String> lacks = names.stream().filter(n -> !proxmox.has(n)).toList();
    String name = c.pkg().name();
    String version = c.pkg().version().toString();
    String label = proxmox.label();
    if (precedence == FirmwarePrecedence.DEBIAN) {
      splits.add(new FirmwareSplit(name, version, lacks, List.of(), has));
      if (has.isEmpty()) {
        return new Decision(Target.SYSTEM, Action.REPACK, underUpdates);
      }
      warnings.add(
          "firmware_precedence is debian: "
              + name
              + " "
              + version
              + " shadows "
              + files(has.size())
              + " of "
              + label
              + ": "
              + String.join(", ", has));
      return new Decision(
          Target.SYSTEM,
          Action.REPACK,
          underUpdates + "; " + has.size() + " shadow " + label + "'s copies");
    }
    splits.add(new FirmwareSplit(name, version, lacks, has, List.of()));
    if (lacks.isEmpty()) {
      return new Decision(
          Target.SYSTEM,
          Action.SKIP,
          why
              + "; "
              + label
              + (has.size() == 1
                  ? " has its one firmware file"
                  : " has all " + has.size() + " of its firmware files")
              + ", and its copies win");
    }
    if (!proxmox.present()) {
      return new Decision(
          Target.SYSTEM,
          Action.REPACK,
          why
              + ": pveiso's own package adds its "
              + files(lacks.size())
              + LINKED
              + "; the ISO has no "
              + ProxmoxFirmware.PACKAGE);
    }
    return new Decision(
        Target.SYSTEM,
        Action.REPACK,
        why
            + ": pveiso's own package adds the "
            + files(lacks.size())
            + " that "
            + label
            + " lacks"
            + LINKED
            + "; "
            + has.size()
            + (has.size() == 1 ? " is" : " are")
            + " left to its copy");
  }

  /** What each decided package adds and leaves, in the order decided. */
  List<FirmwareSplit> splits() {
    return List.copyOf(splits);
  }

  /** One line per package whose files shadow pve-firmware's ({@code debian}). */
  List<String> warnings() {
    return List.copyOf(warnings);
  }

  private static String files(int count) {
    return count + (count == 1 ? " firmware file" : " firmware files");
  }
}
