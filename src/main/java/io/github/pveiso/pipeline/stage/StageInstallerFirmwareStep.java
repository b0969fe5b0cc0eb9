package io.github.pveiso.pipeline.stage;

import io.github.pveiso.iso.write.IsoChange;
import io.github.pveiso.pipeline.plan.BootMenuPlan;
import io.github.pveiso.proxmox.InstallerFirmware;
import io.github.pveiso.proxmox.ProxmoxFirmware;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Stages {@code /installer-firmware}: the firmware of the staged {@code /firmware} tree that the
 * ISO's pve-firmware lacks ({@link InstallerFirmwareGaps}), laid out like {@code /lib/firmware},
 * each file a hard link to its {@code /firmware} file so that the writers store its bytes once. It
 * is staged only when the boot menu's plan puts {@link InstallerFirmware#ARGUMENT} on the
 * installer's entries: without it nobody reads the folder.
 */
public final class StageInstallerFirmwareStep {

  private final Path root;
  private final Instant mtime;

  /** Stages the folder at {@code root} (deleted first), every node dated {@code mtime}. */
  public StageInstallerFirmwareStep(Path root, Instant mtime) {
    this.root = root;
    this.mtime = mtime;
  }

  /**
   * {@link #call(Staged, BootMenuPlan, Function, String)} with the names of {@code proxmox}, the
   * ISO's pve-firmware as the plan read it.
   */
  public Staged call(Staged staged, BootMenuPlan menu, ProxmoxFirmware proxmox) throws IOException {
    return call(staged, menu, proxmox::find, proxmox.label());
  }

  /**
   * {@code staged} plus the folder, or {@code staged} itself when the menu does not get the
   * argument.
   *
   * @param staged what the steps before staged, with the {@code /firmware} tree when there is one
   * @param menu the boot menu's plan
   * @param proxmoxFind the name under which the ISO's pve-firmware has a firmware name (plain or
   *     compressed), empty when it lacks it
   * @param proxmoxLabel the package as the notes name it, e.g. {@code pve-firmware 3.14-1}
   */
  public Staged call(
      Staged staged,
      BootMenuPlan menu,
      Function<String, Optional<String>> proxmoxFind,
      String proxmoxLabel)
      throws IOException {
    if (!menu.argumentsAdded().contains(InstallerFirmware.ARGUMENT)) {
      return staged;
    }
    Optional<FirmwareFolder> firmware = staged.firmwareFolder();
    InstallerFirmwareGaps.Choice choice =
        InstallerFirmwareGaps.choose(
            firmware.map(FirmwareFolder::files).orElse(List.of()), proxmoxFind);
    StageFirmwareTreeStep.deleteTree(root);
    Files.createDirectories(root);
    NoFollowTree tree = new NoFollowTree(root);
    List<StagedFile> files = new ArrayList<>();
    long copied = 0;
    for (InstallerFirmwareGaps.Pick pick : choice.picks()) {
      Path target = root.resolve(pick.path()).normalize();
      if (!target.startsWith(root) || tree.prepare(pick.path()).isPresent()) {
        throw new IOException(
            "entry " + pick.path() + " would leave " + root + " or sit below a link");
      }
      String isoPath = InstallerFirmware.FOLDER + "/" + pick.path();
      String origin = pick.entry().pkg() + " " + pick.entry().version();
      switch (pick) {
        case InstallerFirmwareGaps.Bytes b -> {
          Path from = firmware.orElseThrow().root().resolve(b.file().path());
          String of = "/firmware/" + b.file().path();
          if (link(from, target)) {
            files.add(StagedFile.sharing(isoPath, b.file().sha256(), b.file().size(), origin, of));
          } else {
            copied++;
            files.add(
                StagedFile.file(
                    isoPath,
                    "add",
                    b.file().sha256(),
                    b.file().size(),
                    origin + ", a copy of " + of));
          }
        }
        case InstallerFirmwareGaps.ToProxmox p -> {
          Files.createSymbolicLink(target, Path.of(p.target()));
          files.add(StagedFile.link(isoPath, p.target(), 0, origin + ", to pve-firmware's copy"));
        }
      }
    }
    List<String> notes = new ArrayList<>();
    long links =
        choice.picks().stream().filter(p -> p instanceof InstallerFirmwareGaps.ToProxmox).count();
    notes.add(
        InstallerFirmware.FOLDER
            + ": "
            + choice.picks().size()
            + " names "
            + proxmoxLabel
            + " lacks ("
            + (choice.picks().size() - links)
            + " files, "
            + links
            + " links to its copies), "
            + choice.leftToProxmox().size()
            + " of /firmware left to "
            + proxmoxLabel
            + (choice.dropped().isEmpty()
                ? ""
                : ", " + choice.dropped().size() + " links that lead nowhere left out")
            + "; the installer's kernel loads them with "
            + InstallerFirmware.ARGUMENT);
    if (copied > 0) {
      notes.add(
          InstallerFirmware.FOLDER
              + ": "
              + copied
              + " files could not be hard-linked to /firmware's and are stored a second time");
    }
    Staged folder =
        new Staged(
            List.of(new IsoChange.AddTree(InstallerFirmware.FOLDER, root, 0644, 0755, mtime)),
            files,
            notes);
    return staged.plus(folder);
  }

  /** Hard-links {@code target} to {@code from}; a copy where the file system refuses links. */
  private static boolean link(Path from, Path target) throws IOException {
    try {
      Files.createLink(target, from);
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(from, target);
      return false;
    }
  }
}
