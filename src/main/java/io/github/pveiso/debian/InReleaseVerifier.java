package io.github.pveiso.debian;

import io.github.pveiso.VerificationException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Verifies a repository's {@code InRelease} (or {@code Release} + {@code Release.gpg}) the way apt
 * does and parses it.
 *
 * <p>Accepted only when: the file is one cleartext-signed block with nothing but blank lines around
 * it; at least one signature by a trusted key verifies with a strong digest (not MD5/SHA1) and none
 * by a trusted key is bad; its {@code Date} is not more than {@link #MAX_FUTURE_SKEW} ahead of the
 * clock; and its {@code Valid-Until}, if any, has not passed.
 */
public final class InReleaseVerifier {
  /**
   * How far a Release {@code Date} may lie ahead of our clock (mirror and local clocks drift; a
   * file dated further ahead is refused as apt refuses it).
   */
  public static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(5);

  private final TrustedKeys keys;
  private final Clock clock;

  /** A verifier trusting {@code keys} and reading the time from {@code clock}. */
  public InReleaseVerifier(TrustedKeys keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  /**
   * Verifies and parses InRelease bytes; {@code label} names the file in errors (e.g. {@code
   * InRelease of trixie} or its URL).
   */
  public VerifiedRelease verifyInRelease(String label, byte[] inRelease) {
    return verifyInRelease(label, inRelease, SignerMemo.NONE);
  }

  /**
   * As {@link #verifyInRelease(String, byte[])}; the signature check is skipped when {@code memo}
   * remembers good signers of these very bytes under these keys and one of them is neither revoked
   * nor expired now (the Release file's dates are checked every time).
   */
  VerifiedRelease verifyInRelease(String label, byte[] inRelease, SignerMemo memo) {
    ClearsignedMessage message = ClearsignedMessage.parse(label, inRelease);
    Instant now = clock.instant();
    for (TrustedKeys.Entry known : memo.goodSigners(keys, inRelease)) {
      if (SignatureCheck.keyProblem(known, now).isEmpty()) {
        return accept(label, message.text(), known);
      }
    }
    List<TrustedKeys.Entry> good =
        new SignatureCheck(keys, now, label)
            .goodSigners(
                message.signatureArmor().getBytes(StandardCharsets.US_ASCII),
                message.signedBytes());
    VerifiedRelease verified = accept(label, message.text(), good.get(0));
    memo.remember(keys, inRelease, good);
    return verified;
  }

  /** Verifies a Release file against its detached signature {@code Release.gpg}. */
  public VerifiedRelease verifyDetached(String label, byte[] release, byte[] releaseGpg) {
    TrustedKeys.Entry signer =
        new SignatureCheck(keys, clock.instant(), label).check(releaseGpg, release);
    return accept(label, new String(release, StandardCharsets.UTF_8), signer);
  }

  private VerifiedRelease accept(String label, String text, TrustedKeys.Entry signer) {
    ReleaseFile release = ReleaseFile.parse(label, text);
    Instant now = clock.instant();
    if (release.date().isAfter(now.plus(MAX_FUTURE_SKEW))) {
      throw new VerificationException(
          label
              + ": Date "
              + release.date()
              + " is in the future (clock says "
              + now
              + "); check this machine's clock or the mirror");
    }
    release
        .validUntil()
        .filter(until -> until.isBefore(now))
        .ifPresent(
            until -> {
              throw new VerificationException(
                  label
                      + ": expired on "
                      + until
                      + " (Valid-Until; clock says "
                      + now
                      + "); the mirror is stale, use another one");
            });
    return new VerifiedRelease(
        release,
        text,
        TrustedKeys.fingerprint(signer.primary()),
        TrustedKeys.fingerprint(signer.key()));
  }
}
