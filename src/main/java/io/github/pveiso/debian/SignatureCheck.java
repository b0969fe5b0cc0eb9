package io.github.pveiso.debian;

import io.github.pveiso.VerificationException;
import io.github.pveiso.net.ParallelDownloads;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Applies apt's rule to a set of signatures over some data: accepted only when at least one
 * signature by a trusted, unexpired, unrevoked key verifies with a strong digest and none by a
 * trusted key is bad. Signatures by unknown keys and weak-digest signatures count for nothing.
 */
final class SignatureCheck {
  private final TrustedKeys keys;
  private final Instant now;
  private final String label;

  SignatureCheck(TrustedKeys keys, Instant now, String label) {
    this.keys = keys;
    this.now = now;
    this.label = label;
  }

  /** The good signer (primary, signing key) or a VerificationException with apt's reason. */
  TrustedKeys.Entry check(byte[] signatureBytes, byte[] data) {
    return goodSigners(signatureBytes, data).get(0);
  }

  /**
   * Every good signer, in the signatures' order (never empty), or a VerificationException with
   * apt's reason.
   */
  List<TrustedKeys.Entry> goodSigners(byte[] signatureBytes, byte[] data) {
    List<PGPSignature> signatures = readSignatures(signatureBytes);
    List<Optional<TrustedKeys.Entry>> signers =
        signatures.stream().map(sig -> keys.find(issuer(sig))).toList();
    List<Boolean> verified = verifyAll(signatures, signers, data);
    List<TrustedKeys.Entry> good = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    List<String> worthless = new ArrayList<>();
    for (int i = 0; i < signatures.size(); i++) {
      PGPSignature sig = signatures.get(i);
      long keyId = issuer(sig);
      Optional<TrustedKeys.Entry> found = signers.get(i);
      if (found.isEmpty()) {
        unknown.add("0x" + TrustedKeys.keyId(keyId));
        continue;
      }
      TrustedKeys.Entry entry = found.get();
      String who = "key 0x" + TrustedKeys.keyId(keyId);
      if (!verified.get(i)) {
        throw new VerificationException(
            label
                + ": BAD signature by "
                + who
                + " ("
                + TrustedKeys.fingerprint(entry.primary())
                + "); the file was altered or damaged, do not use this mirror's copy");
      }
      Optional<String> problem = problem(sig, entry);
      if (problem.isPresent()) {
        worthless.add(who + " " + problem.get());
      } else {
        good.add(entry);
      }
    }
    if (!good.isEmpty()) {
      return List.copyOf(good);
    }
    if (!worthless.isEmpty()) {
      throw new VerificationException(
          label + ": no acceptable signature: " + String.join("; ", worthless));
    }
    if (!unknown.isEmpty()) {
      throw new VerificationException(
          label
              + ": signed only by unknown key "
              + String.join(", ", unknown)
              + "; add the repository's key to the trusted keys if you trust it");
    }
    throw new VerificationException(label + ": holds no signature");
  }

  /**
   * Whether each signature by a trusted key verifies (false for the others), checked at the same
   * time on up to one thread per core: in a fresh JVM, checking one RSA-4096 key (Bouncy Castle
   * tests that its modulus is composite) takes about a quarter of a second, and Debian signs with
   * two of them.
   */
  private static List<Boolean> verifyAll(
      List<PGPSignature> signatures, List<Optional<TrustedKeys.Entry>> signers, byte[] data) {
    List<Integer> known = new ArrayList<>();
    for (int i = 0; i < signatures.size(); i++) {
      if (signers.get(i).isPresent()) {
        known.add(i);
      }
    }
    int threads = Math.min(known.size(), Runtime.getRuntime().availableProcessors());
    List<Boolean> results =
        new ParallelDownloads(Math.max(1, threads))
            .map(known, i -> verifies(signatures.get(i), signers.get(i).orElseThrow().key(), data));
    Boolean[] verified = new Boolean[signatures.size()];
    java.util.Arrays.fill(verified, Boolean.FALSE);
    for (int k = 0; k < known.size(); k++) {
      verified[known.get(k)] = results.get(k);
    }
    return List.of(verified);
  }

  private Optional<String> problem(PGPSignature sig, TrustedKeys.Entry entry) {
    int hash = sig.getHashAlgorithm();
    if (hash == HashAlgorithmTags.MD5
        || hash == HashAlgorithmTags.SHA1
        || hash == HashAlgorithmTags.RIPEMD160
        || hash == HashAlgorithmTags.MD2) {
      return Optional.of("uses the weak digest " + digestName(hash));
    }
    return keyProblem(entry, now);
  }

  /**
   * What makes a signature by {@code entry}'s key worthless at {@code now} whatever it signs: a
   * revoked or expired key (primary or signing key).
   */
  static Optional<String> keyProblem(TrustedKeys.Entry entry, Instant now) {
    for (PGPPublicKey key : List.of(entry.primary(), entry.key())) {
      if (key.hasRevocation()) {
        return Optional.of("is revoked");
      }
      long valid = key.getValidSeconds();
      if (valid > 0 && key.getCreationTime().toInstant().plusSeconds(valid).isBefore(now)) {
        return Optional.of("expired on " + key.getCreationTime().toInstant().plusSeconds(valid));
      }
    }
    return Optional.empty();
  }

  private static String digestName(int hash) {
    return switch (hash) {
      case HashAlgorithmTags.MD5 -> "MD5";
      case HashAlgorithmTags.SHA1 -> "SHA1";
      case HashAlgorithmTags.RIPEMD160 -> "RIPEMD160";
      default -> "MD2";
    };
  }

  private static long issuer(PGPSignature sig) {
    long id = sig.getKeyID();
    if (id == 0 && sig.getHashedSubPackets() != null) {
      var fp = sig.getHashedSubPackets().getIssuerFingerprint();
      if (fp != null) {
        byte[] f = fp.getFingerprint();
        id = java.nio.ByteBuffer.wrap(f, f.length - 8, 8).getLong();
      }
    }
    return id;
  }

  private static boolean verifies(PGPSignature sig, PGPPublicKey key, byte[] data) {
    int type = sig.getSignatureType();
    if (type != PGPSignature.BINARY_DOCUMENT && type != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
      return false;
    }
    try {
      sig.init(new BcPGPContentVerifierBuilderProvider(), key);
      sig.update(data);
      return sig.verify();
    } catch (PGPException | RuntimeException e) {
      return false;
    }
  }

  private List<PGPSignature> readSignatures(byte[] signatureBytes) {
    List<PGPSignature> out = new ArrayList<>();
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(signatureBytes))) {
      BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
      Object o;
      while ((o = factory.nextObject()) != null) {
        if (!(o instanceof PGPSignatureList list)) {
          throw new VerificationException(
              label + ": the signature block holds a " + o.getClass().getSimpleName());
        }
        list.forEach(out::add);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof VerificationException v) {
        throw v;
      }
      throw new VerificationException(
          label + ": unreadable OpenPGP signature (" + e.getMessage() + ")", e);
    }
    if (out.isEmpty()) {
      throw new VerificationException(label + ": holds no signature");
    }
    return out;
  }
}
