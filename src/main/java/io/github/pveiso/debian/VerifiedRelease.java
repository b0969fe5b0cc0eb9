package io.github.pveiso.debian;

/**
 * A Release file whose signature verified.
 *
 * @param release the parsed signed text
 * @param text the signed text itself
 * @param keyFingerprint fingerprint of the trusted primary key that signed it
 * @param signingKeyFingerprint fingerprint of the (sub)key that made the signature
 */
public record VerifiedRelease(
    ReleaseFile release, String text, String keyFingerprint, String signingKeyFingerprint) {}
