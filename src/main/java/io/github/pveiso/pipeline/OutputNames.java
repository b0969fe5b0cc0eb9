package io.github.pveiso.pipeline;

import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.proxmox.AcquiredIso;

/** The output ISO's file name, and each node's with {@code answer_dir}. */
final class OutputNames {
  private OutputNames() {}

  /** {@code output_name}, or the source's file name with {@code -pveiso} before {@code .iso}. */
  static String of(BuildSettings settings, AcquiredIso iso) {
    if (settings.outputName().isPresent()) {
      return settings.outputName().get();
    }
    String name =
        iso.release().map(r -> r.fileName()).orElseGet(() -> lastSegment(iso.source().getPath()));
    return withoutIso(name) + "-pveiso.iso";
  }

  /**
   * The ISO of {@code node}: {@code outputName} without {@code .iso}, '-', the node, {@code .iso};
   * e.g. {@code proxmox-ve_9.1-1-pveiso-pve1.iso}.
   */
  static String node(String outputName, String node) {
    return withoutIso(outputName) + "-" + node + ".iso";
  }

  private static String withoutIso(String name) {
    return name.endsWith(".iso") ? name.substring(0, name.length() - 4) : name;
  }

  private static String lastSegment(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
