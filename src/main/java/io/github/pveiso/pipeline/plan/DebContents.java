package io.github.pveiso.pipeline.plan;

import java.util.List;

/**
 * What a package carries that the planner cares about, read from its data archive.
 *
 * @param firmwareFiles paths of files and links under {@code lib/firmware} (or {@code
 *     usr/lib/firmware}), relative to the firmware folder, sorted
 * @param intelMicrocode paths of files under {@code lib/firmware/intel-ucode}
 * @param amdMicrocode paths of files under {@code lib/firmware/amd-ucode}
 * @param needsDkms it depends on dkms or ships DKMS sources ({@code usr/src/*}/{@code dkms.conf})
 */
public record DebContents(
    List<String> firmwareFiles,
    List<String> intelMicrocode,
    List<String> amdMicrocode,
    boolean needsDkms) {

  /** Copies the lists. */
  public DebContents {
    firmwareFiles = List.copyOf(firmwareFiles);
    intelMicrocode = List.copyOf(intelMicrocode);
    amdMicrocode = List.copyOf(amdMicrocode);
  }

  /** True when it holds CPU microcode. */
  public boolean isMicrocode() {
    return !intelMicrocode.isEmpty() || !amdMicrocode.isEmpty();
  }
}
