package io.github.pveiso.grub;

import io.github.pveiso.grub.GrubNode.Command;
import io.github.pveiso.iso.BootImage;
import io.github.pveiso.iso.IsoEntry;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.boot.Platform;
import io.github.pveiso.iso.fat.FatEntry;
import io.github.pveiso.iso.fat.FatFileSystem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the GRUB configurations an ISO's BIOS and UEFI boot paths read besides the installer's menu
 * {@code /boot/grub/grub.cfg}: {@code .cfg} files under {@code /boot/grub} and {@code /EFI} on the
 * ISO, {@code .cfg} files in the EFI image, and the configuration built into each GRUB image there
 * ({@link EmbeddedConfig}). Each says whether a change to the menu must reach it too: one that only
 * finds the ISO and loads another configuration ({@code search}, {@code configfile}, {@code set
 * prefix}) needs none; one with installer entries of its own does.
 */
public final class GrubConfigs {

  /** The installer's menu, the file pveiso edits. */
  public static final String MENU = "/boot/grub/grub.cfg";

  private GrubConfigs() {}

  /**
   * Every GRUB configuration on the boot path of {@code iso}, the menu first.
   *
   * @param changing true when the build changes the menu (a configuration with entries of its own
   *     then needs the change too)
   */
  public static List<GrubConfig> find(IsoImage iso, boolean changing) {
    List<GrubConfig> found = new ArrayList<>();
    Optional<IsoEntry> menu = iso.find(MENU).filter(IsoEntry::isFile);
    found.add(
        menu.map(e -> menu(iso.readAllBytes(e), changing))
            .orElse(new GrubConfig(MENU, "menu", false, "missing: the ISO has no " + MENU)));
    for (IsoEntry e : iso.entries()) {
      String lower = e.path().toLowerCase(Locale.ROOT);
      if (e.isFile()
          && lower.endsWith(".cfg")
          && !e.path().equals(MENU)
          && (lower.startsWith("/boot/grub/") || lower.startsWith("/efi/"))) {
        found.add(classify(e.path(), iso.readAllBytes(e), changing));
      }
    }
    for (BootImage b : iso.bootImages()) {
      if (b.platform() == Platform.BIOS) {
        found.add(biosImage(iso, b));
      }
    }
    efi(iso, changing, found);
    return List.copyOf(found);
  }

  private static GrubConfig menu(byte[] cfg, boolean changing) {
    try {
      BootMenu read = BootMenu.read(cfg);
      return new GrubConfig(
          MENU,
          "menu",
          changing,
          read.entries().size()
              + " entries, "
              + read.installerEntries().size()
              + " load the installer kernel"
              + (changing ? "; pveiso edits it" : ""));
    } catch (MenuShapeException e) {
      return new GrubConfig(MENU, "unreadable", false, String.join("; ", e.missing()));
    }
  }

  private static GrubConfig biosImage(IsoImage iso, BootImage b) {
    String name = "BIOS boot image " + b.path().orElse("El Torito image " + b.index());
    Optional<EmbeddedConfig> embedded = EmbeddedConfig.read(iso.bootImageBytes(b));
    if (embedded.isPresent() && embedded.get().config().isPresent()) {
      return classify(
          name + " (built in)",
          embedded.get().config().get().getBytes(StandardCharsets.ISO_8859_1),
          false);
    }
    return new GrubConfig(
        name,
        "other",
        false,
        "a GRUB core image keeps its built-in configuration compressed, so it is not read here;"
            + " GRUB for BIOS then reads grub.cfg from its prefix (/boot/grub on Proxmox's ISOs)");
  }

  private static void efi(IsoImage iso, boolean changing, List<GrubConfig> found) {
    Optional<FatFileSystem> fat = iso.efiFileSystem();
    if (fat.isEmpty()) {
      return;
    }
    String name =
        iso.bootImages().stream()
            .filter(b -> b.platform() == Platform.UEFI)
            .findFirst()
            .flatMap(BootImage::path)
            .or(() -> iso.find("/efi.img").map(IsoEntry::path))
            .orElse("EFI partition");
    for (FatEntry e : fat.get().entries()) {
      String lower = e.path().toLowerCase(Locale.ROOT);
      if (e.directory()) {
        continue;
      }
      if (lower.endsWith(".cfg")) {
        found.add(classify(name + ":" + e.path(), fat.get().read(e), changing));
      } else if (lower.endsWith(".efi")) {
        Optional<EmbeddedConfig> embedded = EmbeddedConfig.read(fat.get().read(e));
        if (embedded.isPresent()) {
          found.add(embedded(name + ":" + e.path(), embedded.get(), changing));
        }
      }
    }
  }

  private static GrubConfig embedded(String location, EmbeddedConfig embedded, boolean changing) {
    String where = location + " (built in)";
    if (embedded.config().isEmpty()) {
      return new GrubConfig(
          where,
          "loader",
          false,
          "no built-in configuration; GRUB reads grub.cfg from its prefix "
              + embedded.prefix().orElse("(none)"));
    }
    return classify(where, embedded.config().get().getBytes(StandardCharsets.ISO_8859_1), changing);
  }

  /** What one configuration does, from its commands. */
  static GrubConfig classify(String location, byte[] cfg, boolean changing) {
    GrubScript script;
    try {
      script = GrubScript.parse(cfg);
    } catch (GrubSyntaxException e) {
      return new GrubConfig(location, "unreadable", false, String.valueOf(e.getMessage()));
    }
    BootMenu menu = BootMenu.read(cfg);
    if (!menu.installerEntries().isEmpty()) {
      return new GrubConfig(
          location,
          "other menu",
          changing,
          menu.installerEntries().size()
              + " entries of its own load the installer kernel"
              + (changing ? "; pveiso does not edit them, so they keep the old arguments" : ""));
    }
    List<String> loads = new ArrayList<>();
    String search = "";
    String prefix = "";
    for (Command c : script.commands()) {
      List<String> args = c.arguments();
      switch (c.name()) {
        case "configfile", "source", "normal" -> {
          if (!args.isEmpty()) {
            loads.add(args.get(args.size() - 1));
          }
        }
        case "search", "search.fs_uuid", "search.file", "search.fs_label" ->
            search = script.display(c.start(), c.end());
        case "set" -> {
          for (String a : args) {
            if (a.startsWith("prefix=")) {
              prefix = a.substring("prefix=".length());
            }
          }
        }
        default -> {}
      }
    }
    if (loads.isEmpty() && !prefix.isEmpty()) {
      loads.add(prefix + "/grub.cfg");
    }
    if (loads.isEmpty()) {
      return new GrubConfig(
          location, "other", false, "defines no installer entries and loads no configuration");
    }
    return new GrubConfig(
        location,
        "loader",
        false,
        (search.isEmpty() ? "" : "finds the ISO with '" + search + "' and ")
            + "loads "
            + String.join(", ", loads.stream().map(GrubScript::decode).toList())
            + "; no change needed");
  }
}
