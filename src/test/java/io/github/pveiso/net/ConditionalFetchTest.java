package io.github.pveiso.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.net.LoopbackServer.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Fetcher#fetchIfModified}: conditional requests answered 304 or 200. */
class ConditionalFetchTest {

  private static final byte[] CONTENT =
      "Origin: Debian\nSuite: trixie\n".getBytes(StandardCharsets.UTF_8);
  private static final String ETAG = "\"" + Sha256Digest.of(CONTENT).hex() + "\"";
  private static final SizeLimit ANY_SIZE = SizeLimit.plausible(1 << 20, "a test file");
  private static final String DATE = "Fri, 09 Jan 2026 00:00:00 GMT";

  @TempDir Path served;
  @TempDir Path out;

  private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
  private LoopbackServer server;
  private HttpFetcher fetcher;

  @BeforeEach
  void start() throws IOException {
    Path file = served.resolve("InRelease");
    Files.write(file, CONTENT);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-09T00:00:00Z")));
    server = LoopbackServer.serving(served);
    RetryPolicy retry =
        new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), sleeps::add);
    fetcher = new HttpFetcher(retry, Duration.ofSeconds(10), EventListener.NONE);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Path target() throws IOException {
    return Files.createTempFile(out, "release", ".tmp");
  }

  @Test
  void aFirstFetchGivesTheBytesAndTheServersValidators() throws IOException {
    Path target = target();

    Revalidation result =
        fetcher.fetchIfModified(server.uri("InRelease"), target, Validators.NONE, ANY_SIZE);

    Revalidation.Modified modified = (Revalidation.Modified) result;
    assertThat(modified.validators())
        .isEqualTo(new Validators(Optional.of(ETAG), Optional.of(DATE)));
    assertThat(modified.downloaded().sha256()).isEqualTo(Sha256Digest.of(CONTENT));
    assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
    assertThat(server.answers()).containsExactly(new Answer("/InRelease", 200, CONTENT.length));
  }

  @Test
  void aMatchingETagIsAnswered304AndNothingIsWritten() throws IOException {
    Path target = target();
    Validators known = new Validators(Optional.of(ETAG), Optional.empty());

    Revalidation result = fetcher.fetchIfModified(server.uri("InRelease"), target, known, ANY_SIZE);

    assertThat(result)
        .isEqualTo(
            new Revalidation.NotModified(new Validators(Optional.of(ETAG), Optional.of(DATE))));
    assertThat(Files.size(target)).isZero();
    assertThat(server.answers()).containsExactly(new Answer("/InRelease", 304, 0));
  }

  @Test
  void anUnchangedDateAloneIsAnswered304() throws IOException {
    Validators known = new Validators(Optional.empty(), Optional.of(DATE));

    Revalidation result =
        fetcher.fetchIfModified(server.uri("InRelease"), target(), known, ANY_SIZE);

    assertThat(result).isInstanceOf(Revalidation.NotModified.class);
    assertThat(server.answers()).containsExactly(new Answer("/InRelease", 304, 0));
  }

  @Test
  void aStaleETagGetsTheNewBytes() throws IOException {
    Path target = target();
    Validators known = new Validators(Optional.of("\"old\""), Optional.of(DATE));

    Revalidation result = fetcher.fetchIfModified(server.uri("InRelease"), target, known, ANY_SIZE);

    assertThat(((Revalidation.Modified) result).validators().etag()).contains(ETAG);
    assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
    assertThat(server.answers()).containsExactly(new Answer("/InRelease", 200, CONTENT.length));
  }

  @Test
  void theConditionFollowsRedirectsAndSurvivesRetries() throws IOException {
    server.redirect("old/InRelease", "InRelease");
    server.failNext("InRelease", 1, 503);
    Validators known = new Validators(Optional.of(ETAG), Optional.empty());

    Revalidation result =
        fetcher.fetchIfModified(server.uri("old/InRelease"), target(), known, ANY_SIZE);

    assertThat(result).isInstanceOf(Revalidation.NotModified.class);
    assertThat(server.answers())
        .containsExactly(
            new Answer("/old/InRelease", 302, 0),
            new Answer("/InRelease", 503, 0),
            new Answer("/old/InRelease", 302, 0),
            new Answer("/InRelease", 304, 0));
    assertThat(sleeps).containsExactly(Duration.ofMillis(100));
  }

  @Test
  void a304ToARequestWithoutValidatorsIsAnError() {
    server.failNext("InRelease", 1, 304);
    URI uri = server.uri("InRelease");

    assertThatThrownBy(() -> fetcher.fetch(uri, out.resolve("x"), ANY_SIZE))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("GET " + uri + " failed: HTTP 304");
  }

  @Test
  void aFileUriIsReadInFullWithoutValidators() throws IOException {
    Path target = target();
    Validators known = new Validators(Optional.of(ETAG), Optional.of(DATE));

    Revalidation result =
        fetcher.fetchIfModified(served.resolve("InRelease").toUri(), target, known, ANY_SIZE);

    assertThat(((Revalidation.Modified) result).validators()).isEqualTo(Validators.NONE);
    assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
    assertThat(server.answers()).isEmpty();
  }

  @Test
  void aFetcherThatCannotAskDownloadsInFull() throws IOException {
    Fetcher plain = (uri, target, limit) -> fetcher.fetch(uri, target, limit);
    Path target = target();

    Revalidation result =
        plain.fetchIfModified(
            server.uri("InRelease"),
            target,
            new Validators(Optional.of(ETAG), Optional.empty()),
            ANY_SIZE);

    assertThat(((Revalidation.Modified) result).validators()).isEqualTo(Validators.NONE);
    assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
    assertThat(server.requests()).containsExactly("GET /InRelease");
  }

  @Test
  void validatorsDescribeThemselvesAndTakeFreshOnes() {
    Validators both = new Validators(Optional.of(ETAG), Optional.of(DATE));
    Validators dateOnly =
        new Validators(Optional.empty(), Optional.of("Sat, 10 Jan 2026 00:00:00 GMT"));

    assertThat(Validators.NONE.describe()).isEqualTo("no validators");
    assertThat(both.describe()).isEqualTo("ETag " + ETAG + ", Last-Modified " + DATE);
    assertThat(dateOnly.describe()).isEqualTo("Last-Modified Sat, 10 Jan 2026 00:00:00 GMT");
    assertThat(new Validators(Optional.of("\"x\""), Optional.empty()).describe())
        .isEqualTo("ETag \"x\"");
    assertThat(both.updatedBy(dateOnly))
        .isEqualTo(new Validators(Optional.of(ETAG), Optional.of("Sat, 10 Jan 2026 00:00:00 GMT")));
    assertThat(both.updatedBy(Validators.NONE)).isEqualTo(both);
    assertThat(Validators.NONE.isEmpty()).isTrue();
    assertThat(dateOnly.isEmpty()).isFalse();
  }
}
