package io.github.pveiso.debian;

import io.github.pveiso.VerificationException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One binary package stanza of a Packages index, a value compared by its fields.
 *
 * <p>The relationship fields ({@code Depends}, {@code Pre-Depends}, {@code Conflicts}, {@code
 * Breaks}, {@code Replaces}, {@code Provides}) are kept as written and parsed on first use: an
 * index has tens of thousands of packages and a resolver looks at a few hundred. A malformed one is
 * reported (a {@link VerificationException} naming the index, the package and the relation) when
 * its accessor is first called, not when the index is read. Equality compares the fields as written
 * ({@link #fields}), which determine the parsed relations.
 *
 * <p>Over 300 lines because it is a value with twenty accessors, each documented, and the lazy
 * parsing of six relation fields that they share; there is no second idea in it.
 */
public final class BinaryPackage {
  private final String label;
  private final String name;
  private final DebianVersion version;
  private final String architecture;
  private final String filename;
  private final long size;
  private final String sha256;
  private final Optional<String> section;
  private final String multiArch;
  private final String source;
  private final Stanza fields;

  // Parsed on first use; a racy single check is enough, since the lists are immutable.
  private @Nullable List<RelationGroup> depends;
  private @Nullable List<RelationGroup> preDepends;
  private @Nullable List<RelationGroup> conflicts;
  private @Nullable List<RelationGroup> breaks;
  private @Nullable List<RelationGroup> replaces;
  private @Nullable List<RelationGroup> provides;

  private BinaryPackage(
      String label,
      String name,
      DebianVersion version,
      String architecture,
      String filename,
      long size,
      String sha256,
      Optional<String> section,
      String multiArch,
      String source,
      Stanza fields) {
    this.label = label;
    this.name = name;
    this.version = version;
    this.architecture = architecture;
    this.filename = filename;
    this.size = size;
    this.sha256 = sha256;
    this.section = section;
    this.multiArch = multiArch;
    this.source = source;
    this.fields = fields;
  }

  /**
   * Reads a Packages stanza; {@code label} names the index in errors. Only the fields in {@code
   * PackageField} are kept.
   */
  public static BinaryPackage of(String label, Stanza s) {
    @Nullable String[] v = new String[PackageField.COUNT];
    int kept = 0;
    for (int i = 0; i < s.size(); i++) {
      PackageField f = PackageField.of(s.name(i));
      if (f != null) {
        v[f.ordinal()] = s.value(i);
        kept++;
      }
    }
    return build(label, v, kept == s.size() ? s : keptFields(s, kept));
  }

  /**
   * Builds the package from the values of {@code v} (indexed by {@code PackageField.ordinal()},
   * null when absent) and the stanza of just those fields; the text and cache readers share it.
   */
  static BinaryPackage build(String label, @Nullable String[] v, Stanza kept) {
    return build(label, v, kept, null);
  }

  /**
   * As {@link #build(String, String[], Stanza)}, with {@code known}, when not null, the version
   * parsed from this very {@code Version} text for another package (the cache reader shares them).
   */
  static BinaryPackage build(
      String label, @Nullable String[] v, Stanza kept, @Nullable DebianVersion known) {
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
    DebianVersion parsed = known;
    if (parsed == null) {
      try {
        parsed = DebianVersion.parse(version);
      } catch (IllegalArgumentException e) {
        throw new VerificationException(
            label + ": package " + name + " " + version + ": " + e.getMessage(), e);
      }
    }
    return new BinaryPackage(
        label,
        name,
        parsed,
        required(label, v, PackageField.ARCHITECTURE, name),
        required(label, v, PackageField.FILENAME, name),
        size,
        sha256,
        Optional.ofNullable(v[PackageField.SECTION.ordinal()]),
        orElse(v[PackageField.MULTI_ARCH.ordinal()], "no"),
        sourceName(orElse(v[PackageField.SOURCE.ordinal()], name)),
        kept);
  }

  /** The {@code Package} field. */
  public String name() {
    return name;
  }

  /** The parsed {@code Version}. */
  public DebianVersion version() {
    return version;
  }

  /** E.g. {@code amd64} or {@code all}. */
  public String architecture() {
    return architecture;
  }

  /** Path of the .deb relative to the archive root ({@code pool/...}). */
  public String filename() {
    return filename;
  }

  /** Size of the .deb in bytes. */
  public long size() {
    return size;
  }

  /** SHA256 of the .deb, lower-case hex. */
  public String sha256() {
    return sha256;
  }

  /** The {@code Depends} field, parsed now if not yet. */
  public List<RelationGroup> depends() {
    List<RelationGroup> r = depends;
    if (r == null) {
      r = relations(PackageField.DEPENDS);
      depends = r;
    }
    return r;
  }

  /** The {@code Pre-Depends} field, parsed now if not yet. */
  public List<RelationGroup> preDepends() {
    List<RelationGroup> r = preDepends;
    if (r == null) {
      r = relations(PackageField.PRE_DEPENDS);
      preDepends = r;
    }
    return r;
  }

  /** The {@code Conflicts} field, parsed now if not yet. */
  public List<RelationGroup> conflicts() {
    List<RelationGroup> r = conflicts;
    if (r == null) {
      r = relations(PackageField.CONFLICTS);
      conflicts = r;
    }
    return r;
  }

  /** The {@code Breaks} field, parsed now if not yet. */
  public List<RelationGroup> breaks() {
    List<RelationGroup> r = breaks;
    if (r == null) {
      r = relations(PackageField.BREAKS);
      breaks = r;
    }
    return r;
  }

  /** The {@code Replaces} field, parsed now if not yet. */
  public List<RelationGroup> replaces() {
    List<RelationGroup> r = replaces;
    if (r == null) {
      r = relations(PackageField.REPLACES);
      replaces = r;
    }
    return r;
  }

  /** The {@code Provides} field (each group has one alternative), parsed now if not yet. */
  public List<RelationGroup> provides() {
    List<RelationGroup> r = provides;
    if (r == null) {
      r = relations(PackageField.PROVIDES);
      provides = r;
    }
    return r;
  }

  /** E.g. {@code non-free-firmware/kernel}, if present. */
  public Optional<String> section() {
    return section;
  }

  /** The {@code Multi-Arch} value, {@code no} when absent. */
  public String multiArch() {
    return multiArch;
  }

  /** The source package name ({@code Package} when there is no {@code Source}). */
  public String source() {
    return source;
  }

  /**
   * The stanza's fields listed in {@code PackageField} (the ones read here), as written and in
   * their order; the others (Description, Priority, ...) are dropped.
   */
  public Stanza fields() {
    return fields;
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

  private List<RelationGroup> relations(PackageField field) {
    String value = fields.get(field.text, "");
    if (value.isEmpty()) {
      return List.of();
    }
    try {
      return Relations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new VerificationException(
          label + ": package " + name + " " + version + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof BinaryPackage p
        && size == p.size
        && name.equals(p.name)
        && version.equals(p.version)
        && architecture.equals(p.architecture)
        && filename.equals(p.filename)
        && sha256.equals(p.sha256)
        && section.equals(p.section)
        && multiArch.equals(p.multiArch)
        && source.equals(p.source)
        && fields.equals(p.fields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, version, architecture, filename, size, sha256, fields);
  }

  @Override
  public String toString() {
    return "BinaryPackage["
        + id()
        + ", "
        + filename
        + ", "
        + size
        + " bytes, sha256 "
        + sha256
        + "]";
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

  private static String sourceName(String source) {
    int space = source.indexOf(' ');
    return space < 0 ? source : source.substring(0, space);
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
