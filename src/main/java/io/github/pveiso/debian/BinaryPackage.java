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
 * @param fields the stanza's fields listed in {@code PackageField} (the ones read here), as written
 *     and in their order; the others (Description, Priority, ...) are dropped
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
   * label} names the index in errors. Only the fields in {@code PackageField} are kept.
   */
  public static BinaryPackage of(String label, Stanza s, Relations relations) {
    @Nullable String[] v = new String[PackageField.COUNT];
    int kept = 0;
    for (int i = 0; i < s.size(); i++) {
      PackageField f = PackageField.of(s.name(i));
      if (f != null) {
        v[f.ordinal()] = s.value(i);
        kept++;
      }
    }
    return build(label, v, kept == s.size() ? s : keptFields(s, kept), relations);
  }

  /**
   * Builds the record from the values of {@code v} (indexed by {@code PackageField.ordinal()}, null
   * when absent) and the stanza of just those fields; the text and cache readers share it.
   */
  static BinaryPackage build(String label, @Nullable String[] v, Stanza kept, Relations relations) {
    String name = required(label, v, PackageField.PACKAGE, "?");
    String version = required(label, v, PackageField.VERSION, name);
    String sizeText = required(label, v, PackageField.SIZE, name);
    long size;
    try {
      size = Long.parseLong(sizeText);
    } catch (NumberFormatException e) {
      throw new VerificationException(label + ": package " + name + " has Size '" + sizeText + "'");
    }
    String sha256 = required(label, v, PackageField.SHA256, name);
    if (sha256.length() != 64) {
      throw new VerificationException(
          label + ": package " + name + " has a malformed SHA256 '" + sha256 + "'");
    }
    try {
      return new BinaryPackage(
          name,
          DebianVersion.parse(version),
          required(label, v, PackageField.ARCHITECTURE, name),
          required(label, v, PackageField.FILENAME, name),
          size,
          sha256,
          rel(v[PackageField.DEPENDS.ordinal()], relations),
          rel(v[PackageField.PRE_DEPENDS.ordinal()], relations),
          rel(v[PackageField.CONFLICTS.ordinal()], relations),
          rel(v[PackageField.BREAKS.ordinal()], relations),
          rel(v[PackageField.REPLACES.ordinal()], relations),
          rel(v[PackageField.PROVIDES.ordinal()], relations),
          Optional.ofNullable(v[PackageField.SECTION.ordinal()]),
          orElse(v[PackageField.MULTI_ARCH.ordinal()], "no"),
          sourceName(orElse(v[PackageField.SOURCE.ordinal()], name)),
          kept);
    } catch (IllegalArgumentException e) {
      throw new VerificationException(
          label + ": package " + name + " " + version + ": " + e.getMessage(), e);
    }
  }

  private static Stanza keptFields(Stanza s, int count) {
    String[] names = new String[count];
    String[] values = new String[count];
    int k = 0;
    for (int i = 0; i < s.size(); i++) {
      if (PackageField.of(s.name(i)) != null) {
        names[k] = s.name(i);
        values[k++] = s.value(i);
      }
    }
    return new Stanza(names, values);
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

  private static String required(
      String label, @Nullable String[] values, PackageField field, String pkg) {
    String v = values[field.ordinal()];
    if (v == null) {
      throw new VerificationException(
          label + ": package " + pkg + " has no " + field.text + " field");
    }
    return v;
  }
}
