package io.github.pveiso.net;

import io.github.pveiso.Sha256Digest;
import java.net.URI;
import java.nio.file.Path;

/**
 * A finished download: the file now holds all of the resource.
 *
 * @param uri where it came from
 * @param file where it is now
 * @param size its length in bytes
 * @param sha256 the SHA-256 of the whole file, computed while it was written
 */
public record Downloaded(URI uri, Path file, long size, Sha256Digest sha256) {}
