package io.github.pveiso.pipeline.plan;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.config.ConfigKey;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.grub.BootMenuChange;
import io.github.pveiso.grub.BootMenuEditor;
import io.github.pveiso.grub.EntryKind;
import io.github.pveiso.grub.GrubConfig;
import io.github.pveiso.grub.GrubConfigs;
import io.github.pveiso.grub.KernelArgument;
import io.github.pveiso.grub.MenuEdit;
import io.github.pveiso.grub.MenuShapeException;
import io.github.pveiso.grub.SerialConsole;
import io.github.pveiso.iso.IsoEntry;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.proxmox.InstallerFirmware;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans the change to the installer's boot menu: reads {@code /boot/grub/grub.cfg} from the source
 * ISO, edits it in memory ({@link BootMenuEditor}) and finds the other GRUB configurations of the
 * boot path. A menu of unknown shape, or one the change cannot reach everywhere, is an error when
 * the user asked for the change and a warning (the menu left as it is) when pveiso asked on its
 * own.
 */
public final class PlanBootMenuStep {

  private final BootMenuChange change;
  private final EventListener events;

  /** A step that plans {@code change}; warnings and notes go to {@code events}. */
  public PlanBootMenuStep(BootMenuChange change, EventListener events) {
    this.change = change;
    this.events = events;
  }

  /**
   * The change the configuration asks for: {@code kernel_args}, {@code serial_console} (which also
   * makes the serial entry the default unless {@code boot_default} says otherwise), {@code
   * boot_default} and {@code boot_timeout}; {@code installer_firmware}'s argument only when the
   * user set it (see {@link #change(BuildSettings, boolean)}).
   */
  public static BootMenuChange change(BuildSettings settings) {
    return change(settings, settings.installerFirmwareAsked());
  }

  /**
   * {@link #change(BuildSettings)}, with {@link InstallerFirmware#ARGUMENT} last on every installer
   * entry when {@code installerFirmware}: asked for by the user when {@code installer_firmware} is
   * set, else pveiso's own (a menu it cannot reach is then left as it is with a warning).
   */
  public static BootMenuChange change(BuildSettings settings, boolean installerFirmware) {
    List<KernelArgument> arguments = new ArrayList<>();
    for (String item : settings.kernelArgs()) {
      arguments.add(KernelArgument.parse(item, "kernel_args"));
    }
    Optional<SerialConsole> serial = settings.serialConsole().map(SerialConsole::parse);
    Optional<EntryKind> bootDefault =
        settings
            .bootDefault()
            .map(word -> EntryKind.byWord(word).orElseThrow())
            .or(() -> serial.map(s -> EntryKind.SERIAL));
    if (installerFirmware) {
      arguments.add(
          new KernelArgument(
              Optional.empty(),
              InstallerFirmware.ARGUMENT,
              ConfigKey.INSTALLER_FIRMWARE.fileKey(),
              settings.installerFirmwareAsked()));
    }
    return new BootMenuChange(
        arguments, serial, bootDefault, settings.bootTimeout().map(Long::intValue));
  }

  /** The plan for the source ISO {@code image}; {@link BootMenuPlan#NONE} when nothing is asked. */
  public BootMenuPlan call(IsoImage image) {
    if (change.isEmpty()) {
      return BootMenuPlan.NONE;
    }
    Path iso = image.path();
    Optional<IsoEntry> file = image.find(GrubConfigs.MENU).filter(IsoEntry::isFile);
    MenuEdit edit;
    try {
      edit =
          BootMenuEditor.apply(
              image.readAllBytes(
                  file.orElseThrow(
                      () -> new MenuShapeException(List.of("the ISO has no " + GrubConfigs.MENU)))),
              change);
    } catch (MenuShapeException e) {
      return refuse(iso, String.join("; ", e.missing()));
    }
    List<GrubConfig> configs = GrubConfigs.find(image, edit.changed());
    List<String> unreached =
        configs.stream()
            .filter(c -> c.needsChange() && !c.location().equals(GrubConfigs.MENU))
            .map(c -> c.location() + " (" + c.detail() + ")")
            .toList();
    if (!unreached.isEmpty()) {
      return refuse(
          iso, "other GRUB configurations have installer entries: " + String.join(", ", unreached));
    }
    edit.warnings().forEach(events::warn);
    edit.notes().forEach(events::info);
    return BootMenuPlan.of(edit, configs);
  }

  private BootMenuPlan refuse(Path iso, String why) {
    String keys = String.join(", ", change.keys());
    String message =
        "cannot apply "
            + keys
            + " to "
            + GrubConfigs.MENU
            + " of "
            + iso.getFileName()
            + ": "
            + why;
    if (change.explicit()) {
      throw new InvalidInputException(message + "; leave out " + keys + " for this ISO");
    }
    String left =
        message
            + "; the menu is left as it is"
            + (change.arguments().stream()
                    .anyMatch(a -> a.text().equals(InstallerFirmware.ARGUMENT))
                ? " and " + InstallerFirmware.FOLDER + " is not added"
                : "");
    events.warn(left);
    return BootMenuPlan.leftAsItIs(List.of(left));
  }
}
