package io.github.pveiso.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.VerificationException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPSignature;
import org.junit.jupiter.api.Test;

class InReleaseVerifierTest {
  private static final PGPKeyPair TRUSTED = TestSigner.ed25519();
  private static final PGPKeyPair SECOND = TestSigner.rsa();
  private static final PGPKeyPair STRANGER = TestSigner.ed25519();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-08-10T12:00:00Z"), ZoneOffset.UTC);
  private static final String LABEL = "InRelease of trixie";
  private static final String DIGEST =
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  static String release(String date, String extra) {
    return "Origin: Debian\n"
        + "Label: Debian\n"
        + "Suite: stable\n"
        + "Codename: trixie\n"
        + "Date: "
        + date
        + "\n"
        + extra
        + "Acquire-By-Hash: yes\n"
        + "Architectures: all amd64 arm64\n"
        + "Components: main contrib non-free-firmware non-free\n"
        + "Description: Debian 13.0 Released 09 August 2025\n"
        + "SHA256:\n"
        + " "
        + DIGEST
        + "  1234 main/binary-amd64/Packages.xz\n"
        + " "
        + DIGEST.toUpperCase(java.util.Locale.ROOT)
        + "     99 contrib/binary-all/Packages\n";
  }

  static final String RELEASE = release("Sat, 09 Aug 2025 09:23:33 UTC", "");

  private final InReleaseVerifier verifier =
      new InReleaseVerifier(TestSigner.trust(TRUSTED, SECOND), CLOCK);

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String id(PGPKeyPair key) {
    return TrustedKeys.keyId(key.getKeyID());
  }

  private static String fp(PGPKeyPair key) {
    return TrustedKeys.fingerprint(key.getPublicKey());
  }

  @Test
  void acceptsAGoodSignatureAndParsesTheRelease() {
    VerifiedRelease verified =
        verifier.verifyInRelease(LABEL, bytes(TestSigner.clearsign(RELEASE, TRUSTED)));

    assertThat(verified.keyFingerprint()).isEqualTo(fp(TRUSTED));
    assertThat(verified.signingKeyFingerprint()).isEqualTo(fp(TRUSTED));
    assertThat(verified.text()).isEqualTo(RELEASE);
    ReleaseFile r = verified.release();
    assertThat(r.suite()).isEqualTo("stable");
    assertThat(r.codename()).isEqualTo("trixie");
    assertThat(r.date()).isEqualTo(Instant.parse("2025-08-09T09:23:33Z"));
    assertThat(r.validUntil()).isEmpty();
    assertThat(r.architectures()).containsExactly("all", "amd64", "arm64");
    assertThat(r.components()).containsExactly("main", "contrib", "non-free-firmware", "non-free");
    assertThat(r.acquireByHash()).isTrue();
    assertThat(r.sha256())
        .containsExactly(
            java.util.Map.entry(
                "main/binary-amd64/Packages.xz", new ReleaseFile.IndexFile(1234, DIGEST)),
            java.util.Map.entry(
                "contrib/binary-all/Packages", new ReleaseFile.IndexFile(99, DIGEST)));
    assertThat(r.file("main/binary-amd64/Packages.xz"))
        .contains(new ReleaseFile.IndexFile(1234, DIGEST));
    assertThat(r.fields().get("Description")).contains("Debian 13.0 Released 09 August 2025");
  }

  @Test
  void acceptsAnRsaSignatureWithDashEscapedLinesAndTrailingBlanks() {
    String text = RELEASE + "Note: trailing blanks   \n-Dashed: line\n";
    VerifiedRelease verified =
        verifier.verifyInRelease(LABEL, bytes(TestSigner.clearsign(text, SECOND)));
    assertThat(verified.keyFingerprint()).isEqualTo(fp(SECOND));
    assertThat(verified.release().fields().get("-Dashed")).contains("line");
  }

