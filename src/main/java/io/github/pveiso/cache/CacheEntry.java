package io.github.pveiso.cache;

import io.github.pveiso.Sha256Digest;
import java.net.URI;
import java.time.Instant;

/**
 * One index entry: the blob a URL was last fetched as.
 *
 * @param url where the blob came from
 * @param digest the blob's SHA-256
 * @param size the blob's length in bytes
 * @param fetched when it was downloaded
 * @param lastUsed when it was last served (or downloaded)
 */
public record CacheEntry(
    URI url, Sha256Digest digest, long size, Instant fetched, Instant lastUsed) {}
