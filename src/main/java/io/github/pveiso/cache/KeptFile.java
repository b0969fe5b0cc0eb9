package io.github.pveiso.cache;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.net.Validators;
import java.net.URI;

/**
 * The last copy of a URL kept by {@link Cache#keep}, read back and checked against its digest.
 *
 * @param url where it came from
 * @param bytes its content
 * @param digest the SHA-256 of {@code bytes}
 * @param validators what its server sent to identify this version
 */
public record KeptFile(URI url, byte[] bytes, Sha256Digest digest, Validators validators) {}
