package io.github.pveiso.pipeline.stage;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.grub.GrubConfigs;
import io.github.pveiso.iso.write.IsoChange;
import io.github.pveiso.pipeline.plan.BootMenuPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Stages the edited boot menu: writes its bytes under the build's stage folder and adds the
 * replacement of {@code /boot/grub/grub.cfg} to the change list, with its digest for the verifier
 * and the manifest.
 */
public final class StageBootMenuStep {

  private final Path work;
  private final Instant mtime;

  /** Stages under {@code work}, files dated {@code mtime}. */
  public StageBootMenuStep(Path work, Instant mtime) {
    this.work = work;
    this.mtime = mtime;
  }

  /** {@code staged} with the menu's replacement added; {@code staged} itself when unchanged. */
  public Staged call(BootMenuPlan plan, Staged staged) throws IOException {
    if (!plan.changed()) {
      return staged;
    }
    Path file = Files.createDirectories(work).resolve("grub.cfg");
    Files.write(file, plan.edited());
    String sha256 = Sha256Digest.ofFile(file).toString();
    if (!sha256.equals(plan.sha256())) {
      throw new IllegalStateException(
          "staged " + file + " has SHA-256 " + sha256 + ", the plan said " + plan.sha256());
    }
    List<IsoChange> changes = new ArrayList<>(staged.changes());
    changes.add(new IsoChange.ReplaceFile(GrubConfigs.MENU, file, 0644, mtime));
    List<StagedFile> files = new ArrayList<>(staged.files());
    files.add(
        StagedFile.file(
            GrubConfigs.MENU, "replace", sha256, plan.size(), "boot menu edited: " + origin(plan)));
    files.sort(Comparator.comparing(StagedFile::isoPath));
    List<String> notes = new ArrayList<>(staged.notes());
    notes.add("edited " + GrubConfigs.MENU + ": " + origin(plan));
    return new Staged(changes, files, notes, staged.autoInstall(), staged.firmwareFolder());
  }

  private static String origin(BootMenuPlan plan) {
    List<String> parts = new ArrayList<>();
    if (!plan.argumentsAdded().isEmpty()) {
      parts.add("kernel arguments " + String.join(" ", plan.argumentsAdded()));
    }
    if (!plan.serial().isEmpty()) {
      parts.add("serial console moved");
    }
    plan.defaultEntry().ifPresent(d -> parts.add("default '" + d + "'"));
    plan.timeout().ifPresent(t -> parts.add("timeout " + t + " s"));
    return String.join(", ", parts);
  }
}
