package io.github.pveiso.pipeline.stage;

import io.github.pveiso.iso.write.IsoChange;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything staged for the writer: the change list, the digests the verifier expects, and the file
 * list for the manifest.
 *
 * @param changes the changes, in a fixed order
 * @param files every added or replaced file, sorted by ISO path
 * @param notes one line each about what staging did (microcode replaced, package repacked)
 */
public record Staged(List<IsoChange> changes, List<StagedFile> files, List<String> notes) {
  /** Copies the lists. */
  public Staged {
    changes = List.copyOf(changes);
    files = List.copyOf(files);
    notes = List.copyOf(notes);
  }

  /**
   * ISO path to the expected SHA-256 of every staged file (for links {@code -> target}, as {@link
   * io.github.pveiso.iso.verify.IsoVerifier#LINK_PREFIX} says), for the verifier.
   */
  public Map<String, String> expectedDigests() {
    Map<String, String> map = new TreeMap<>();
    for (StagedFile f : files) {
      map.put(f.isoPath(), f.sha256());
    }
    return map;
  }
}
