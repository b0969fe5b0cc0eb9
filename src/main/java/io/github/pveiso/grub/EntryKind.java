package io.github.pveiso.grub;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an entry of the installer's menu starts, read from its kernel arguments: {@code
 * proxmox-start-auto-installer} is the automated installer, {@code proxdebug} a debug mode, a
 * serial {@code console=} the terminal UI on the serial console, {@code proxtui} the terminal UI,
 * and an entry titled "Install ..." without any of these the graphical installer.
 */
public enum EntryKind {
  /** The automated installer ({@code proxmox-start-auto-installer}). */
  AUTOMATED,
  /** The graphical installer. */
  GRAPHICAL,
  /** The terminal UI ({@code proxtui}). */
  TUI,
  /** The terminal UI on the serial console (a serial {@code console=}). */
  SERIAL,
  /** A debug mode ({@code proxdebug}), with any user interface. */
  DEBUG,
  /** Anything else that boots the installer kernel (a rescue boot, for example). */
  OTHER;

  /** The kinds a configuration can name, in menu order. */
  public static final List<EntryKind> NAMED = List.of(AUTOMATED, GRAPHICAL, TUI, SERIAL, DEBUG);

  /** The name used in configuration values, e.g. {@code tui}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind a configuration value names, if any of {@link #NAMED}. */
  public static Optional<EntryKind> byWord(String word) {
    return NAMED.stream().filter(k -> k.word().equals(word)).findFirst();
  }

  /** The named kinds as text, e.g. {@code automated, graphical, tui, serial, debug}. */
  public static String namedWords() {
    return String.join(", ", NAMED.stream().map(EntryKind::word).toList());
  }
}
