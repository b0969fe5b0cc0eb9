package io.github.pveiso.build;

import io.github.pveiso.iso.write.IsoChange;
import io.github.pveiso.proxmox.answer.AutoInstallSummary;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything staged for the writer: the change list, the digests the verifier expects, and the file
 * list for the manifest.
 *
 * @param changes the changes, in a fixed order
 * @param files every added or replaced file, sorted by ISO path
 * @param notes one line each about what staging did (microcode replaced, package repacked)
 * @param autoInstall what the manifest records about automated installation, when it is set up
 */
public record Staged(
    List<IsoChange> changes,
    List<StagedFile> files,
    List<String> notes,
    Optional<AutoInstallSummary> autoInstall) {
  /** Copies the lists. */
  public Staged {
    changes = List.copyOf(changes);
    files = List.copyOf(files);
    notes = List.copyOf(notes);
  }

  /** Staged files without automated installation. */
  public Staged(List<IsoChange> changes, List<StagedFile> files, List<String> notes) {
    this(changes, files, notes, Optional.empty());
  }

  /**
   * ISO path to the expected SHA-256 of every staged file (for links {@code -> target}, as {@link
   * io.github.pveiso.iso.IsoVerifier#LINK_PREFIX} says), for the verifier.
   */
  public Map<String, String> expectedDigests() {
    Map<String, String> map = new TreeMap<>();
    for (StagedFile f : files) {
      map.put(f.isoPath(), f.sha256());
    }
    return map;
  }
}
