package io.github.pveiso.proxmox.answer;

import java.util.Optional;

/**
 * What the manifest records about automated installation: the settings, and of each secret only its
 * digest.
 *
 * @param mode iso, http or partition
 * @param partitionLabel the label written to the mode file
 * @param url the answer server's URL (mode http)
 * @param certFingerprint the server certificate's fingerprint (mode http)
 * @param tokenSha256 the SHA-256 of the bearer token (mode http), never the token
 * @param answerSha256 the SHA-256 of the answer on the ISO (mode iso)
 * @param firstBootSha256 the SHA-256 of the first-boot executable
 */
public record AutoInstallSummary(
    String mode,
    String partitionLabel,
    Optional<String> url,
    Optional<String> certFingerprint,
    Optional<String> tokenSha256,
    Optional<String> answerSha256,
    Optional<String> firstBootSha256) {}
