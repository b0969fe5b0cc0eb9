package io.github.pveiso.pipeline;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.proxmox.answer.AutoInstallFiles;
import io.github.pveiso.proxmox.answer.AutoInstallSetup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Right after inspect, before any package is downloaded: when the configuration asks for automated
 * installation, refuses a source ISO without {@code /auto-installer-capable} (older than Proxmox VE
 * 8.2), checks the request once more (the answer against the installer's rules, the first-boot
 * executable's size) and makes the files that stage puts on the ISO; with {@code answer_dir}, for
 * every node, all nodes' problems at once. Reads nothing.
 */
final class CheckAutoInstallStep {

  /**
   * What automated installation a build sets up.
   *
   * @param single the files of a build of one ISO, or empty when it sets up none
   * @param nodes with {@code answer_dir}, node name to its files, in the request's order
   */
  record Checked(Optional<AutoInstallSetup> single, Map<String, AutoInstallSetup> nodes) {}

  Checked call(BuildRequest request, SourceFacts source) {
    Optional<AutoInstallSetup> single =
        request.autoInstall().map(r -> AutoInstallFiles.setup(r, source.product()));
    Map<String, AutoInstallSetup> nodes = new LinkedHashMap<>();
    if (!request.nodes().isEmpty()) {
      AutoInstallFiles.requireCapable(source.product());
      List<String> problems = new ArrayList<>();
      for (BuildRequest.Node node : request.nodes()) {
        try {
          nodes.put(node.name(), AutoInstallFiles.setup(node.autoInstall(), source.product()));
        } catch (InvalidInputException e) {
          problems.add(String.valueOf(e.getMessage()));
        }
      }
      if (!problems.isEmpty()) {
        throw new InvalidInputException(String.join("\n", problems));
      }
    }
    return new Checked(single, nodes);
  }
}
