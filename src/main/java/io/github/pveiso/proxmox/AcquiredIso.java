package io.github.pveiso.proxmox;

import io.github.pveiso.Sha256Digest;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The installer ISO to build from.
 *
 * @param path the file to read (a cache blob or the user's own file; never change it)
 * @param sha256 its digest, computed from its content
 * @param size its length in bytes
 * @param verified true when the digest was checked against a published list or the user's
 *     iso_sha256; false for an ISO nobody vouched for ("unverified")
 * @param source where it came from
 * @param release the release it was resolved as, when it came from a version
 */
public record AcquiredIso(
    Path path,
    Sha256Digest sha256,
    long size,
    boolean verified,
    URI source,
    Optional<IsoRelease> release) {}
