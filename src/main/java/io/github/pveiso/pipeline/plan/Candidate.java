package io.github.pveiso.pipeline.plan;

import io.github.pveiso.config.PackageKind;
import io.github.pveiso.debian.BinaryPackage;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A package resolved from the mirror and downloaded, to be planned.
 *
 * @param pkg its index entry (name, version, relations, digest)
 * @param url where it came from
 * @param file the verified local copy
 * @param kind what the catalog says it is, when it came from a firmware set
 * @param requestedBy the firmware set, {@code extra_packages}, or {@code dependency of X}
 * @param contents what its data archive holds
 */
public record Candidate(
    BinaryPackage pkg,
    String url,
    Path file,
    Optional<PackageKind> kind,
    String requestedBy,
    DebContents contents) {}
