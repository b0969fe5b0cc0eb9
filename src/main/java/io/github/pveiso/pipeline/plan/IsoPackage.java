package io.github.pveiso.pipeline.plan;

import io.github.pveiso.debian.ControlFields;
import io.github.pveiso.debian.DebianVersion;
import io.github.pveiso.debian.InstalledPackage;
import io.github.pveiso.debian.RelationGroup;
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

  /**
   * Reads the fields from the .deb's control stanza.
   *
   * @throws io.github.pveiso.VerificationException when a field is malformed, naming it
   */
  public static IsoPackage of(String isoPath, Stanza control) {
    return new IsoPackage(
        isoPath,
        control.get("Package", ""),
        ControlFields.version(isoPath, control, "0"),
        control.get("Architecture", ""),
        ControlFields.relations(isoPath, control, "Conflicts"),
        ControlFields.relations(isoPath, control, "Breaks"),
        ControlFields.relations(isoPath, control, "Provides"));
  }

  /** As an installed package for the resolver. */
  public InstalledPackage installed() {
    return new InstalledPackage(name, version, provides);
  }
}
