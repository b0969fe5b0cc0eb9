package io.github.pveiso.acquire;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.debian.FetchedDeb;
import io.github.pveiso.debian.ResolutionMemo;
import io.github.pveiso.proxmox.AcquiredIso;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything acquired and verified.
 *
 * @param iso the installer ISO, when one was asked for
 * @param packages the resolved and downloaded packages, sorted by name
 * @param indexes the Packages index files they were resolved from
 * @param skipped optional requests ({@code name?}) that no index holds
 */
public record AcquireResult(
    Optional<AcquiredIso> iso,
    List<FetchedDeb> packages,
    List<ResolutionMemo.IndexFile> indexes,
    List<String> skipped) {

  /** Copies the lists. */
  public AcquireResult {
    packages = List.copyOf(packages);
    indexes = List.copyOf(indexes);
    skipped = List.copyOf(skipped);
  }

  /** Every cache blob this result uses: what {@code cache prune --keep-only} must keep. */
  public Set<Sha256Digest> digests() {
    Set<Sha256Digest> digests = new TreeSet<>();
    iso.ifPresent(i -> digests.add(i.sha256()));
    packages.forEach(p -> digests.add(p.sha256()));
    indexes.forEach(i -> digests.add(i.sha256()));
    return digests;
  }
}
