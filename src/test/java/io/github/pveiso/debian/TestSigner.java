package io.github.pveiso.debian;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPairGeneratorProvider;

/** Makes OpenPGP keys and signed Release files in code, for the verifier's tests. */
final class TestSigner {
  private static final Date KEY_CREATED = new Date(1_700_000_000_000L);

  private TestSigner() {}

  static PGPKeyPair ed25519() {
    try {
      return new BcPGPKeyPairGeneratorProvider()
          .get(PublicKeyPacket.VERSION_4, KEY_CREATED)
          .generateLegacyEd25519KeyPair();
    } catch (PGPException e) {
      throw new IllegalStateException(e);
    }
  }

  static PGPKeyPair rsa() {
    try {
      return new BcPGPKeyPairGeneratorProvider()
          .get(PublicKeyPacket.VERSION_4, KEY_CREATED)
          .generateRsaKeyPair(2048);
    } catch (PGPException e) {
      throw new IllegalStateException(e);
    }
  }

  static TrustedKeys trust(PGPKeyPair... pairs) {
    return TrustedKeys.of(
        java.util.Arrays.stream(pairs)
            .map(p -> new PGPPublicKeyRing(List.of(p.getPublicKey())))
            .toList());
  }

  static PGPSignature sign(PGPKeyPair key, int hashAlgorithm, int type, byte[] data) {
    try {
      PGPSignatureGenerator gen =
          new PGPSignatureGenerator(
              new BcPGPContentSignerBuilder(key.getPublicKey().getAlgorithm(), hashAlgorithm),
              key.getPublicKey());
      gen.init(type, key.getPrivateKey());
      gen.update(data);
      return gen.generate();
    } catch (PGPException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The bytes a cleartext signature covers for {@code text} (lines ending in LF). */
  static byte[] canonical(String text) {
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    StringBuilder sb = new StringBuilder();
    String[] lines = body.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        sb.append("\r\n");
      }
      sb.append(lines[i].replaceAll("[ \t]+$", ""));
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Clearsigns {@code text} by each key with SHA512. */
  static String clearsign(String text, PGPKeyPair... keys) {
    return clearsign(text, HashAlgorithmTags.SHA512, keys);
  }

  static String clearsign(String text, int hashAlgorithm, PGPKeyPair... keys) {
    byte[] data = canonical(text);
    List<PGPSignature> sigs =
        java.util.Arrays.stream(keys)
            .map(k -> sign(k, hashAlgorithm, PGPSignature.CANONICAL_TEXT_DOCUMENT, data))
            .toList();
    return clearsigned(text, sigs);
  }

  /** Assembles a cleartext-signed message from {@code text} and ready-made signatures. */
  static String clearsigned(String text, List<PGPSignature> signatures) {
    StringBuilder sb = new StringBuilder();
    sb.append("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n");
    for (String line : text.split("\n")) {
      sb.append(line.startsWith("-") ? "- " + line : line).append('\n');
    }
    sb.append(armor(signatures));
    return sb.toString();
  }

  static String armor(List<PGPSignature> signatures) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ArmoredOutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(out)) {
        for (PGPSignature sig : signatures) {
          sig.encode(armored);
        }
      }
      return out.toString(StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
