package io.github.pveiso.build;

import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.iso.IsoEntry;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.IsoVerifier;
import io.github.pveiso.iso.write.IsoChange;
import io.github.pveiso.proxmox.ProductInfo;
import io.github.pveiso.proxmox.answer.AutoInstallFile;
import io.github.pveiso.proxmox.answer.AutoInstallFiles;
import io.github.pveiso.proxmox.answer.AutoInstallRequest;
import io.github.pveiso.proxmox.answer.AutoInstallerMode;
import io.github.pveiso.proxmox.answer.BearerToken;
import io.github.pveiso.proxmox.answer.Content;
import io.github.pveiso.proxmox.answer.FetchMode;
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
 * source has one this configuration does not make. One step of the pipeline.
 */
final class StageAutoInstallStep {

  private final Path work;
  private final Instant mtime;

  /** Writes the files under {@code work}; every node gets {@code mtime}. */
  StageAutoInstallStep(Path work, Instant mtime) {
    this.work = work;
    this.mtime = mtime;
  }

  /**
   * What the settings ask for, or empty without automated installation. Reads the answer, the
   * first-boot executable and the token file.
   */
  static Optional<AutoInstallRequest> request(BuildSettings settings) {
    Optional<FetchMode> fetch = settings.answerFetch();
    if (fetch.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> token =
        settings.answerToken().or(() -> settings.answerTokenFile().map(BearerToken::readFile));
    AutoInstallerMode mode =
        new AutoInstallerMode(
            fetch.get(),
            settings.answerPartitionLabel(),
            settings.answerUrl().map(Object::toString),
            settings.answerCertFingerprint(),
            token);
    Optional<Content> answer =
        fetch.get() == FetchMode.ISO
            ? settings.answerFile().map(f -> read(f, "answer_file"))
            : Optional.empty();
    return Optional.of(
        new AutoInstallRequest(mode, answer, settings.firstBoot().map(f -> read(f, "first_boot"))));
  }

  /** {@code staged} plus the automated-installation changes for {@code request}. */
  Staged call(Staged staged, AutoInstallRequest request, ProductInfo product, Path sourceIso) {
    List<AutoInstallFile> files = AutoInstallFiles.of(request, product);
    Map<String, Long> onSource = onSource(sourceIso);
    List<IsoChange> changes = new ArrayList<>(staged.changes());
    List<StagedFile> listed = new ArrayList<>(staged.files());
    List<String> notes = new ArrayList<>(staged.notes());
    for (AutoInstallFile file : files) {
      Path local = write(file);
      boolean replace = onSource.containsKey(file.isoPath());
      changes.add(
          replace
              ? new IsoChange.ReplaceFile(file.isoPath(), local, file.mode(), mtime)
              : new IsoChange.AddFile(file.isoPath(), local, file.mode(), mtime));
      listed.add(
          new StagedFile(
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
            new StagedFile(
                old.getKey(),
                "remove",
                IsoVerifier.REMOVED,
                old.getValue(),
                "automated-installation file this configuration does not make"));
      }
    }
    listed.sort(Comparator.comparing(StagedFile::isoPath));
    notes.add(
        "automated installation: the installer takes its answer from "
            + request.mode().mode().text()
            + request.firstBoot().map(f -> ", and runs " + f.name() + " at first boot").orElse(""));
    return new Staged(changes, listed, notes, Optional.of(AutoInstallFiles.summary(request)));
  }

  /** The automated-installation files the source has already, with their sizes. */
  private static Map<String, Long> onSource(Path sourceIso) {
    Map<String, Long> found = new TreeMap<>();
    try (IsoImage image = IsoImage.open(sourceIso)) {
      for (String path : AutoInstallFiles.PATHS) {
        image.find(path).filter(IsoEntry::isFile).ifPresent(e -> found.put(path, e.size()));
      }
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

  private static Content read(Path file, String key) {
    try {
      return new Content(String.valueOf(file.getFileName()), Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + key + " " + file + ": " + e.getMessage(), e);
    }
  }
}
