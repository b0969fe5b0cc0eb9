package io.github.pveiso.debian;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed Packages index ({@code <component>/binary-<arch>/Packages}): its packages in file order
 * and by name. Parsing reads bytes, not lines, on several threads (see {@code PackagesReader});
 * {@link #writeTo}/{@link #readFrom} store it in a compact binary form for a cache.
 */
public final class PackagesIndex {
  private final String label;
  private final List<BinaryPackage> packages;
  private final Map<String, List<BinaryPackage>> byName;

  PackagesIndex(String label, List<BinaryPackage> packages) {
    this.label = label;
    this.packages = Collections.unmodifiableList(packages);
    Map<String, List<BinaryPackage>> map = new HashMap<>(packages.size() * 2);
    for (BinaryPackage p : packages) {
      map.computeIfAbsent(p.name(), k -> new ArrayList<>(1)).add(p);
    }
    this.byName = map;
  }

  /**
   * Parses an uncompressed Packages stream; {@code label} names it in errors (e.g. {@code
   * trixie/main/binary-amd64/Packages}). The stream is read to its end, not closed.
   */
  public static PackagesIndex parse(String label, InputStream uncompressed) throws IOException {
    return new PackagesIndex(label, PackagesReader.read(label, "", uncompressed));
  }

  /**
   * Parses a Packages file compressed as its name says ({@code Packages.xz}, {@code .gz}, none),
   * and closes {@code in}.
   */
  public static PackagesIndex parse(String label, String fileName, InputStream in)
      throws IOException {
    try (in) {
      return new PackagesIndex(label, PackagesReader.read(label, fileName, in));
    }
  }

  /** Builds an index from stanzas already read (e.g. a local repository). */
  public static PackagesIndex of(String label, List<Stanza> stanzas) {
    List<BinaryPackage> packages = new ArrayList<>(stanzas.size());
    for (Stanza s : stanzas) {
      packages.add(BinaryPackage.of(label, s));
    }
    return new PackagesIndex(label, packages);
  }

  /** What this index is called in messages. */
  public String label() {
    return label;
  }

  /** All packages in file order. */
  public List<BinaryPackage> packages() {
    return packages;
  }

  /** The packages named {@code name} (several versions or architectures possible). */
  public List<BinaryPackage> named(String name) {
    return byName.getOrDefault(name, List.of());
  }

  /** Writes the compact binary form (a string table and field references). */
  public void writeTo(OutputStream out) throws IOException {
    PackagesIndexCodec.write(this, out);
  }

  /** Reads what {@link #writeTo} wrote; a damaged or foreign file is an IOException. */
  public static PackagesIndex readFrom(InputStream in) throws IOException {
    return PackagesIndexCodec.read(in.readAllBytes());
  }

  /** Reads what {@link #writeTo} wrote from {@code bytes}, which it uses without copying. */
  public static PackagesIndex readFrom(byte[] bytes) throws IOException {
    return PackagesIndexCodec.read(bytes);
  }
}
