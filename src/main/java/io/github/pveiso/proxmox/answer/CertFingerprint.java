package io.github.pveiso.proxmox.answer;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A certificate fingerprint for the installer: the SHA-256 of the server's certificate, 32 hex
 * bytes, colon-separated as the installer and {@code openssl x509 -fingerprint -sha256} show it
 * ({@code AB:CD:...}); the colons may be left out.
 */
public final class CertFingerprint {
  private CertFingerprint() {}

  private static final Pattern COLONS = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){31}");
  private static final Pattern PLAIN = Pattern.compile("[0-9A-Fa-f]{64}");

  /** True when {@code text} is such a fingerprint. */
  public static boolean isValid(String text) {
    return COLONS.matcher(text).matches() || PLAIN.matcher(text).matches();
  }

  /** What is wrong with {@code text}, or empty when it is a fingerprint. */
  public static Optional<String> problem(String text) {
    return isValid(text)
        ? Optional.empty()
        : Optional.of(
            "'"
                + text
                + "' is not a SHA-256 certificate fingerprint; expected 32 hex bytes,"
                + " colon-separated like 'AB:CD:...:EF' (openssl x509 -noout -fingerprint -sha256"
                + " -in CERT prints it)");
  }
}
