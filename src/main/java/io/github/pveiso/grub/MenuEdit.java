package io.github.pveiso.grub;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The result of editing a GRUB configuration.
 *
 * @param original the file as it was
 * @param edited the file as edited; the same bytes when nothing changed
 * @param entries what changed in each entry that changed, in menu order
 * @param serial the {@code serial} commands as they are now, one line each ({@code line 37: serial
 *     --unit=1 --speed=115200})
 * @param defaultEntry the entry GRUB now boots by default, as a path of titles
 * @param timeout the timeout now set, in seconds
 * @param warnings what was asked but not done, or done with a side effect, one line each
 * @param notes other remarks, one line each
 */
public record MenuEdit(
    byte[] original,
    byte[] edited,
    List<EntryChange> entries,
    List<String> serial,
    Optional<String> defaultEntry,
    Optional<Integer> timeout,
    List<String> warnings,
    List<String> notes) {

  /** Copies the arrays and lists. */
  public MenuEdit {
    original = original.clone();
    edited = edited.clone();
    entries = List.copyOf(entries);
    serial = List.copyOf(serial);
    warnings = List.copyOf(warnings);
    notes = List.copyOf(notes);
  }

  /** An edit that changes nothing. */
  static MenuEdit unchanged(byte[] original, List<String> warnings, List<String> notes) {
    return new MenuEdit(
        original,
        original,
        List.of(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        warnings,
        notes);
  }

  /** The file as it was (a copy). */
  @Override
  public byte[] original() {
    return original.clone();
  }

  /** The file as edited (a copy). */
  @Override
  public byte[] edited() {
    return edited.clone();
  }

  /** True when the edited file differs from the original. */
  public boolean changed() {
    return !Arrays.equals(original, edited);
  }

  /** Every kernel argument added, each once, in the order first added. */
  public List<String> addedArguments() {
    return entries.stream().flatMap(e -> e.added().stream()).distinct().toList();
  }

  /** A unified diff of the change, with the file's path as both names; empty when unchanged. */
  public String diff(String path) {
    if (!changed()) {
      return "";
    }
    return UnifiedDiff.of(
        "a" + path,
        "b" + path,
        new String(original, StandardCharsets.UTF_8),
        new String(edited, StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MenuEdit m
        && Arrays.equals(original, m.original)
        && Arrays.equals(edited, m.edited)
        && entries.equals(m.entries)
        && serial.equals(m.serial)
        && defaultEntry.equals(m.defaultEntry)
        && timeout.equals(m.timeout)
        && warnings.equals(m.warnings)
        && notes.equals(m.notes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(edited) * 31 + entries.hashCode();
  }

  @Override
  public String toString() {
    return "MenuEdit[" + original.length + " -> " + edited.length + " bytes, " + entries + "]";
  }

  /**
   * What changed in one entry.
   *
   * @param entry the entry, as a path of titles
   * @param added the kernel arguments added
   * @param replaced replaced arguments, {@code old -> new}
   */
  public record EntryChange(String entry, List<String> added, List<String> replaced) {
    /** Copies the lists. */
    public EntryChange {
      added = List.copyOf(added);
      replaced = List.copyOf(replaced);
    }
  }
}
