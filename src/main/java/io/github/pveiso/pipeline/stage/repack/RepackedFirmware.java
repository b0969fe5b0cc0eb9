package io.github.pveiso.pipeline.stage.repack;

import java.nio.file.Path;
import java.util.List;

/**
 * The package {@link FirmwareRepacker} wrote.
 *
 * @param deb where it was written, named {@code <package>_<version>_all.deb}
 * @param packageName {@value FirmwareRepacker#PACKAGE}
 * @param version derived from the content, see {@link FirmwareRepacker}
 * @param sha256 lower-case hex SHA-256 of the .deb
 * @param size size of the .deb in bytes
 * @param sources the packages repacked, sorted by name
 * @param files its files and symlinks sorted by path, with their origin
 */
public record RepackedFirmware(
    Path deb,
    String packageName,
    String version,
    String sha256,
    long size,
    List<RepackSource> sources,
    List<FirmwareFile> files) {
  /** Copies the lists. */
  public RepackedFirmware {
    sources = List.copyOf(sources);
    files = List.copyOf(files);
  }
}
