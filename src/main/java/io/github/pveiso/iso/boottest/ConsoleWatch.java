package io.github.pveiso.iso.boottest;

import java.util.List;
import java.util.Optional;

/**
 * Reads the serial console line by line and decides a boot's outcome: the marker means success; a
 * GRUB or UEFI shell means failure at once (waiting for the timeout would only hide it).
 */
final class ConsoleWatch {

  /** Lines that show GRUB gave up: its shell's banner or prompt, or a failed device search. */
  static final List<String> GRUB_SHELL =
      List.of(
          "Minimal BASH-like line editing is supported",
          "grub>",
          "grub rescue>",
          "error: no such device");

  /** Lines that show the firmware found nothing bootable. */
  static final List<String> EFI_SHELL = List.of("UEFI Interactive Shell", "Shell>");

  private final String marker;

  ConsoleWatch(String marker) {
    this.marker = marker;
  }

  /** The outcome a line decides, if any. */
  Optional<BootOutcome> classify(String line) {
    if (line.contains(marker)) {
      return Optional.of(BootOutcome.PASSED);
    }
    if (GRUB_SHELL.stream().anyMatch(line::contains)) {
      return Optional.of(BootOutcome.GRUB_SHELL);
    }
    if (EFI_SHELL.stream().anyMatch(line::contains)) {
      return Optional.of(BootOutcome.EFI_SHELL);
    }
    return Optional.empty();
  }

  /** True when the boot has failed and QEMU can be stopped. */
  boolean failed(String line) {
    return classify(line).filter(o -> o != BootOutcome.PASSED).isPresent();
  }

  /** The first deciding line of a whole console log and its outcome. */
  Optional<Decision> decide(String console) {
    for (String line : console.lines().toList()) {
      Optional<BootOutcome> outcome = classify(line);
      if (outcome.isPresent()) {
        return Optional.of(new Decision(outcome.get(), clean(line)));
      }
    }
    return Optional.empty();
  }

  /** An outcome and the line that decided it. */
  record Decision(BootOutcome outcome, String line) {}

  /** The line without terminal escape sequences and surrounding blanks. */
  static String clean(String line) {
    return line.replaceAll("\u001b\\[[0-9;?=]*[A-Za-z]", "").replace("\r", "").strip();
  }
}
