package io.github.pveiso.pipeline.stage;

import io.github.pveiso.iso.verify.ExpectedContent;
import io.github.pveiso.iso.write.IsoChange;
import io.github.pveiso.proxmox.answer.AutoInstallSummary;
import java.util.ArrayList;
import java.util.Comparator;
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
 * @param firmwareFolder the staged {@code /firmware} tree, when the {@code iso} target made one
 *     (the installer's firmware folder takes its files from it)
 */
public record Staged(
    List<IsoChange> changes,
    List<StagedFile> files,
    List<String> notes,
    Optional<AutoInstallSummary> autoInstall,
    Optional<FirmwareFolder> firmwareFolder) {
  /** Copies the lists. */
  public Staged {
    changes = List.copyOf(changes);
    files = List.copyOf(files);
    notes = List.copyOf(notes);
  }

  /** Staged files without a {@code /firmware} tree. */
  public Staged(
      List<IsoChange> changes,
      List<StagedFile> files,
      List<String> notes,
      Optional<AutoInstallSummary> autoInstall) {
    this(changes, files, notes, autoInstall, Optional.empty());
  }

  /** Staged files without automated installation or a {@code /firmware} tree. */
  public Staged(List<IsoChange> changes, List<StagedFile> files, List<String> notes) {
    this(changes, files, notes, Optional.empty(), Optional.empty());
  }

  /**
   * This staging followed by {@code more} (another stage step's): changes in order, files sorted by
   * ISO path again, notes in order, and {@code more}'s automated installation and {@code /firmware}
   * tree where it has them.
   */
  public Staged plus(Staged more) {
    List<IsoChange> allChanges = new ArrayList<>(changes);
    allChanges.addAll(more.changes());
    List<StagedFile> allFiles = new ArrayList<>(files);
    allFiles.addAll(more.files());
    allFiles.sort(Comparator.comparing(StagedFile::isoPath));
    List<String> allNotes = new ArrayList<>(notes);
    allNotes.addAll(more.notes());
    return new Staged(
        allChanges,
        allFiles,
        allNotes,
        more.autoInstall().or(() -> autoInstall),
        more.firmwareFolder().or(() -> firmwareFolder));
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
