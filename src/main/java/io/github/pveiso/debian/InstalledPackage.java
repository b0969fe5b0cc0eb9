package io.github.pveiso.debian;

import java.util.List;

/**
 * A package already present on the target (e.g. shipped on the ISO), which satisfies dependencies
 * without being fetched.
 *
 * @param name the package name
 * @param version its version
 * @param provides its {@code Provides} field
 */
public record InstalledPackage(String name, DebianVersion version, List<RelationGroup> provides) {

  /** Reads name, version and Provides from a control stanza (e.g. a .deb's control file). */
  public static InstalledPackage of(Stanza control) {
    return new InstalledPackage(
        control.get("Package", ""),
        DebianVersion.parse(control.get("Version", "")),
        Relations.parse(control.get("Provides", "")));
  }

  /** Whether it meets {@code r}, by name and version or through a matching Provides. */
  public boolean satisfies(Relation r) {
    return PackagePool.satisfies(name, version, provides, r);
  }
}
