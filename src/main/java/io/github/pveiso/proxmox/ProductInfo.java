package io.github.pveiso.proxmox;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an ISO says about the Proxmox product it installs, and what about it is not Proxmox-like.
 *
 * @param proxmox true when {@code /.cd-info} names a Proxmox product ({@code PRODUCTLONG} starts
 *     with {@code Proxmox})
 * @param cdInfo the variables of {@code /.cd-info} (empty when missing)
 * @param diskInfo the variables of {@code /.disk/info} (empty when missing)
 * @param cdId the content of {@code /.pve-cd-id.txt}, stripped, or null when missing
 * @param autoInstallerCapable {@code /auto-installer-capable} is present
 * @param baseFileCount the number in {@code /proxmox/pve-base.cnt}, or null when missing or not a
 *     number
 * @param packages the {@code /proxmox/packages/*.deb} files, sorted by path
 * @param findings one plain-language line for each thing that is not as on a Proxmox VE ISO
 */
public record ProductInfo(
    boolean proxmox,
    Map<String, String> cdInfo,
    Map<String, String> diskInfo,
    @Nullable String cdId,
    boolean autoInstallerCapable,
    @Nullable Long baseFileCount,
    List<DebFile> packages,
    List<String> findings) {

  /** Copies the maps and lists. */
  public ProductInfo {
    cdInfo = Map.copyOf(cdInfo);
    diskInfo = Map.copyOf(diskInfo);
    packages = List.copyOf(packages);
    findings = List.copyOf(findings);
  }

  /** True when the ISO is a Proxmox installer. */
  public boolean isProxmox() {
    return proxmox;
  }

  /** {@code PRODUCT} from {@code /.cd-info}, e.g. {@code pve}, or null. */
  public @Nullable String product() {
    return cdInfo.get("PRODUCT");
  }

  /** {@code RELEASE} from {@code /.cd-info}, e.g. {@code 9.1}, or null. */
  public @Nullable String release() {
    return cdInfo.get("RELEASE");
  }

  /** {@code ISORELEASE} from {@code /.cd-info}, e.g. {@code 1}, or null. */
  public @Nullable String isoRelease() {
    return cdInfo.get("ISORELEASE");
  }
}
