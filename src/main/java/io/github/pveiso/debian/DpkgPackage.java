package io.github.pveiso.debian;

import java.util.List;

/**
 * A package that dpkg's status database records as installed.
 *
 * @param name the package name
 * @param version its version
 * @param architecture its architecture ({@code amd64}, {@code all}, ...)
 * @param multiArch its {@code Multi-Arch} value, {@code no} when absent
 * @param provides its {@code Provides}
 * @param conflicts its {@code Conflicts}
 * @param breaks its {@code Breaks}
 */
public record DpkgPackage(
    String name,
    DebianVersion version,
    String architecture,
    String multiArch,
    List<RelationGroup> provides,
    List<RelationGroup> conflicts,
    List<RelationGroup> breaks) {

  /** Copies the lists. */
  public DpkgPackage {
    provides = List.copyOf(provides);
    conflicts = List.copyOf(conflicts);
    breaks = List.copyOf(breaks);
  }

  /** Reads the fields of one status stanza; {@code label} names it in errors. */
  static DpkgPackage of(String label, Stanza stanza) {
    String name = stanza.get("Package", "");
    String version = stanza.get("Version", "");
    DebianVersion parsed;
    try {
      parsed = DebianVersion.parse(version);
    } catch (IllegalArgumentException e) {
      throw new io.github.pveiso.VerificationException(
          label + ": package " + name + " has a bad Version '" + version + "': " + e.getMessage());
    }
    return new DpkgPackage(
        name,
        parsed,
        stanza.get("Architecture", ""),
        stanza.get("Multi-Arch", "no"),
        ControlFields.relations(label + ": package " + name, stanza, "Provides"),
        ControlFields.relations(label + ": package " + name, stanza, "Conflicts"),
        ControlFields.relations(label + ": package " + name, stanza, "Breaks"));
  }

  /**
   * Whether it meets unqualified dependencies of packages built for {@code arch}: it is built for
   * that architecture or {@code all}, or it is {@code Multi-Arch: foreign}.
   */
  public boolean serves(String arch) {
    return architecture.equals(arch) || architecture.equals("all") || multiArch.equals("foreign");
  }

  /** As an installed package for the resolver. */
  public InstalledPackage installed() {
    return new InstalledPackage(name, version, provides);
  }

  /** {@code name version}, or {@code name:arch version} for a foreign architecture. */
  public String label(String nativeArch) {
    boolean foreign = !architecture.equals(nativeArch) && !architecture.equals("all");
    return name + (foreign ? ":" + architecture : "") + " " + version;
  }
}
