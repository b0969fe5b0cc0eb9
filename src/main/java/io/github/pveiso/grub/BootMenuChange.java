package io.github.pveiso.grub;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What to change in the installer's menu.
 *
 * @param arguments kernel arguments to add, in order
 * @param serial the serial console to put GRUB and the serial entries on
 * @param bootDefault the kind of entry GRUB boots by default
 * @param timeout seconds GRUB waits before it boots the default
 */
public record BootMenuChange(
    List<KernelArgument> arguments,
    Optional<SerialConsole> serial,
    Optional<EntryKind> bootDefault,
    Optional<Integer> timeout) {

  /** Nothing to change. */
  public static final BootMenuChange NONE =
      new BootMenuChange(List.of(), Optional.empty(), Optional.empty(), Optional.empty());

  /** Copies the list. */
  public BootMenuChange {
    arguments = List.copyOf(arguments);
  }

  /** True when nothing is asked. */
  public boolean isEmpty() {
    return arguments.isEmpty() && serial.isEmpty() && bootDefault.isEmpty() && timeout.isEmpty();
  }

  /** True when the user asked for something (every part but arguments pveiso adds itself). */
  public boolean explicit() {
    return arguments.stream().anyMatch(KernelArgument::explicit)
        || serial.isPresent()
        || bootDefault.isPresent()
        || timeout.isPresent();
  }

  /** The configuration keys that ask for something, for messages, in table order. */
  public List<String> keys() {
    List<String> keys = new ArrayList<>();
    arguments.stream().map(KernelArgument::key).distinct().forEach(keys::add);
    serial.ifPresent(s -> keys.add("serial_console"));
    bootDefault.ifPresent(s -> keys.add("boot_default"));
    timeout.ifPresent(s -> keys.add("boot_timeout"));
    return keys;
  }
}
