package io.github.pveiso.acquire;

import java.util.List;
import java.util.Optional;

/**
 * An {@link AcquireResult} as plain values, for reports and JSON.
 *
 * @param iso the ISO, when one was acquired
 * @param packages the packages, sorted by name
 * @param skipped optional requests nothing held
 */
public record AcquireSummary(Optional<Iso> iso, List<Package> packages, List<String> skipped) {

  /** The ISO: where from, where it is, its digest and whether anyone vouched for it. */
  public record Iso(String source, String path, String sha256, long size, boolean verified) {}

  /** One package. */
  public record Package(
      String name,
      String version,
      String architecture,
      String component,
      String url,
      String sha256,
      long size,
      String path) {

    /** {@code name_version_arch}. */
    public String id() {
      return name + "_" + version + "_" + architecture;
    }
  }

  /** Summarises {@code result}. */
  public static AcquireSummary of(AcquireResult result) {
    Optional<Iso> iso =
        result
            .iso()
            .map(
                i ->
                    new Iso(
                        i.source().toString(),
                        i.path().toString(),
                        i.sha256().hex(),
                        i.size(),
                        i.verified()));
    List<Package> packages =
        result.packages().stream()
            .map(
                d ->
                    new Package(
                        d.name(),
                        d.version().toString(),
                        d.architecture(),
                        d.component(),
                        d.url().toString(),
                        d.sha256().hex(),
                        d.size(),
                        d.path().toString()))
            .toList();
    return new AcquireSummary(iso, packages, result.skipped());
  }
}
