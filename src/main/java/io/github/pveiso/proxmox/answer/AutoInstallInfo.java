package io.github.pveiso.proxmox.answer;

import java.util.List;
import java.util.Optional;

/**
 * What an ISO says about automated installation, as {@code pveiso inspect} shows it. Secrets are
 * {@code <redacted>} unless they were asked for.
 *
 * @param capable the ISO has {@code /auto-installer-capable}
 * @param mode iso, http or partition, when the ISO has a readable {@code /auto-installer-mode.toml}
 * @param partitionLabel the label of the answer's file system (always in the mode file)
 * @param url the answer server's URL (mode http)
 * @param certFingerprint the server certificate's fingerprint (mode http)
 * @param token the bearer token (mode http), normally {@code <redacted>}
 * @param modeProblem why the mode file could not be read
 * @param answer the text of {@code /answer.toml}, secrets redacted (unless asked for)
 * @param answerSha256 the SHA-256 of {@code /answer.toml}
 * @param answerProblems what the checks find wrong with {@code /answer.toml}, one line each
 * @param firstBootSize the size of {@code /proxmox-first-boot}
 * @param firstBootSha256 the SHA-256 of {@code /proxmox-first-boot}
 */
public record AutoInstallInfo(
    boolean capable,
    Optional<String> mode,
    Optional<String> partitionLabel,
    Optional<String> url,
    Optional<String> certFingerprint,
    Optional<String> token,
    Optional<String> modeProblem,
    Optional<String> answer,
    Optional<String> answerSha256,
    List<String> answerProblems,
    Optional<Long> firstBootSize,
    Optional<String> firstBootSha256) {

  /** Copies the list. */
  public AutoInstallInfo {
    answerProblems = List.copyOf(answerProblems);
  }

  /** True when the ISO has a mode file: it starts the automated installer. */
  public boolean enabled() {
    return mode.isPresent() || modeProblem.isPresent();
  }
}
