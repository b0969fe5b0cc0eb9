package io.github.pveiso.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TrustedKeysTest {
  @Test
  void theShippedKeyringHoldsDebian11To13Keys() {
    List<String> keys =
        TrustedKeys.debianArchive().keys().stream()
            .map(k -> k.fingerprint() + " " + k.userId())
            .toList();
    assertThat(keys)
        .containsExactly(
            "04B54C3CDCA79751B16BC6B5225629DF75B188BD Debian Archive Automatic Signing Key"
                + " (13/trixie) <ftpmaster@debian.org>",
            "05AB90340C0C5E797F44A8C8254CF3B5AEC0A8F0 Debian Security Archive Automatic Signing"
                + " Key (12/bookworm) <ftpmaster@debian.org>",
            "1F89983E0081FDE018F3CC9673A4F27B8DD47936 Debian Archive Automatic Signing Key"
                + " (11/bullseye) <ftpmaster@debian.org>",
            "41587F7DB8C774BCCF131416762F67A0B2C39DE4 Debian Stable Release Key (13/trixie)"
                + " <debian-release@lists.debian.org>",
            "4D64FEC119C2029067D6E791F8D2585B8783D481 Debian Stable Release Key (12/bookworm)"
                + " <debian-release@lists.debian.org>",
            "5E04A1E3223A19A20706E20F9904613D4CCE68C6 Debian Security Archive Automatic Signing"
                + " Key (13/trixie) <ftpmaster@debian.org>",
            "A4285295FC7B1A81600062A9605C66F00D6C9793 Debian Stable Release Key (11/bullseye)"
                + " <debian-release@lists.debian.org>",
            "AC530D520F2F3269F5E98313A48449044AAD5C5D Debian Security Archive Automatic Signing"
                + " Key (11/bullseye) <ftpmaster@debian.org>",
            "B8B80B5B623EAB6AD8775C45B7C5D7D6350947F8 Debian Archive Automatic Signing Key"
                + " (12/bookworm) <ftpmaster@debian.org>");
  }

  @Test
  void loadsArmoredKeyrings(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    var key = TestSigner.ed25519();
    var out = new java.io.ByteArrayOutputStream();
    try (var armored = org.bouncycastle.bcpg.ArmoredOutputStream.builder().build(out)) {
      new org.bouncycastle.openpgp.PGPPublicKeyRing(List.of(key.getPublicKey())).encode(armored);
    }
    Path file = dir.resolve("key.asc");
    Files.write(file, out.toByteArray());
    assertThat(TrustedKeys.load(file).keys())
        .extracting(TrustedKeys.KeyInfo::fingerprint)
        .containsExactly(TrustedKeys.fingerprint(key.getPublicKey()));
  }

  @Test
  void refusesAFileThatIsNoKeyring() {
    assertThatThrownBy(() -> TrustedKeys.parse("my.gpg", "hello".getBytes()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("my.gpg: not an OpenPGP public keyring (");
  }

  /** Cross-check with real data: the InRelease files apt cached on this host, if any. */
  @Test
  void verifiesTheInReleaseFilesAptCachedOnThisHost() throws IOException {
    Path lists = Path.of("/var/lib/apt/lists");
    List<Path> files;
    try (Stream<Path> s = Files.list(lists)) {
      files = s.filter(p -> p.getFileName().toString().endsWith("_InRelease")).sorted().toList();
    } catch (IOException e) {
      files = List.of();
    }
    Assumptions.assumeFalse(files.isEmpty(), "no InRelease files in " + lists);
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      String text = ClearsignedMessage.parse(file.toString(), bytes).text();
      var date = ReleaseFile.parse(file.toString(), text).date();
      var verifier =
          new InReleaseVerifier(
              TrustedKeys.debianArchive(), Clock.fixed(date.plusSeconds(3600), ZoneOffset.UTC));
      VerifiedRelease verified = verifier.verifyInRelease(file.toString(), bytes);
      assertThat(TrustedKeys.debianArchive().keys())
          .extracting(TrustedKeys.KeyInfo::fingerprint)
          .contains(verified.keyFingerprint());
      assertThat(verified.release().sha256()).isNotEmpty();
    }
  }
}
