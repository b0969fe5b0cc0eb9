package io.github.pveiso.debian;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.InvalidInputException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Fetches trixie's InRelease from the host's own Debian mirror and verifies it. */
@Tag("online")
class DebianMirrorOnlineTest {
  @Test
  void verifiesTrixieInReleaseFromTheHostsMirror() throws InterruptedException {
    URI mirror;
    try {
      mirror = new AptSources(Path.of("/")).debianMirror();
    } catch (InvalidInputException e) {
      Assumptions.abort("skipped: " + e.getMessage());
      return;
    }
    URI url = mirror.resolve("dists/trixie/InRelease");
    byte[] body;
    try (HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build()) {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      Assumptions.assumeTrue(
          response.statusCode() == 200,
          () -> "skipped: " + url + " answered HTTP " + response.statusCode());
      body = response.body();
    } catch (IOException e) {
      Assumptions.abort("skipped: " + url + " did not answer: " + e);
      return;
    }

    VerifiedRelease verified =
        new InReleaseVerifier(TrustedKeys.debianArchive(), Clock.systemUTC())
            .verifyInRelease("InRelease of trixie from " + url, body);

    assertThat(verified.release().codename()).isEqualTo("trixie");
    assertThat(verified.release().components()).contains("main", "non-free-firmware");
    assertThat(verified.release().file("main/binary-amd64/Packages.xz")).isPresent();
    assertThat(TrustedKeys.debianArchive().keys())
        .extracting(TrustedKeys.KeyInfo::fingerprint)
        .contains(verified.keyFingerprint());
    System.out.println(
        "verified "
            + url
            + " signed by "
            + verified.keyFingerprint()
            + " (subkey "
            + verified.signingKeyFingerprint()
            + ")");
  }
}
