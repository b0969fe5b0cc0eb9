package io.github.pveiso.installcheck;

import java.util.List;

/** What {@link InstallerCheck} found: the packages install, dpkg refused them, or no check ran. */
public sealed interface InstallerCheckResult {

  /**
   * Every package unpacked and configured.
   *
   * @param debs the .deb file names in the order they were unpacked
   */
  record Passed(List<String> debs) implements InstallerCheckResult {
    /** Copies the list. */
    public Passed {
      debs = List.copyOf(debs);
    }
  }

  /**
   * dpkg refused, as the installer would abort.
   *
   * @param step {@code unpack <file>.deb} or {@code configure}
   * @param reason dpkg's error, e.g. {@code pve-firmware conflicts with firmware-realtek;
   *     conflicting packages - not installing firmware-realtek}
   */
  record Failed(String step, String reason) implements InstallerCheckResult {}

  /**
   * The check could not be run faithfully (no dpkg, or a package with maintainer scripts).
   *
   * @param reason one line saying why
   */
  record NotChecked(String reason) implements InstallerCheckResult {}
}
