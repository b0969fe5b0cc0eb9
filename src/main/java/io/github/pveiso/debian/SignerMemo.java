package io.github.pveiso.debian;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.cache.DerivedCache;
import io.github.pveiso.cache.DerivedCodec;
import io.github.pveiso.cache.DerivedKey;
import io.github.pveiso.events.EventListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The good signers of an {@code InRelease} file, remembered by the digest of its exact bytes and of
 * the trusted keys: a warm build whose mirror answers {@code 304 Not Modified} need not check the
 * same signatures with the same keys again (in a fresh JVM, Bouncy Castle spends about a quarter of
 * a second per RSA-4096 key). Only what cannot change is remembered: which trusted keys made a
 * signature that verifies over these bytes with a strong digest. What can change with time, a key's
 * expiry, and the Release file's {@code Date} and {@code Valid-Until}, is checked on every use (see
 * {@link InReleaseVerifier}); when no remembered signer is acceptable now the signatures are
 * checked again in full, which gives apt's exact reason.
 */
final class SignerMemo {

  /** Remembers nothing: every signature is checked. */
  static final SignerMemo NONE = new SignerMemo(null);

  private static final Pattern FINGERPRINT = Pattern.compile("[0-9A-F]{40,64}");

  static final DerivedCodec<List<String>> CODEC =
      new DerivedCodec<>() {
        @Override
        public String kind() {
          return "release-signers";
        }

        @Override
        public int format() {
          return 1;
        }

        @Override
        public byte[] encode(List<String> value) {
          return (String.join("\n", value) + "\n").getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public List<String> decode(byte[] payload) throws IOException {
          List<String> lines = new String(payload, StandardCharsets.US_ASCII).lines().toList();
          if (lines.isEmpty()) {
            throw new IOException("it names no signer");
          }
          for (String line : lines) {
            String[] pair = line.split(" ", -1);
            if (pair.length != 2
                || !FINGERPRINT.matcher(pair[0]).matches()
                || !FINGERPRINT.matcher(pair[1]).matches()) {
              throw new IOException("it holds a line that is not two fingerprints");
            }
          }
          return lines;
        }
      };

  private final @org.jspecify.annotations.Nullable DerivedCache<List<String>> entries;

  private SignerMemo(@org.jspecify.annotations.Nullable DerivedCache<List<String>> entries) {
    this.entries = entries;
  }

  /** The memo in {@code cache}. */
  static SignerMemo in(Cache cache, EventListener events) {
    return new SignerMemo(new DerivedCache<>(cache, CODEC, events));
  }

  /** The remembered good signers of {@code signed} under {@code keys}, in order; maybe none. */
  List<TrustedKeys.Entry> goodSigners(TrustedKeys keys, byte[] signed) {
    if (entries == null) {
      return List.of();
    }
    Optional<List<String>> lines = entries.read(key(keys, signed), "the signers of an InRelease");
    List<TrustedKeys.Entry> signers = new ArrayList<>();
    for (String line : lines.orElse(List.of())) {
      String[] pair = line.split(" ");
      keys.find(pair[0], pair[1]).ifPresent(signers::add);
    }
    return signers;
  }

  /** Remembers {@code good}, the good signers of {@code signed} under {@code keys}. */
  void remember(TrustedKeys keys, byte[] signed, List<TrustedKeys.Entry> good) {
    if (entries == null) {
      return;
    }
    List<String> lines = new ArrayList<>();
    for (TrustedKeys.Entry e : good) {
      lines.add(TrustedKeys.fingerprint(e.primary()) + " " + TrustedKeys.fingerprint(e.key()));
    }
    entries.write(key(keys, signed), lines);
  }

  private static DerivedKey key(TrustedKeys keys, byte[] signed) {
    return CODEC
        .key()
        .param("keys", keys.digest().hex())
        .param("signed", Sha256Digest.of(signed).hex());
  }
}
