package io.github.pveiso.grub;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a GRUB menu, as people read it.
 *
 * @param title its title
 * @param submenus the titles of the submenus it is in, outermost first
 * @param conditions the {@code if} conditions it is defined under, outermost first, as written
 * @param kind what it starts
 * @param kernel the kernel its {@code linux} command loads, empty when it has none
 * @param arguments the kernel arguments after the kernel
 */
public record MenuEntry(
    String title,
    List<String> submenus,
    List<String> conditions,
    EntryKind kind,
    String kernel,
    List<String> arguments) {

  /** Copies the lists. */
  public MenuEntry {
    submenus = List.copyOf(submenus);
    conditions = List.copyOf(conditions);
    arguments = List.copyOf(arguments);
  }

  /** The entry as a path of titles, e.g. {@code Advanced Options > Install Proxmox VE (Debug)}. */
  public String path() {
    List<String> parts = new ArrayList<>(submenus);
    parts.add(title);
    return String.join(" > ", parts);
  }
}