  @Test
  void refusesATamperedBody() {
    String signed = TestSigner.clearsign(RELEASE, TRUSTED).replace("Suite: stable", "Suite: evil");
    assertThatThrownBy(() -> verifier.verifyInRelease(LABEL, bytes(signed)))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            LABEL
                + ": BAD signature by key 0x"
                + id(TRUSTED)
                + " ("
                + fp(TRUSTED)
                + "); the file was altered or damaged, do not use this mirror's copy");
  }

  @Test
  void refusesASignatureByAnUnknownKeyOnly() {
    String signed = TestSigner.clearsign(RELEASE, STRANGER);
    assertThatThrownBy(() -> verifier.verifyInRelease(LABEL, bytes(signed)))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            LABEL
                + ": signed only by unknown key 0x"
                + id(STRANGER)
                + "; add the repository's key to the trusted keys if you trust it");
  }

  @Test
  void refusesUnsignedLinesAfterTheSignature() {
    String signed = TestSigner.clearsign(RELEASE, TRUSTED) + "\nSuite: evil\n";
    assertThatThrownBy(() -> verifier.verifyInRelease(LABEL, bytes(signed)))
        .isInstanceOf(VerificationException.class)
        .hasMessage(LABEL + ": unsigned text after the signature: 'Suite: evil'");
  }

  @Test
  void refusesUnsignedLinesBeforeTheSignedBlock() {
    String signed = "Suite: evil\n" + TestSigner.clearsign(RELEASE, TRUSTED);
    assertThatThrownBy(() -> verifier.verifyInRelease(LABEL, bytes(signed)))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            LABEL
                + ": not a clearsigned file: unsigned text before '-----BEGIN PGP SIGNED"
                + " MESSAGE-----'");
  }

  @Test
  void acceptsBlankLinesAroundTheSignedBlock() {
    String signed = "\n\n" + TestSigner.clearsign(RELEASE, TRUSTED) + "\n  \n";
    assertThat(verifier.verifyInRelease(LABEL, bytes(signed)).keyFingerprint())
        .isEqualTo(fp(TRUSTED));
  }

  @Test
  void refusesADateInTheFuture() {
    String text = release("Sun, 10 Aug 2025 12:06:00 UTC", "");
    String signed = TestSigner.clearsign(text, TRUSTED);
    assertThatThrownBy(() -> verifier.verifyInRelease(LABEL, bytes(signed)))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            LABEL
                + ": Date 2025-08-10T12:06:00Z is in the future (clock says 2025-08-10T12:00:00Z);"
                + " check this machine's clock or the mirror");
  }

  @Test
  void toleratesASmallClockSkew() {
    String text = release("Sun, 10 Aug 2025 12:04:00 GMT", "");
    assertThat(
            verifier.verifyInRelease(LABEL, bytes(TestSigner.clearsign(text, TRUSTED))).release())
        .extracting(ReleaseFile::date)
        .isEqualTo(Instant.parse("2025-08-10T12:04:00Z"));
  }

  @Test
  void refusesAnExpiredValidUntil() {
    String text =
        release("Sat, 02 Aug 2025 09:23:33 UTC", "Valid-Until: Sat, 09 Aug 2025 09:23:33 UTC\n");
    String signed = TestSigner.clearsign(text, TRUSTED);
    assertThatThrownBy(() -> verifier.verifyInRelease(LABEL, bytes(signed)))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            LABEL
                + ": expired on 2025-08-09T09:23:33Z (Valid-Until; clock says"
                + " 2025-08-10T12:00:00Z); the mirror is stale, use another one");
  }

  @Test
  void acceptsAValidUntilInTheFuture() {
    String text =
        release("Sat, 09 Aug 2025 09:23:33 UTC", "Valid-Until: Sat, 16 Aug 2025 09:23:33 +0000\n");
    assertThat(
            verifier
                .verifyInRelease(LABEL, bytes(TestSigner.clearsign(text, TRUSTED)))
                .release()
                .validUntil())
        .isEqualTo(Optional.of(Instant.parse("2025-08-16T09:23:33Z")));
  }

  @Test
  void refusesASha1OnlySignature() {
    String signed = TestSigner.clearsign(RELEASE, HashAlgorithmTags.SHA1, SECOND);
    assertThatThrownBy(() -> verifier.verifyInRelease(LABEL, bytes(signed)))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            LABEL
                + ": no acceptable signature: key 0x"
                + id(SECOND)
                + " uses the weak digest SHA1");
  }

  @Test
  void refusesTwoSignaturesWhenOneIsBad() {
    byte[] data = TestSigner.canonical(RELEASE);
    PGPSignature good =
        TestSigner.sign(
            TRUSTED, HashAlgorithmTags.SHA256, PGPSignature.CANONICAL_TEXT_DOCUMENT, data);
    PGPSignature bad =
        TestSigner.sign(
            SECOND,
            HashAlgorithmTags.SHA256,
            PGPSignature.CANONICAL_TEXT_DOCUMENT,
            TestSigner.canonical(RELEASE.replace("stable", "evil")));
    String signed = TestSigner.clearsigned(RELEASE, List.of(good, bad));
    assertThatThrownBy(() -> verifier.verifyInRelease(LABEL, bytes(signed)))
        .isInstanceOf(VerificationException.class)
        .hasMessageStartingWith(LABEL + ": BAD signature by key 0x" + id(SECOND) + " (");
  }

  @Test
  void checksSeveralTrustedSignaturesAtOnceAndReportsInTheirOrder() {
    assertThat(
            verifier
                .verifyInRelease(LABEL, bytes(TestSigner.clearsign(RELEASE, SECOND, TRUSTED)))
                .keyFingerprint())
        .isEqualTo(fp(SECOND));
    byte[] evil = TestSigner.canonical(RELEASE.replace("stable", "evil"));
    List<PGPSignature> bad = new java.util.ArrayList<>();
    for (PGPKeyPair key : List.of(TRUSTED, SECOND, TRUSTED)) {
      bad.add(
          TestSigner.sign(
              key, HashAlgorithmTags.SHA256, PGPSignature.CANONICAL_TEXT_DOCUMENT, evil));
    }
    String signed = TestSigner.clearsigned(RELEASE, bad);
    assertThatThrownBy(() -> verifier.verifyInRelease(LABEL, bytes(signed)))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            LABEL
                + ": BAD signature by key 0x"
                + id(TRUSTED)
                + " ("
                + fp(TRUSTED)
                + "); the file was altered or damaged, do not use this mirror's copy");
    assertThat(Thread.getAllStackTraces().keySet())
        .extracting(Thread::getName)
        .noneMatch(n -> n.startsWith(io.github.pveiso.net.ParallelDownloads.PREFIX));
  }

  @Test
  void acceptsAGoodSignatureBesideOneByAnUnknownKey() {
    String signed = TestSigner.clearsign(RELEASE, STRANGER, TRUSTED);
    assertThat(verifier.verifyInRelease(LABEL, bytes(signed)).keyFingerprint())
        .isEqualTo(fp(TRUSTED));
  }

  @Test
  void verifiesADetachedReleaseGpg() {
    byte[] release = bytes(RELEASE);
    PGPSignature sig =
        TestSigner.sign(TRUSTED, HashAlgorithmTags.SHA256, PGPSignature.BINARY_DOCUMENT, release);
    byte[] releaseGpg = bytes(TestSigner.armor(List.of(sig)));
    VerifiedRelease verified = verifier.verifyDetached("Release of trixie", release, releaseGpg);
    assertThat(verified.release().codename()).isEqualTo("trixie");
    assertThat(verified.keyFingerprint()).isEqualTo(fp(TRUSTED));

    byte[] tampered = bytes(RELEASE.replace("trixie", "sid"));
    assertThatThrownBy(() -> verifier.verifyDetached("Release of trixie", tampered, releaseGpg))
        .isInstanceOf(VerificationException.class)
        .hasMessageStartingWith("Release of trixie: BAD signature by key 0x" + id(TRUSTED));
  }

  @Test
  void refusesAnUnsignedFile() {
    assertThatThrownBy(() -> verifier.verifyInRelease(LABEL, bytes(RELEASE)))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            LABEL
                + ": not a clearsigned file: unsigned text before '-----BEGIN PGP SIGNED"
                + " MESSAGE-----'");
  }

  private static SignerMemo memo(java.nio.file.Path dir, java.util.List<String> warnings) {
    io.github.pveiso.events.EventListener events =
        e -> {
          if (e instanceof io.github.pveiso.events.Event.Log log
              && log.level() == io.github.pveiso.events.Event.Level.WARN) {
            warnings.add(log.message());
          }
        };
    return SignerMemo.in(
        io.github.pveiso.cache.Cache.open(
            dir, io.github.pveiso.net.HttpFetcher.create(events), CLOCK, events),
        events);
  }

  @Test
  void rememberedSignersOfTheSameBytesAreUsedAndTheDatesStillChecked(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
    java.util.List<String> warnings = new java.util.ArrayList<>();
    SignerMemo memo = memo(dir, warnings);
    String text =
        release("Sat, 09 Aug 2025 09:23:33 UTC", "Valid-Until: Sat, 16 Aug 2025 09:23:33 UTC\n");
    byte[] signed = bytes(TestSigner.clearsign(text, SECOND, TRUSTED));
    TrustedKeys keys = TestSigner.trust(TRUSTED, SECOND);

    VerifiedRelease first = verifier.verifyInRelease(LABEL, signed, memo);
    assertThat(memo.goodSigners(keys, signed))
        .extracting(e -> TrustedKeys.fingerprint(e.key()))
        .containsExactly(fp(SECOND), fp(TRUSTED));
    VerifiedRelease again = verifier.verifyInRelease(LABEL, signed, memo);
    assertThat(again).isEqualTo(first);
    assertThat(again.keyFingerprint()).isEqualTo(fp(SECOND));

    // other bytes, or other keys: nothing remembered
    assertThat(memo.goodSigners(keys, bytes(TestSigner.clearsign(text, TRUSTED)))).isEmpty();
    assertThat(memo.goodSigners(TestSigner.trust(TRUSTED), signed)).isEmpty();

    // a week later the same bytes are stale: the Release file's dates are checked on every use
    InReleaseVerifier later =
        new InReleaseVerifier(
            keys, Clock.fixed(Instant.parse("2025-08-20T00:00:00Z"), ZoneOffset.UTC));
    assertThatThrownBy(() -> later.verifyInRelease(LABEL, signed, memo))
        .isInstanceOf(VerificationException.class)
        .hasMessageStartingWith(LABEL + ": expired on 2025-08-16T09:23:33Z (Valid-Until;");

    // a damaged entry is dropped with one warning and the signatures are checked again
    java.nio.file.Path entry;
    try (var files = java.nio.file.Files.list(dir.resolve("parsed/release-signers"))) {
      entry = files.findFirst().orElseThrow();
    }
    byte[] stored = java.nio.file.Files.readAllBytes(entry);
    stored[stored.length - 2] ^= 1;
    java.nio.file.Files.write(entry, stored);
    assertThat(verifier.verifyInRelease(LABEL, signed, memo)).isEqualTo(first);
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).startsWith("cache: dropped release-signers entry of the signers");
  }
}
