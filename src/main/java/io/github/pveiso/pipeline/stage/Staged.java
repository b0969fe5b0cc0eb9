package io.github.pveiso.pipeline.stage;

import io.github.pveiso.iso.verify.ExpectedContent;
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

  /** ISO path to what the output must hold there, for the verifier. */
  public Map<String, ExpectedContent> expected() {
    Map<String, ExpectedContent> map = new TreeMap<>();
    for (StagedFile f : files) {
      map.put(f.isoPath(), f.expected());
    }
    return map;
  }
}
