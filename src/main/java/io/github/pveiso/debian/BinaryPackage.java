package io.github.pveiso.debian;

import io.github.pveiso.VerificationException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One binary package stanza of a Packages index.
 *
 * @param name the {@code Package} field
 * @param version the parsed {@code Version}
 * @param architecture e.g. {@code amd64} or {@code all}
 * @param filename path of the .deb relative to the archive root ({@code pool/...})
 * @param size size of the .deb in bytes
 * @param sha256 SHA256 of the .deb, lower-case hex
 * @param depends the {@code Depends} field
 * @param preDepends the {@code Pre-Depends} field
 * @param conflicts the {@code Conflicts} field
 * @param breaks the {@code Breaks} field
 * @param replaces the {@code Replaces} field
 * @param provides the {@code Provides} field (each group has one alternative)
 * @param section e.g. {@code non-free-firmware/kernel}, if present
 * @param multiArch the {@code Multi-Arch} value, {@code no} when absent
 * @param source the source package name ({@code Package} when there is no {@code Source})
 * @param fields the whole stanza as written
 */
public record BinaryPackage(
    String name,
    DebianVersion version,
    String architecture,
    String filename,
    long size,
    String sha256,
    List<RelationGroup> depends,
    List<RelationGroup> preDepends,
    List<RelationGroup> conflicts,
    List<RelationGroup> breaks,
    List<RelationGroup> replaces,
    List<RelationGroup> provides,
    Optional<String> section,
    String multiArch,
    String source,
    Stanza fields) {

  /**
   * Reads a Packages stanza; {@code relations} shares parsed relations across an index and {@code
   * label} names the index in errors.
   */
  public static BinaryPackage of(String label, Stanza s, Relations relations) {
    String[] v = new String[Field.values().length];
    for (int i = 0; i < s.size(); i++) {
      Field f = Field.of(s.name(i));
      if (f != null) {
        v[f.ordinal()] = s.value(i);
      }
    }
    String name = required(label, v, Field.PACKAGE, "?");
    String version = required(label, v, Field.VERSION, name);
    String sizeText = required(label, v, Field.SIZE, name);
    long size;
    try {
      size = Long.parseLong(sizeText);
    } catch (NumberFormatException e) {
      throw new VerificationException(label + ": package " + name + " has Size '" + sizeText + "'");
    }
    String sha256 = required(label, v, Field.SHA256, name);
    if (sha256.length() != 64) {
      throw new VerificationException(
          label + ": package " + name + " has a malformed SHA256 '" + sha256 + "'");
    }
    try {
      return new BinaryPackage(
          name,
          DebianVersion.parse(version),
          required(label, v, Field.ARCHITECTURE, name),
          required(label, v, Field.FILENAME, name),
          size,
          sha256,
          rel(v[Field.DEPENDS.ordinal()], relations),
          rel(v[Field.PRE_DEPENDS.ordinal()], relations),
          rel(v[Field.CONFLICTS.ordinal()], relations),
          rel(v[Field.BREAKS.ordinal()], relations),
          rel(v[Field.REPLACES.ordinal()], relations),
          rel(v[Field.PROVIDES.ordinal()], relations),
          Optional.ofNullable(v[Field.SECTION.ordinal()]),
          orElse(v[Field.MULTI_ARCH.ordinal()], "no"),
          sourceName(orElse(v[Field.SOURCE.ordinal()], name)),
          s);
    } catch (IllegalArgumentException e) {
      throw new VerificationException(
          label + ": package " + name + " " + version + ": " + e.getMessage(), e);
    }
  }

  /** The fields this record reads, found in one pass over the stanza. */
  private enum Field {
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

    private static final java.util.Map<String, Field> BY_NAME =
        new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
      for (Field f : values()) {
        BY_NAME.put(f.text, f);
      }
    }

    private final String text;

    Field(String text) {
      this.text = text;
    }

    static @Nullable Field of(String name) {
      return BY_NAME.get(name);
    }
  }

  private static String orElse(@Nullable String value, String fallback) {
    return value == null ? fallback : value;
  }

  /** {@code name_version_arch}, the usual way to name a package in messages. */
  public String id() {
    return name + "_" + version + "_" + architecture;
  }

  /** The file name apt gives the downloaded .deb: {@code name_version_arch.deb}, epoch dropped. */
  public String debFileName() {
    String v = version.toString();
    int colon = v.indexOf(':');
    return name + "_" + (colon >= 0 ? v.substring(colon + 1) : v) + "_" + architecture + ".deb";
  }

  private static String sourceName(String source) {
    int space = source.indexOf(' ');
    return space < 0 ? source : source.substring(0, space);
  }

  private static List<RelationGroup> rel(@Nullable String value, Relations relations) {
    return value == null || value.isEmpty() ? List.of() : relations.parseField(value);
  }

  private static String required(String label, @Nullable String[] values, Field field, String pkg) {
    String v = values[field.ordinal()];
    if (v == null) {
      throw new VerificationException(
          label + ": package " + pkg + " has no " + field.text + " field");
    }
    return v;
  }
}
