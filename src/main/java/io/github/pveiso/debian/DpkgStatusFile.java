package io.github.pveiso.debian;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads dpkg's status database ({@code /var/lib/dpkg/status}): the packages whose {@code Status} is
 * {@code <want> ok installed} ({@code install} or {@code hold}, say). Removed packages whose
 * configuration files remain ({@code deinstall ok config-files}), purged ones and half-installed or
 * half-configured ones do not count.
 */
public final class DpkgStatusFile {
  private DpkgStatusFile() {}

  /**
   * The installed packages in {@code status}, sorted by name then architecture; {@code label} names
   * the file in errors.
   *
   * @throws io.github.pveiso.VerificationException when the file is not deb822 or a version is bad
   */
  public static List<DpkgPackage> installed(String label, byte[] status) {
    List<DpkgPackage> out = new ArrayList<>();
    for (Stanza stanza : Deb822.parse(label, status)) {
      if (isInstalled(stanza.get("Status", ""))) {
        out.add(DpkgPackage.of(label, stanza));
      }
    }
    out.sort(Comparator.comparing(DpkgPackage::name).thenComparing(DpkgPackage::architecture));
    return List.copyOf(out);
  }

  /** True for {@code <want> ok installed}. */
  static boolean isInstalled(String status) {
    String[] words = status.strip().split("\\s+");
    return words.length == 3 && words[1].equals("ok") && words[2].equals("installed");
  }
}
