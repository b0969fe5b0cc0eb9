package io.github.pveiso.pipeline.plan;

import io.github.pveiso.debian.DebianVersion;
import io.github.pveiso.debian.InstalledPackage;
import io.github.pveiso.debian.RelationGroup;
import io.github.pveiso.debian.Relations;
import io.github.pveiso.debian.Stanza;
import java.util.List;

/**
 * A package already on the ISO, in {@code /proxmox/packages}.
 *
 * @param isoPath its path on the ISO
 * @param name package name
 * @param version its version
 * @param architecture its architecture
 * @param conflicts its Conflicts
 * @param breaks its Breaks
 * @param provides its Provides
 */
public record IsoPackage(
    String isoPath,
    String name,
    DebianVersion version,
    String architecture,
    List<RelationGroup> conflicts,
    List<RelationGroup> breaks,
    List<RelationGroup> provides) {

  /** Reads the fields from the .deb's control stanza. */
  public static IsoPackage of(String isoPath, Stanza control) {
    return new IsoPackage(
        isoPath,
        control.get("Package", ""),
        DebianVersion.parse(control.get("Version", "0")),
        control.get("Architecture", ""),
        Relations.parse(control.get("Conflicts", "")),
        Relations.parse(control.get("Breaks", "")),
        Relations.parse(control.get("Provides", "")));
  }

  /** As an installed package for the resolver. */
  public InstalledPackage installed() {
    return new InstalledPackage(name, version, provides);
  }
}
