package io.github.pveiso.config;

import io.github.pveiso.grub.EntryKind;
import io.github.pveiso.grub.KernelArgument;
import io.github.pveiso.grub.SerialConsole;
import io.github.pveiso.proxmox.InstallerFirmware;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the boot menu keys: each kernel argument's syntax (what GRUB would misread), no argument
 * twice, the serial console's form, a {@code console=} in kernel_args that contradicts
 * serial_console, the default entry's kind, the timeout's range, and installer_firmware against
 * targets and kernel_args.
 */
final class BootMenuSettings {

  /** The longest boot_timeout: a day. */
  static final long MAX_TIMEOUT = 86_400;

  private final Map<ConfigKey, Setting> settings;

  BootMenuSettings(Map<ConfigKey, Setting> settings) {
    this.settings = settings;
  }

  void validate(List<ConfigProblem> problems) {
    Optional<SerialConsole> serial = serial(problems);
    value(ConfigKey.KERNEL_ARGS)
        .ifPresent(
            setting -> {
              Set<String> seen = new HashSet<>();
              for (Object item : (List<?>) setting.value()) {
                String text = (String) item;
                Optional<String> problem = argument(text, seen, serial);
                problem.ifPresent(
                    p ->
                        problems.add(
                            new ConfigProblem(ConfigKey.KERNEL_ARGS, setting.origin(), p)));
              }
            });
    installerFirmware(problems);
    value(ConfigKey.BOOT_DEFAULT)
        .filter(s -> EntryKind.byWord((String) s.value()).isEmpty())
        .ifPresent(
            s ->
                problems.add(
                    new ConfigProblem(
                        ConfigKey.BOOT_DEFAULT,
                        s.origin(),
                        "'"
                            + s.value()
                            + "' is not valid; expected one of "
                            + EntryKind.namedWords())));
    value(ConfigKey.BOOT_TIMEOUT)
        .filter(s -> (Long) s.value() < 0 || (Long) s.value() > MAX_TIMEOUT)
        .ifPresent(
            s ->
                problems.add(
                    new ConfigProblem(
                        ConfigKey.BOOT_TIMEOUT,
                        s.origin(),
                        "'"
                            + s.value()
                            + "' is out of range; expected seconds from 0 (start at once) to "
                            + MAX_TIMEOUT)));
  }

  /**
   * {@code installer_firmware: true} needs the {@code iso} target ({@code /installer-firmware}
   * takes its files from {@code /firmware}); while it is on (set, or by default with the {@code
   * iso} target), a {@code firmware_class.path} in kernel_args would contradict it.
   */
  private void installerFirmware(List<ConfigProblem> problems) {
    Optional<Given> setting = value(ConfigKey.INSTALLER_FIRMWARE);
    Optional<Given> targets = value(ConfigKey.TARGETS);
    boolean iso = targets.map(t -> ((List<?>) t.value()).contains("iso")).orElse(false);
    if (setting.isPresent() && Boolean.TRUE.equals(setting.get().value()) && !iso) {
      problems.add(
          new ConfigProblem(
              ConfigKey.INSTALLER_FIRMWARE,
              setting.get().origin(),
              "is true but targets has no 'iso': /installer-firmware takes its files from"
                  + " /firmware; add iso to targets or set installer_firmware: false"));
    }
    boolean on = setting.map(s -> Boolean.TRUE.equals(s.value())).orElse(iso);
    if (!on) {
      return;
    }
    value(ConfigKey.KERNEL_ARGS)
        .ifPresent(
            args -> {
              for (Object item : (List<?>) args.value()) {
                String text = (String) item;
                String argument = text.substring(text.indexOf(':') + 1);
                if (argument.startsWith(InstallerFirmware.PARAMETER + "=")) {
                  problems.add(
                      new ConfigProblem(
                          ConfigKey.KERNEL_ARGS,
                          args.origin(),
                          "'"
                              + text
                              + "' contradicts installer_firmware, which sets "
                              + InstallerFirmware.ARGUMENT
                              + "; drop it, or set installer_firmware: false"));
                }
              }
            });
  }

  private Optional<SerialConsole> serial(List<ConfigProblem> problems) {
    Optional<Given> setting = value(ConfigKey.SERIAL_CONSOLE);
    if (setting.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(SerialConsole.parse((String) setting.get().value()));
    } catch (IllegalArgumentException e) {
      problems.add(
          new ConfigProblem(
              ConfigKey.SERIAL_CONSOLE, setting.get().origin(), String.valueOf(e.getMessage())));
      return Optional.empty();
    }
  }

  private Optional<String> argument(String item, Set<String> seen, Optional<SerialConsole> serial) {
    KernelArgument argument;
    try {
      argument = KernelArgument.parse(item, ConfigKey.KERNEL_ARGS.fileKey());
    } catch (IllegalArgumentException e) {
      return Optional.of(String.valueOf(e.getMessage()));
    }
    if (!seen.add(item)) {
      return Optional.of("'" + item + "' is given twice");
    }
    if (serial.isPresent()
        && argument.text().startsWith("console=ttyS")
        && !argument.text().equals(serial.get().argument())) {
      Setting s = settings.get(ConfigKey.SERIAL_CONSOLE);
      return Optional.of(
          "'"
              + item
              + "' contradicts serial_console '"
              + serial.get().text()
              + "'"
              + (s == null ? "" : " (" + s.origin().where() + ")")
              + "; drop it, or give the same port and speed");
    }
    return Optional.empty();
  }

  /** A key's value and origin, when it has a value. */
  private record Given(Object value, Origin origin) {}

  private Optional<Given> value(ConfigKey key) {
    Setting setting = settings.get(key);
    if (setting == null) {
      return Optional.empty();
    }
    Object value = setting.value();
    return value == null ? Optional.empty() : Optional.of(new Given(value, setting.origin()));
  }
}
