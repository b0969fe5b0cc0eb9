package io.github.pveiso.pipeline.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.github.pveiso.proxmox.InstallerFirmware;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the build does for the firmware the installer itself loads ({@code installer_firmware}):
 * whether {@code /installer-firmware} and its kernel argument are added, and, per package of the
 * {@code iso} target, how many of its firmware names the ISO's pve-firmware lacks (they go into the
 * folder) and how many it has (left to its copy).
 *
 * @param on the folder and the kernel argument are added
 * @param reason one line: why, or why not
 * @param proxmoxFirmware the pve-firmware compared with, e.g. {@code pve-firmware 3.14-1}
 * @param packages per package of the {@code iso} target, in plan order
 */
public record InstallerFirmwarePlan(
    boolean on, String reason, String proxmoxFirmware, List<Share> packages) {

  /**
   * One package's firmware names.
   *
   * @param name the package
   * @param version its version
   * @param added names pve-firmware lacks, which {@code /installer-firmware} holds
   * @param leftToProxmox names pve-firmware has, left to its copy
   */
  public record Share(String name, String version, int added, int leftToProxmox) {}

  /**
   * {@code installer_firmware} is off (set to false, or left at its default without the {@code iso}
   * target): plan, the manifest and JSON leave it out.
   */
  public static final InstallerFirmwarePlan NOT_ASKED = off("installer_firmware is off");

  /** Copies the list. */
  public InstallerFirmwarePlan {
    packages = List.copyOf(packages);
  }

  /** Off, for {@code reason}. */
  public static InstallerFirmwarePlan off(String reason) {
    return new InstallerFirmwarePlan(false, reason, "", List.of());
  }

  /**
   * This plan once the boot menu is planned: off when {@code menu} did not get {@link
   * InstallerFirmware#ARGUMENT} (installer_firmware left at its default and a menu pveiso cannot
   * edit, left as it is with a warning), since a folder nothing points the kernel to would only
   * take room. Else this plan itself.
   */
  public InstallerFirmwarePlan reaching(BootMenuPlan menu) {
    if (!on || menu.argumentsAdded().contains(InstallerFirmware.ARGUMENT)) {
      return this;
    }
    int lacking = packages.stream().mapToInt(Share::added).sum();
    return new InstallerFirmwarePlan(
        false,
        proxmoxFirmware
            + " lacks "
            + lacking
            + " firmware files of the iso target, but the boot menu is left as it is, so neither "
            + InstallerFirmware.FOLDER
            + " nor "
            + InstallerFirmware.ARGUMENT
            + " is added",
        proxmoxFirmware,
        List.of());
  }

  /** True unless {@link #NOT_ASKED}: {@code installer_firmware} is on. */
  @JsonIgnore
  public boolean asked() {
    return !equals(NOT_ASKED);
  }

  /** What the manifest records. */
  public Map<String, Object> manifest() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("on", on);
    m.put("reason", reason);
    m.put("proxmoxFirmware", proxmoxFirmware);
    m.put("packages", packages);
    return m;
  }
}
