package io.github.pveiso.pipeline;

import io.github.pveiso.proxmox.answer.AutoInstallFiles;
import io.github.pveiso.proxmox.answer.AutoInstallSetup;
import java.util.Optional;

/**
 * Right after inspect, before any package is downloaded: when the configuration asks for automated
 * installation, refuses a source ISO without {@code /auto-installer-capable} (older than Proxmox VE
 * 8.2), checks the request once more (the answer against the installer's rules, the first-boot
 * executable's size) and makes the files that stage puts on the ISO. Reads nothing.
 */
final class CheckAutoInstallStep {

  /** The files to stage, or empty when the configuration sets up no automated installation. */
  Optional<AutoInstallSetup> call(BuildRequest request, SourceFacts source) {
    return request.autoInstall().map(r -> AutoInstallFiles.setup(r, source.product()));
  }
}
