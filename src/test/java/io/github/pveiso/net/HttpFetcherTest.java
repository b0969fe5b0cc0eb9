package io.github.pveiso.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.Sha256Digest;
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
    Downloaded result = fetcher.fetch(server.uri("big.bin"), out.resolve("big.bin"));

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

    Downloaded result = fetcher.fetch(server.uri("big.bin"), target);

    assertThat(Files.readAllBytes(target)).isEqualTo(content);
    assertThat(result.sha256()).isEqualTo(Sha256Digest.of(content));
    assertThat(server.requests()).containsExactly("GET /big.bin bytes=1000-");
  }

  @Test
  void startsOverWhenTheServerIgnoresTheRange() throws IOException {
    Path target = out.resolve("big.bin");
    Files.write(target, new byte[] {1, 2, 3});
    server.ignoreRange();

    Downloaded result = fetcher.fetch(server.uri("big.bin"), target);

    assertThat(Files.readAllBytes(target)).isEqualTo(content);
    assertThat(result.sha256()).isEqualTo(Sha256Digest.of(content));
  }

  @Test
  void aCompletePartialFileIsKeptWhenTheServerSaysTheRangeIsPastTheEnd() throws IOException {
    Path target = out.resolve("big.bin");
    Files.write(target, content);

    Downloaded result = fetcher.fetch(server.uri("big.bin"), target);

    assertThat(result.size()).isEqualTo(content.length);
    assertThat(server.requests()).containsExactly("GET /big.bin bytes=" + content.length + "-");
  }

  @Test
  void aDroppedConnectionIsResumedWhereItStopped() throws IOException {
    server.dropHalfwayOnce("big.bin");
    Path target = out.resolve("big.bin");

    Downloaded result = fetcher.fetch(server.uri("big.bin"), target);

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

    fetcher.fetch(server.uri("big.bin"), out.resolve("big.bin"));

    assertThat(Files.readAllBytes(out.resolve("big.bin"))).isEqualTo(content);
    assertThat(sleeps)
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
  }

  @Test
  void givesUpAfterTheLastAttemptWithOneLine() {
    server.failNext("big.bin", 10, 502);
    URI uri = server.uri("big.bin");

    assertThatThrownBy(() -> fetcher.fetch(uri, out.resolve("big.bin")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("GET " + uri + " failed after 4 attempts: HTTP 502");
    assertThat(sleeps).hasSize(3);
  }

  @Test
  void aMissingFileFailsAtOnce() {
    URI uri = server.uri("missing.bin");

    assertThatThrownBy(() -> fetcher.fetch(uri, out.resolve("missing.bin")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("GET " + uri + " failed: HTTP 404");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void aRefusedConnectionIsRetriedThenReported() throws IOException {
    URI uri = server.uri("big.bin");
    server.close();

    assertThatThrownBy(() -> fetcher.fetch(uri, out.resolve("big.bin")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith("GET " + uri + " failed after 4 attempts: ")
        .hasMessageContaining("ConnectException");
    assertThat(sleeps).hasSize(3);
  }

  @Test
  void followsRedirects() throws IOException {
    server.redirect("old/big.bin", "big.bin");

    fetcher.fetch(server.uri("old/big.bin"), out.resolve("big.bin"));

    assertThat(Files.readAllBytes(out.resolve("big.bin"))).isEqualTo(content);
    assertThat(server.requests()).containsExactly("GET /old/big.bin", "GET /big.bin");
  }

  @Test
  void copiesFileUris() throws IOException {
    Downloaded result = fetcher.fetch(served.resolve("big.bin").toUri(), out.resolve("copy.bin"));

    assertThat(Files.readAllBytes(out.resolve("copy.bin"))).isEqualTo(content);
    assertThat(result.sha256()).isEqualTo(Sha256Digest.of(content));
  }

  @Test
  void refusesOtherSchemes() {
    assertThatThrownBy(() -> fetcher.fetch(URI.create("ftp://example.invalid/x"), out))
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
                i -> fetcher.fetch(server.uri("f" + i), out.resolve("f" + i)));

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
                        name -> fetcher.fetch(server.uri(name), out.resolve(name))))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("GET " + server.uri("a") + " failed: HTTP 404");
  }

  @Test
  void aPartialFileLongerThanTheResourceStartsOver() throws IOException {
    Path target = out.resolve("big.bin");
    Files.write(target, new byte[content.length + 10]);

    Downloaded result = fetcher.fetch(server.uri("big.bin"), target);

    assertThat(Files.readAllBytes(target)).isEqualTo(content);
    assertThat(result.size()).isEqualTo(content.length);
    assertThat(server.requests())
        .containsExactly("GET /big.bin bytes=" + (content.length + 10) + "-", "GET /big.bin");
  }

  @Test
  void tooManyRequestsIsRetried() throws IOException {
    server.failNext("big.bin", 1, 429);

    fetcher.fetch(server.uri("big.bin"), out.resolve("big.bin"));

    assertThat(sleeps).containsExactly(Duration.ofMillis(100));
  }
}
