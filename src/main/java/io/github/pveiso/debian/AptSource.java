package io.github.pveiso.debian;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One enabled {@code deb} entry of the host's apt configuration (one URI of it).
 *
 * @param file the file it came from
 * @param uri the archive's base URI, ending with {@code /}
 * @param suites e.g. {@code [bookworm, bookworm-updates]}
 * @param components e.g. {@code [main, contrib]}
 * @param signedBy the {@code Signed-By} option (a keyring path or fingerprints), if any
 */
public record AptSource(
    Path file, URI uri, List<String> suites, List<String> components, Optional<String> signedBy) {

  /** Copies the lists. */
  public AptSource {
    suites = List.copyOf(suites);
    components = List.copyOf(components);
  }

  /**
   * Whether this looks like Debian's main archive: its URI path ends in {@code /debian}, or it is
   * signed by a Debian archive keyring ({@code debian-archive-*} file) and is not the security
   * archive (whose layout differs).
   */
  public boolean isDebianArchive() {
    String path = uri.getPath() == null ? "" : uri.getPath();
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    if (trimmed.endsWith("/debian")) {
      return true;
    }
    boolean security =
        trimmed.endsWith("-security") || suites.stream().anyMatch(s -> s.endsWith("-security"));
    boolean debianKey =
        signedBy
            .map(s -> s.strip().replaceAll(".*/", ""))
            .filter(name -> name.startsWith("debian-archive-"))
            .isPresent();
    return debianKey && !security;
  }
}
