package io.github.pveiso.grub;

import io.github.pveiso.iso.IsoEntry;
import io.github.pveiso.iso.IsoImage;
import java.util.List;
import java.util.Optional;

/**
 * The installer's boot menu of an ISO, for {@code pveiso inspect}: its entries with their kernel
 * arguments and the other GRUB configurations of the boot path.
 *
 * @param menu the menu's path on the ISO
 * @param entries every entry, in menu order
 * @param configs the GRUB configurations of the boot path, the menu first
 * @param problem why the menu could not be read, when it could not
 */
public record BootMenuReport(
    String menu, List<MenuEntry> entries, List<GrubConfig> configs, Optional<String> problem) {

  /** Copies the lists. */
  public BootMenuReport {
    entries = List.copyOf(entries);
    configs = List.copyOf(configs);
  }

  /** Reads the menu and finds the configurations of {@code iso}. */
  public static BootMenuReport of(IsoImage iso) {
    List<GrubConfig> configs = GrubConfigs.find(iso, false);
    Optional<IsoEntry> file = iso.find(GrubConfigs.MENU).filter(IsoEntry::isFile);
    if (file.isEmpty()) {
      return new BootMenuReport(
          GrubConfigs.MENU, List.of(), configs, Optional.of("the ISO has no " + GrubConfigs.MENU));
    }
    try {
      return new BootMenuReport(
          GrubConfigs.MENU,
          BootMenu.read(iso.readAllBytes(file.get())).entries(),
          configs,
          Optional.empty());
    } catch (MenuShapeException e) {
      return new BootMenuReport(
          GrubConfigs.MENU, List.of(), configs, Optional.of(String.join("; ", e.missing())));
    }
  }
}
