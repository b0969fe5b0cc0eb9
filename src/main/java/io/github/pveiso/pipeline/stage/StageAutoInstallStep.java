package io.github.pveiso.pipeline.stage;

import io.github.pveiso.iso.IsoEntry;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.write.IsoChange;
import io.github.pveiso.proxmox.answer.AutoInstallFile;
import io.github.pveiso.proxmox.answer.AutoInstallFiles;
import io.github.pveiso.proxmox.answer.AutoInstallSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Stages the files of automated installation ({@code /auto-installer-mode.toml}, {@code
 * /answer.toml}, {@code /proxmox-first-boot}) as changes like every other staged file: added, or
 * replaced when the source ISO has them already (a rebuild of an output), and removed when the
 * source has one this configuration does not make. Its {@link Staged} follows the package stage's
 * (see {@link Staged#plus}).
 */
public final class StageAutoInstallStep {

  private final Path work;
  private final Instant mtime;

  /** Writes the files under {@code work}; every node gets {@code mtime}. */
  public StageAutoInstallStep(Path work, Instant mtime) {
    this.work = work;
    this.mtime = mtime;
  }

  /**
   * The automated-installation changes for {@code setup} on {@code sourceIso}; nothing when there
   * is no setup (the source's files, if any, stay as they are).
   */
  public Staged call(IsoImage sourceIso, Optional<AutoInstallSetup> setup) {
    if (setup.isEmpty()) {
      return new Staged(List.of(), List.of(), List.of());
    }
    List<AutoInstallFile> files = setup.get().files();
    Map<String, Long> onSource = onSource(sourceIso);
    List<IsoChange> changes = new ArrayList<>();
    List<StagedFile> listed = new ArrayList<>();
    for (AutoInstallFile file : files) {
      Path local = write(file);
      boolean replace = onSource.containsKey(file.isoPath());
      changes.add(
          replace
              ? new IsoChange.ReplaceFile(file.isoPath(), local, file.mode(), mtime)
              : new IsoChange.AddFile(file.isoPath(), local, file.mode(), mtime));
      listed.add(
          StagedFile.file(
              file.isoPath(),
              replace ? "replace" : "add",
              file.content().sha256(),
              file.content().size(),
              file.origin()));
    }
    for (Map.Entry<String, Long> old : onSource.entrySet()) {
      if (files.stream().noneMatch(f -> f.isoPath().equals(old.getKey()))) {
        changes.add(new IsoChange.RemoveFile(old.getKey()));
        listed.add(
            StagedFile.removed(
                old.getKey(),
                old.getValue(),
                "automated-installation file this configuration does not make"));
      }
    }
    listed.sort(Comparator.comparing(StagedFile::isoPath));
    return new Staged(
        changes, listed, List.of(setup.get().note()), Optional.of(setup.get().summary()));
  }

  /** The automated-installation files the source has already, with their sizes. */
  private static Map<String, Long> onSource(IsoImage sourceIso) {
    Map<String, Long> found = new TreeMap<>();
    for (String path : AutoInstallFiles.PATHS) {
      sourceIso.find(path).filter(IsoEntry::isFile).ifPresent(e -> found.put(path, e.size()));
    }
    return found;
  }

  /** Writes a file only its owner can read (an answer holds passwords). */
  private Path write(AutoInstallFile file) {
    try {
      Path dir = Files.createDirectories(work);
      Path local = dir.resolve(file.isoPath().substring(1));
      Files.deleteIfExists(local);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(
            local,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Files.write(
          local,
          file.content().bytes(),
          StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING);
      return local;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot stage " + file.isoPath() + " in " + work + ": " + e.getMessage(), e);
    }
  }
}
