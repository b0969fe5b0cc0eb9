package io.github.pveiso.pipeline.stage.repack;

import io.github.pveiso.debian.DebEntry;
import io.github.pveiso.proxmox.ProxmoxFirmware;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Picks, from the Debian firmware gathered for repacking, what the package carries when Proxmox's
 * copies win: every file and symlink whose name pve-firmware lacks (plain, {@code .zst} or {@code
 * .xz}). A carried symlink whose target pve-firmware has under the same name is pointed at that
 * copy in {@code /lib/firmware} (a relative link from {@link FirmwareLinkScripts#FOLDER}), so an
 * alias Debian adds loads Proxmox's blob. Only when pve-firmware has the target under another
 * suffix (compressed where Debian's is plain, or the other way round) is Debian's target carried
 * too, kept in the package's folder to serve the link and never linked under {@code updates} (the
 * scripts see that {@code /lib/firmware} has the name).
 */
final class FirmwareGaps {
  private FirmwareGaps() {}

  /** The entries to carry, sorted by path. */
  static List<FirmwareFile> select(List<FirmwareFile> all, ProxmoxFirmware proxmox) {
    Map<String, FirmwareFile> byPath = new TreeMap<>();
    all.forEach(f -> byPath.put(f.path(), f));
    Map<String, FirmwareFile> carried = new TreeMap<>();
    Deque<FirmwareFile> links = new ArrayDeque<>();
    for (FirmwareFile file : all) {
      if (!proxmox.has(file.path())) {
        carried.put(file.path(), file);
        if (file.type() == DebEntry.Type.SYMLINK) {
          links.add(file);
        }
      }
    }
    while (!links.isEmpty()) {
      FirmwareFile link = links.remove();
      Optional<String> target = FirmwarePaths.target(link.path(), link.linkTarget());
      if (target.isEmpty() || carried.containsKey(target.get())) {
        continue;
      }
      if (proxmox.find(target.get()).equals(target)) {
        carried.put(link.path(), toProxmox(link, target.get()));
        continue;
      }
      FirmwareFile debians = byPath.get(target.get());
      if (debians != null) {
        carried.put(debians.path(), debians);
        if (debians.type() == DebEntry.Type.SYMLINK) {
          links.add(debians);
        }
      }
    }
    return List.copyOf(carried.values());
  }

  /** {@code link} pointing at {@code /lib/firmware/<target>} from the package's folder. */
  private static FirmwareFile toProxmox(FirmwareFile link, String target) {
    int depth = (int) link.path().chars().filter(c -> c == '/').count();
    String up = "../".repeat(depth + FirmwareLinkScripts.FOLDER.split("/").length);
    return new FirmwareFile(
        link.path(),
        link.type(),
        link.mode(),
        link.size(),
        link.sha256(),
        up + "lib/firmware/" + target,
        link.sourcePackage(),
        link.sourceVersion(),
        link.sourcePath());
  }
}
