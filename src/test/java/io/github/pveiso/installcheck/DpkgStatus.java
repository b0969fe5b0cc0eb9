package io.github.pveiso.installcheck;

import io.github.pveiso.debian.Deb822;
import io.github.pveiso.debian.Stanza;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads a dpkg {@code status} file to see which packages ended up installed. */
final class DpkgStatus {
  static final String INSTALLED = "install ok installed";

  private DpkgStatus() {}

  /**
   * One line per package that is not {@value #INSTALLED}, e.g. {@code firmware-realtek is not
   * installed at the end (dpkg has no record of it)}; empty when all are.
   */
  static List<String> notInstalled(Path adminDir, List<InstallerCheck.Package> packages)
      throws IOException {
    Map<String, String> status = new HashMap<>();
    for (Stanza s : Deb822.parse("dpkg status", Files.readAllBytes(adminDir.resolve("status")))) {
      status.put(s.get("Package", ""), s.get("Status", ""));
    }
    List<String> missing = new ArrayList<>();
    for (InstallerCheck.Package p : packages) {
      String s = status.get(p.name());
      if (s == null) {
        missing.add(p.name() + " is not installed at the end (dpkg has no record of it)");
      } else if (!s.equals(INSTALLED)) {
        missing.add(p.name() + " is not installed at the end (status " + s + ")");
      }
    }
    return missing;
  }
}
