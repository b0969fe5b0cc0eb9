package io.github.pveiso.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import io.github.pveiso.events.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpFetcherTest {

  private static final SizeLimit ANY_SIZE = SizeLimit.plausible(1L << 30, "a test file");

  @TempDir Path served;
  @TempDir Path out;

  private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
  private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
  private LoopbackServer server;
  private HttpFetcher fetcher;
  private byte[] content;

  @BeforeEach
  void start() throws IOException {
    content = new byte[3 * 1024 * 1024 + 17];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 31 + i / 7);
    }
    Files.write(served.resolve("big.bin"), content);
    server = LoopbackServer.serving(served);
    RetryPolicy retry =
        new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1), sleeps::add);
    fetcher = new HttpFetcher(retry, Duration.ofSeconds(10), events::add);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void downloadsAFileAndReportsProgressEndingAtTheWhole() throws IOException {
    Downloaded result = fetcher.fetch(server.uri("big.bin"), out.resolve("big.bin"), ANY_SIZE);

    assertThat(Files.readAllBytes(out.resolve("big.bin"))).isEqualTo(content);
    assertThat(result.size()).isEqualTo(content.length);
    assertThat(result.sha256()).isEqualTo(Sha256Digest.of(content));
    assertThat(events).first().isEqualTo(new Event.Progress("big.bin", 0, content.length));
    assertThat(events)
        .last()
        .isEqualTo(new Event.Progress("big.bin", content.length, content.length));
    assertThat(server.requests()).containsExactly("GET /big.bin");
  }

  @Test
  void resumesAPartialFileWithARangeRequest() throws IOException {
    Path target = out.resolve("big.bin");
    Files.write(target, java.util.Arrays.copyOf(content, 1000));

    Downloaded result = fetcher.fetch(server.uri("big.bin"), target, ANY_SIZE);

    assertThat(Files.readAllBytes(target)).isEqualTo(content);
    assertThat(result.sha256()).isEqualTo(Sha256Digest.of(content));
    assertThat(server.requests()).containsExactly("GET /big.bin bytes=1000-");
  }

  @Test
  void startsOverWhenTheServerIgnoresTheRange() throws IOException {
    Path target = out.resolve("big.bin");
    Files.write(target, new byte[] {1, 2, 3});
    server.ignoreRange();

    Downloaded result = fetcher.fetch(server.uri("big.bin"), target, ANY_SIZE);

    assertThat(Files.readAllBytes(target)).isEqualTo(content);
    assertThat(result.sha256()).isEqualTo(Sha256Digest.of(content));
  }

  @Test
  void aCompletePartialFileIsKeptWhenTheServerSaysTheRangeIsPastTheEnd() throws IOException {
    Path target = out.resolve("big.bin");
    Files.write(target, content);

    Downloaded result = fetcher.fetch(server.uri("big.bin"), target, ANY_SIZE);

    assertThat(result.size()).isEqualTo(content.length);
    assertThat(server.requests()).containsExactly("GET /big.bin bytes=" + content.length + "-");
  }

  @Test
  void aDroppedConnectionIsResumedWhereItStopped() throws IOException {
    server.dropHalfwayOnce("big.bin");
    Path target = out.resolve("big.bin");

    Downloaded result = fetcher.fetch(server.uri("big.bin"), target, ANY_SIZE);

    assertThat(Files.readAllBytes(target)).isEqualTo(content);
    assertThat(result.sha256()).isEqualTo(Sha256Digest.of(content));
    assertThat(server.requests()).hasSize(2).first().isEqualTo("GET /big.bin");
    assertThat(server.requests().get(1))
        .startsWith("GET /big.bin bytes=")
        .isNotEqualTo("GET /big.bin bytes=0-");
    assertThat(sleeps).containsExactly(Duration.ofMillis(100));
  }

  @Test
  void serverErrorsAreRetriedWithExponentialBackoff() throws IOException {
    server.failNext("big.bin", 3, 503);

    fetcher.fetch(server.uri("big.bin"), out.resolve("big.bin"), ANY_SIZE);

    assertThat(Files.readAllBytes(out.resolve("big.bin"))).isEqualTo(content);
    assertThat(sleeps)
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
  }

  @Test
  void givesUpAfterTheLastAttemptWithOneLine() {
    server.failNext("big.bin", 10, 502);
    URI uri = server.uri("big.bin");

    assertThatThrownBy(() -> fetcher.fetch(uri, out.resolve("big.bin"), ANY_SIZE))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("GET " + uri + " failed after 4 attempts: HTTP 502");
    assertThat(sleeps).hasSize(3);
  }

  @Test
  void aMissingFileFailsAtOnce() {
    URI uri = server.uri("missing.bin");

    assertThatThrownBy(() -> fetcher.fetch(uri, out.resolve("missing.bin"), ANY_SIZE))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("GET " + uri + " failed: HTTP 404");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void aRefusedConnectionIsRetriedThenReported() throws IOException {
    URI uri = server.uri("big.bin");
    server.close();

    assertThatThrownBy(() -> fetcher.fetch(uri, out.resolve("big.bin"), ANY_SIZE))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage(
            "GET "
                + uri
                + " failed after 4 attempts: cannot connect (refused, or no route to the server:"
                + " check the URL, the network and any proxy)");
    assertThat(sleeps).hasSize(3);
  }

  @Test
  void followsRedirects() throws IOException {
    server.redirect("old/big.bin", "big.bin");

    fetcher.fetch(server.uri("old/big.bin"), out.resolve("big.bin"), ANY_SIZE);

    assertThat(Files.readAllBytes(out.resolve("big.bin"))).isEqualTo(content);
    assertThat(server.requests()).containsExactly("GET /old/big.bin", "GET /big.bin");
  }

  @Test
  void copiesFileUris() throws IOException {
    Downloaded result =
        fetcher.fetch(served.resolve("big.bin").toUri(), out.resolve("copy.bin"), ANY_SIZE);

    assertThat(Files.readAllBytes(out.resolve("copy.bin"))).isEqualTo(content);
    assertThat(result.sha256()).isEqualTo(Sha256Digest.of(content));
  }

  @Test
  void refusesOtherSchemes() {
    assertThatThrownBy(() -> fetcher.fetch(URI.create("ftp://example.invalid/x"), out, ANY_SIZE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "cannot fetch ftp://example.invalid/x: scheme 'ftp' is not http, https or file");
  }

  @Test
  void parallelDownloadsKeepTheOrderOfTheRequests() throws IOException {
    for (int i = 0; i < 10; i++) {
      Files.writeString(served.resolve("f" + i), "file " + i);
    }

    List<Downloaded> results =
        new ParallelDownloads(4)
            .map(
                IntStream.range(0, 10).boxed().toList(),
                i -> fetcher.fetch(server.uri("f" + i), out.resolve("f" + i), ANY_SIZE));

    assertThat(results)
        .extracting(d -> d.file().getFileName().toString())
        .containsExactly("f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9");
    assertThat(Files.readString(out.resolve("f7"))).isEqualTo("file 7");
  }

  @Test
  void parallelDownloadsThrowTheFirstFailureInOrder() {
    assertThatThrownBy(
            () ->
                new ParallelDownloads(4)
                    .map(
                        List.of("a", "b", "c"),
                        name -> fetcher.fetch(server.uri(name), out.resolve(name), ANY_SIZE)))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("GET " + server.uri("a") + " failed: HTTP 404");
  }

  @Test
  void aPartialFileLongerThanTheResourceStartsOver() throws IOException {
    Path target = out.resolve("big.bin");
    Files.write(target, new byte[content.length + 10]);

    Downloaded result = fetcher.fetch(server.uri("big.bin"), target, ANY_SIZE);

    assertThat(Files.readAllBytes(target)).isEqualTo(content);
    assertThat(result.size()).isEqualTo(content.length);
    assertThat(server.requests())
        .containsExactly("GET /big.bin bytes=" + (content.length + 10) + "-", "GET /big.bin");
  }

  @Test
  void tooManyRequestsIsRetried() throws IOException {
    server.failNext("big.bin", 1, 429);

    fetcher.fetch(server.uri("big.bin"), out.resolve("big.bin"), ANY_SIZE);

    assertThat(sleeps).containsExactly(Duration.ofMillis(100));
  }

  @Test
  void anEndlessBodyStopsAtTheLimitAndLeavesNoFile() {
    server.endless("big.bin");
    URI uri = server.uri("big.bin");
    Path target = out.resolve("big.bin");

    assertThatThrownBy(() -> fetcher.fetch(uri, target, SizeLimit.verified(692, "Packages")))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            uri
                + ": the server sent more than the 692 bytes Packages says; the download was dropped");
    assertThat(target).doesNotExist();
    assertThat(sleeps).isEmpty();
  }

  @Test
  void aBodyOneByteLongerThanTheLimitIsDropped() {
    URI uri = server.uri("big.bin");
    Path target = out.resolve("big.bin");
    SizeLimit limit = SizeLimit.plausible(content.length - 1, "a test file");

    assertThatThrownBy(() -> fetcher.fetch(uri, target, limit))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            uri
                + ": the server announced "
                + content.length
                + " bytes, more than the "
                + (content.length - 1)
                + " bytes pveiso accepts for a test file; nothing was downloaded");
    assertThat(target).doesNotExist();
  }

  @Test
  void aBodyExactlyAtTheLimitIsKept() throws IOException {
    Path target = out.resolve("big.bin");

    Downloaded result =
        fetcher.fetch(
            server.uri("big.bin"), target, SizeLimit.verified(content.length, "Packages"));

    assertThat(result.size()).isEqualTo(content.length);
    assertThat(Files.readAllBytes(target)).isEqualTo(content);
  }

  @Test
  void anEndlessBodyAfterAPartialFileIsDroppedWithThePartialFile() throws IOException {
    server.endless("big.bin");
    URI uri = server.uri("big.bin");
    Path target = out.resolve("big.bin");
    Files.write(target, java.util.Arrays.copyOf(content, 1000));

    assertThatThrownBy(() -> fetcher.fetch(uri, target, SizeLimit.verified(2000, "Packages")))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            uri
                + ": the server sent more than the 2000 bytes Packages says; the download was dropped");
    assertThat(target).doesNotExist();
  }

  @Test
  void aRangeAnswerAnnouncingMoreThanTheLimitIsDropped() throws IOException {
    URI uri = server.uri("big.bin");
    Path target = out.resolve("big.bin");
    Files.write(target, java.util.Arrays.copyOf(content, 1000));

    assertThatThrownBy(() -> fetcher.fetch(uri, target, SizeLimit.verified(2000, "Packages")))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            uri
                + ": the server announced "
                + content.length
                + " bytes, more than the 2000 bytes Packages says; nothing was downloaded");
    assertThat(target).doesNotExist();
    assertThat(server.requests()).containsExactly("GET /big.bin bytes=1000-");
  }

  @Test
  void aPartialFileLongerThanTheLimitStartsOver() throws IOException {
    Path target = out.resolve("big.bin");
    Files.write(target, new byte[content.length + 10]);

    Downloaded result =
        fetcher.fetch(
            server.uri("big.bin"), target, SizeLimit.verified(content.length, "Packages"));

    assertThat(Files.readAllBytes(target)).isEqualTo(content);
    assertThat(result.size()).isEqualTo(content.length);
    assertThat(server.requests()).containsExactly("GET /big.bin");
  }

  @Test
  void aLocalFileLargerThanTheLimitIsNotCopied() {
    URI uri = served.resolve("big.bin").toUri();
    Path target = out.resolve("copy.bin");

    assertThatThrownBy(() -> fetcher.fetch(uri, target, SizeLimit.verified(692, "Packages")))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            uri
                + ": the file has "
                + content.length
                + " bytes, more than the 692 bytes Packages says");
    assertThat(target).doesNotExist();
  }

  private HttpFetcher fetcherWith(StallPolicy stall) {
    RetryPolicy twice =
        new RetryPolicy(2, Duration.ofMillis(100), Duration.ofSeconds(1), sleeps::add);
    return new HttpFetcher(twice, Duration.ofSeconds(10), stall, events::add);
  }

  @Test
  void aServerThatSendsHeadersAndThenNothingIsRetriedThenReported() {
    server.stallAfter("big.bin", 0);
    URI uri = server.uri("big.bin");
    HttpFetcher impatient =
        fetcherWith(new StallPolicy(Duration.ofMillis(300), 0, Duration.ofMinutes(1)));

    assertThatThrownBy(() -> impatient.fetch(uri, out.resolve("big.bin"), ANY_SIZE))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("GET " + uri + " failed after 2 attempts: the server sent no data for 0.3 s");
    assertThat(sleeps).containsExactly(Duration.ofMillis(100));
    assertThat(events)
        .contains(
            new Event.Log(
                Event.Level.WARN,
                "GET " + uri + ": the server sent no data for 0.3 s; retry 1 in 100 ms"));
  }

  @Test
  void aServerThatStallsHalfWayIsReportedAndTheBytesSoFarAreKeptForTheNextRun() throws IOException {
    server.stallAfter("big.bin", 1000);
    URI uri = server.uri("big.bin");
    Path target = out.resolve("big.bin");
    HttpFetcher impatient =
        fetcherWith(new StallPolicy(Duration.ofSeconds(1), 0, Duration.ofMinutes(1)));

    assertThatThrownBy(() -> impatient.fetch(uri, target, ANY_SIZE))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("GET " + uri + " failed after 2 attempts: the server sent no data for 1 s");
    assertThat(Files.readAllBytes(target)).isEqualTo(java.util.Arrays.copyOf(content, 1000));
  }

  @Test
  void aServerThatTricklesIsTooSlow() {
    server.trickle("big.bin", Duration.ofMillis(20));
    URI uri = server.uri("big.bin");
    HttpFetcher impatient =
        fetcherWith(new StallPolicy(Duration.ofSeconds(20), 1000, Duration.ofMillis(300)));

    assertThatThrownBy(() -> impatient.fetch(uri, out.resolve("big.bin"), ANY_SIZE))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage(
            "GET "
                + uri
                + " failed after 2 attempts: the server sent fewer than 1000 bytes in 0.3 s");
  }

  @Test
  void aSteadyDownloadPassesAStrictPolicy() throws IOException {
    HttpFetcher strict =
        fetcherWith(new StallPolicy(Duration.ofSeconds(5), 1024, Duration.ofSeconds(5)));

    Downloaded result = strict.fetch(server.uri("big.bin"), out.resolve("big.bin"), ANY_SIZE);

    assertThat(result.sha256()).isEqualTo(Sha256Digest.of(content));
  }

  @Test
  void stallPoliciesRefuseNonsense() {
    assertThatThrownBy(() -> new StallPolicy(Duration.ZERO, 0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stall times must be positive: PT0S, PT1S");
    assertThatThrownBy(() -> new StallPolicy(Duration.ofSeconds(1), -1, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minBytes cannot be negative: -1");
    assertThat(StallPolicy.DEFAULT)
        .isEqualTo(new StallPolicy(Duration.ofSeconds(30), 32768, Duration.ofMinutes(1)));
  }
}
