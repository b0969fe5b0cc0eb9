package io.github.pveiso.proxmox;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.proc.SystemProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a Proxmox-style ISO directory for tests: small real ISO 9660 images made with {@code
 * xorriso -as mkisofs} (a README naming the version inside each) and a {@code SHA256SUMS} listing
 * them as {@code sha256sum} would.
 */
public final class IsoDirectory {

  private final Path dir;
  private final Map<String, Sha256Digest> digests = new TreeMap<>();

  private final Path scratch;

  /** ISOs go to {@code dir}; their content is staged under {@code scratch}. */
  public IsoDirectory(Path dir, Path scratch) {
    this.dir = dir;
    this.scratch = scratch;
  }

  /** Makes {@code proxmox-ve_<fullVersion>.iso} and returns its digest. */
  public Sha256Digest addIso(String fullVersion) throws IOException {
    Path content = Files.createTempDirectory(scratch, "iso-content");
    Files.writeString(content.resolve("README"), "Proxmox VE test image " + fullVersion + "\n");
    String name = "proxmox-ve_" + fullVersion + ".iso";
    new SystemProcessRunner()
        .runChecked(
            List.of(
                "xorriso",
                "-as",
                "mkisofs",
                "-quiet",
                "-V",
                "PVE",
                "-o",
                dir.resolve(name).toString(),
                content.toString()));
    Sha256Digest digest = Sha256Digest.ofFile(dir.resolve(name));
    digests.put(name, digest);
    return digest;
  }

  /**
   * Serves a copy of {@code iso} (for example a bootable fixture, for steps that inspect the ISO)
   * as {@code proxmox-ve_<fullVersion>.iso} and returns its digest.
   */
  public Sha256Digest addIso(String fullVersion, Path iso) throws IOException {
    String name = "proxmox-ve_" + fullVersion + ".iso";
    Files.copy(iso, dir.resolve(name));
    Sha256Digest digest = Sha256Digest.ofFile(dir.resolve(name));
    digests.put(name, digest);
    return digest;
  }

  /** Writes SHA256SUMS for every ISO made so far plus {@code extraLines}. */
  public void writeSums(String... extraLines) throws IOException {
    StringBuilder text = new StringBuilder();
    digests.forEach((name, digest) -> text.append(digest).append("  ").append(name).append('\n'));
    for (String line : extraLines) {
      text.append(line).append('\n');
    }
    Files.writeString(dir.resolve("SHA256SUMS"), text);
  }
}
