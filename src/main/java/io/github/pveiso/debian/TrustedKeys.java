package io.github.pveiso.debian;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.Sha256Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/**
 * OpenPGP public keys that may sign repository metadata, loaded from binary or ASCII-armored
 * keyrings; subkeys are trusted with their primary key.
 */
public final class TrustedKeys {
  /** Resource holding Debian's archive keyring (the debian-archive-keyring package's file). */
  public static final String DEBIAN_ARCHIVE_KEYRING = "debian-archive-keyring.gpg";

  /** A trusted (sub)key together with the primary key whose ring it came from. */
  record Entry(PGPPublicKey key, PGPPublicKey primary) {}

  /** Summary of one primary key: fingerprint (upper-case hex), first user id, creation time. */
  public record KeyInfo(String fingerprint, String userId, java.time.Instant created) {}

  private final List<PGPPublicKeyRing> rings;
  private final Map<Long, Entry> byKeyId;

  private TrustedKeys(List<PGPPublicKeyRing> rings) {
    this.rings = List.copyOf(rings);
    Map<Long, Entry> map = new HashMap<>();
    for (PGPPublicKeyRing ring : rings) {
      PGPPublicKey primary = ring.getPublicKey();
      for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext(); ) {
        PGPPublicKey key = it.next();
        map.put(key.getKeyID(), new Entry(key, primary));
      }
    }
    this.byKeyId = map;
  }

  /** Debian's archive signing keys as shipped inside pveiso. */
  public static TrustedKeys debianArchive() {
    try (InputStream in = TrustedKeys.class.getResourceAsStream(DEBIAN_ARCHIVE_KEYRING)) {
      if (in == null) {
        throw new IllegalStateException("resource " + DEBIAN_ARCHIVE_KEYRING + " is missing");
      }
      return parse("built-in " + DEBIAN_ARCHIVE_KEYRING, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads a keyring file (binary {@code .gpg} or armored {@code .asc}). */
  public static TrustedKeys load(Path keyring) {
    try {
      return parse(keyring.toString(), Files.readAllBytes(keyring));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read keyring " + keyring + ": " + e.getMessage(), e);
    }
  }

  /** Parses keyring bytes (binary or armored); {@code label} names them in errors. */
  public static TrustedKeys parse(String label, byte[] keyring) {
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(keyring))) {
      PGPPublicKeyRingCollection collection =
          new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
      List<PGPPublicKeyRing> rings = new ArrayList<>();
      collection.getKeyRings().forEachRemaining(rings::add);
      if (rings.isEmpty()) {
        throw new InvalidInputException(label + ": the keyring holds no public keys");
      }
      return new TrustedKeys(rings);
    } catch (IOException | PGPException | RuntimeException e) {
      if (e instanceof InvalidInputException invalid) {
        throw invalid;
      }
      throw new InvalidInputException(
          label + ": not an OpenPGP public keyring (" + e.getMessage() + ")", e);
    }
  }

  /** Wraps already-parsed key rings (used by tests that generate keys). */
  public static TrustedKeys of(List<PGPPublicKeyRing> rings) {
    return new TrustedKeys(rings);
  }

  /** These keys and {@code other}'s. */
  public TrustedKeys plus(TrustedKeys other) {
    List<PGPPublicKeyRing> all = new ArrayList<>(rings);
    all.addAll(other.rings);
    return new TrustedKeys(all);
  }

  /** The primary keys, sorted by fingerprint. */
  public List<KeyInfo> keys() {
    List<KeyInfo> out = new ArrayList<>();
    for (PGPPublicKeyRing ring : rings) {
      PGPPublicKey primary = ring.getPublicKey();
      Iterator<String> ids = primary.getUserIDs();
      out.add(
          new KeyInfo(
              fingerprint(primary),
              ids.hasNext() ? ids.next() : "",
              primary.getCreationTime().toInstant()));
    }
    out.sort(Comparator.comparing(KeyInfo::fingerprint));
    return out;
  }

  /**
   * The SHA-256 of every key ring's encoded form, in order: the same keys with the same signatures
   * (a revocation added to a key changes it).
   */
  public Sha256Digest digest() {
    java.security.MessageDigest digest = Sha256Digest.newMessageDigest();
    for (PGPPublicKeyRing ring : rings) {
      try {
        digest.update(ring.getEncoded());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot encode a trusted key", e);
      }
    }
    return Sha256Digest.of(digest);
  }

  /** The trusted (sub)key of fingerprint {@code keyFingerprint} signed by {@code primary}. */
  Optional<Entry> find(String primaryFingerprint, String keyFingerprint) {
    return byKeyId.values().stream()
        .filter(e -> fingerprint(e.key()).equals(keyFingerprint))
        .filter(e -> fingerprint(e.primary()).equals(primaryFingerprint))
        .findFirst();
  }

  Optional<Entry> find(long keyId) {
    return Optional.ofNullable(byKeyId.get(keyId));
  }

  /** Upper-case hex fingerprint of a key. */
  static String fingerprint(PGPPublicKey key) {
    return HexFormat.of().withUpperCase().formatHex(key.getFingerprint());
  }

  /** Upper-case 16-digit hex key id. */
  static String keyId(long id) {
    return String.format("%016X", id);
  }
}
