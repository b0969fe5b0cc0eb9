package io.github.pveiso.proxmox;

import io.github.pveiso.VerificationException;
import io.github.pveiso.debian.DebArchive;
import io.github.pveiso.debian.RelationGroup;
import io.github.pveiso.debian.Relations;
import io.github.pveiso.debian.Stanza;
import io.github.pveiso.iso.IsoFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the control of every {@code .deb} in the ISO's {@code /proxmox/packages} (only the control
 * member; the data is not read). A package that cannot be read is listed with its problem.
 */
public final class IsoPackageReader {
  private IsoPackageReader() {}

  /** The relationship fields shown, in this order. */
  static final List<String> FIELDS =
      List.of(
          "Pre-Depends",
          "Depends",
          "Recommends",
          "Suggests",
          "Conflicts",
          "Breaks",
          "Replaces",
          "Provides");

  /** Every package of {@code product}, sorted by path. */
  public static List<IsoPackageInfo> read(IsoFiles iso, ProductInfo product) {
    return product.packages().stream().map(deb -> read(iso, deb)).toList();
  }

  private static IsoPackageInfo read(IsoFiles iso, DebFile deb) {
    try (InputStream in = ProductInfoReader.openDeb(iso, deb)) {
      Stanza control = DebArchive.open(deb.path(), in).control();
      Map<String, List<List<IsoPackageInfo.Relation>>> relations = new LinkedHashMap<>();
      for (String field : FIELDS) {
        String value = control.get(field, "");
        if (!value.isBlank()) {
          relations.put(field, groups(Relations.parse(value)));
        }
      }
      return new IsoPackageInfo(
          deb.path(),
          deb.size(),
          control.get("Package", ""),
          control.get("Version", ""),
          control.get("Architecture", ""),
          relations,
          null);
    } catch (IOException
        | UncheckedIOException
        | VerificationException
        | IllegalArgumentException e) {
      return new IsoPackageInfo(
          deb.path(), deb.size(), "", "", "", Map.of(), String.valueOf(e.getMessage()));
    }
  }

  private static List<List<IsoPackageInfo.Relation>> groups(List<RelationGroup> groups) {
    return groups.stream()
        .map(
            g ->
                g.alternatives().stream()
                    .map(
                        r ->
                            new IsoPackageInfo.Relation(
                                r.name(),
                                r.archQualifier().orElse(null),
                                r.constraint().map(c -> c.op().symbol()).orElse(null),
                                r.constraint().map(c -> c.version().toString()).orElse(null),
                                r.architectures(),
                                r.toString()))
                    .toList())
        .toList();
  }
}
