package io.github.pveiso.cache;

import io.github.pveiso.Sha256Digest;
import java.net.URI;
import java.nio.file.Path;

/**
 * A verified file in the cache.
 *
 * @param url where it came from
 * @param path the blob file (read it, never change it)
 * @param sha256 its SHA-256, checked when it was served
 * @param size its length in bytes
 * @param reused true when it was already in the cache, false when it was downloaded now
 */
public record CachedFile(URI url, Path path, Sha256Digest sha256, long size, boolean reused) {}
