package io.github.pveiso.debian;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.net.HttpFetcher;
import io.github.pveiso.net.ParallelDownloads;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against the real Debian archive this host's apt configuration names: trixie's Release signed by
 * the shipped Debian keys, two firmware packages resolved, downloaded and checked. Skipped, with
 * the reason printed, when the host names no Debian mirror or it does not answer within 5 s.
 */
@Tag("online")
class DebianRepositoryOnlineTest {

  @TempDir Path temp;

  @Test
  void fetchesAndVerifiesFirmwareFromTheHostsMirror() throws IOException {
    URI mirror = reachableMirror();
    DebianRepository repo =
        new DebianRepository(
            mirror,
            "trixie",
            List.of("main", "non-free-firmware"),
            List.of("amd64"),
            TrustedKeys.debianArchive());
    HttpFetcher fetcher = HttpFetcher.create(EventListener.NONE);
    Cache cache = Cache.open(temp.resolve("cache"), fetcher, Clock.systemUTC(), EventListener.NONE);
    DebianRepositoryClient client =
        new DebianRepositoryClient(
            cache, fetcher, Clock.systemUTC(), temp.resolve("work"), EventListener.NONE);

    VerifiedRelease release = client.release(repo);
    List<RepositoryIndex> indexes = client.indexes(repo, release);
    RepositoryResolver.Resolved resolved =
        new RepositoryResolver(repo, indexes)
            .resolve(Map.of("amd64", List.of("amd64-microcode", "firmware-realtek")));
    List<FetchedDeb> debs =
        new DebDownloader(cache, new ParallelDownloads(4), DebStructureCheck.INSTANCE)
            .download(mirror, resolved.packages());

    assertThat(release.release().codename()).isEqualTo("trixie");
    for (RepositoryIndex index : indexes) { // the real archive, read back from the cache form
      List<BinaryPackage> parsed = index.index().packages();
      List<BinaryPackage> cached =
          PackagesIndex.readFrom(
                  new java.io.ByteArrayInputStream(PackagesIndexTest.cacheForm(index.index())))
              .packages();
      assertThat(cached).isEqualTo(parsed);
      assertThat(cached.stream().map(PackagesIndexTest::everything).toList())
          .isEqualTo(parsed.stream().map(PackagesIndexTest::everything).toList());
    }
    assertThat(TrustedKeys.debianArchive().keys())
        .extracting(TrustedKeys.KeyInfo::fingerprint)
        .contains(release.keyFingerprint());
    assertThat(debs).extracting(FetchedDeb::name).startsWith("amd64-microcode", "firmware-realtek");
    for (FetchedDeb deb : debs.subList(0, 2)) {
      assertThat(deb.component()).isEqualTo("non-free-firmware");
      assertThat(Files.size(deb.path())).isEqualTo(deb.metadata().size());
      assertThat(Sha256Digest.ofFile(deb.path()).hex()).isEqualTo(deb.metadata().sha256());
    }
  }

  private static URI reachableMirror() {
    URI mirror;
    try {
      mirror = new AptSources(Path.of("/")).debianMirror();
    } catch (InvalidInputException e) {
      return skip("no Debian mirror in this host's apt sources: " + e.getMessage());
    }
    URI probe = mirror.resolve("dists/trixie/InRelease");
    try {
      HttpResponse<Void> response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(5))
              .followRedirects(HttpClient.Redirect.ALWAYS)
              .build()
              .send(
                  HttpRequest.newBuilder(probe)
                      .timeout(Duration.ofSeconds(5))
                      .method("HEAD", HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() != 200) {
        return skip(probe + " answered HTTP " + response.statusCode());
      }
    } catch (IOException e) {
      return skip(probe + " did not answer within 5 s: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return skip("interrupted while probing " + probe);
    }
    return mirror;
  }

  private static URI skip(String reason) {
    System.out.println("skipping the online test: " + reason);
    Assumptions.assumeTrue(false, reason);
    return Optional.<URI>empty().orElseThrow();
  }
}
