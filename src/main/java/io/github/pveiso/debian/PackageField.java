package io.github.pveiso.debian;

import org.jspecify.annotations.Nullable;

/** The Packages fields a {@link BinaryPackage} reads; every other field of a stanza is dropped. */
enum PackageField {
  PACKAGE("Package"),
  VERSION("Version"),
  ARCHITECTURE("Architecture"),
  FILENAME("Filename"),
  SIZE("Size"),
  SHA256("SHA256"),
  DEPENDS("Depends"),
  PRE_DEPENDS("Pre-Depends"),
  CONFLICTS("Conflicts"),
  BREAKS("Breaks"),
  REPLACES("Replaces"),
  PROVIDES("Provides"),
  SECTION("Section"),
  MULTI_ARCH("Multi-Arch"),
  SOURCE("Source");

  static final int COUNT = values().length;
  private static final PackageField[] ALL = values();

  final String text;

  PackageField(String text) {
    this.text = text;
  }

  /** The field called {@code name} (any case), or null for a field pveiso does not read. */
  static @Nullable PackageField of(String name) {
    for (PackageField f : ALL) {
      if (f.text == name) { // names read by Deb822 or the cache are usually these very strings
        return f;
      }
    }
    for (PackageField f : ALL) {
      if (f.text.equalsIgnoreCase(name)) {
        return f;
      }
    }
    return null;
  }

  static PackageField at(int ordinal) {
    return ALL[ordinal];
  }
}
