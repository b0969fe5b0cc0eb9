package io.github.pveiso.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.events.EventListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetExtrasTest {

  @TempDir Path dir;

  @Test
  void aMissingLocalFileIsOneLine() {
    Path missing = dir.resolve("missing.iso");

    assertThatThrownBy(
            () -> {
              try (HttpFetcher fetcher = HttpFetcher.create(EventListener.NONE)) {
                fetcher.fetch(missing.toUri(), dir.resolve("x"), SizeLimit.plausible(1, "x"));
              }
            })
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot read " + missing + ": no such file");
  }

  @Test
  void closingAFetcherEndsItsClientsThreadsAndLeavesAGivenClientOpen() throws IOException {
    HttpFetcher fetcher = HttpFetcher.create(EventListener.NONE);
    Files.writeString(dir.resolve("a"), "a");
    try (LoopbackServer server = LoopbackServer.serving(dir)) {
      // a download: the client is made and its selector runs
      fetcher.fetch(server.uri("/a"), dir.resolve("got"), SizeLimit.plausible(1, "a"));
    }
    HttpClient made = fetcher.client();
    // the facade's text ends with the client's number, which names its selector's thread
    String selector =
        "HttpClient-" + made.toString().replaceAll(".*\\((\\d+)\\)$", "$1") + "-SelectorManager";
    assertThat(liveThreads()).contains(selector);
    fetcher.close();
    assertThat(made.isTerminated()).isTrue();
    assertThat(liveThreads()).doesNotContain(selector);

    try (HttpClient given = HttpClient.newHttpClient()) {
      new HttpFetcher(given, RetryPolicy.DEFAULT, Duration.ofSeconds(1), EventListener.NONE)
          .close();
      assertThat(given.isTerminated()).isFalse();
    }
  }

  @Test
  void anOnDemandFetcherMakesNoClientUntilItDownloadsAndClosesTheOneItMade() throws IOException {
    List<String> before = liveThreads();
    HttpFetcher idle = HttpFetcher.onDemand(EventListener.NONE);
    idle.close();
    assertThat(liveThreads()).noneMatch(t -> t.equals("pveiso-http-client") && !before.contains(t));

    HttpFetcher fetcher = HttpFetcher.onDemand(EventListener.NONE);
    Files.writeString(dir.resolve("b"), "b");
    try (LoopbackServer server = LoopbackServer.serving(dir)) {
      fetcher.fetch(server.uri("/b"), dir.resolve("got-b"), SizeLimit.plausible(1, "b"));
    }
    HttpClient made = fetcher.client();
    assertThat(made.isTerminated()).isFalse();
    fetcher.close();
    assertThat(made.isTerminated()).isTrue();
  }

  private static List<String> liveThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .toList();
  }

  @Test
  void backoffDoublesUpToItsCap() {
    RetryPolicy policy =
        new RetryPolicy(9, Duration.ofSeconds(1), Duration.ofSeconds(5), Sleeper.SYSTEM);

    assertThat(List.of(policy.backoff(1), policy.backoff(2), policy.backoff(3), policy.backoff(4)))
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(5));
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Sleeper.SYSTEM))
        .hasMessage("attempts must be at least 1, not 0");
  }

  @Test
  void parallelDownloadsRunOneByOneWhenAskedAndRefuseZero() {
    assertThat(new ParallelDownloads(1).map(List.of(1, 2, 3), i -> i * 2)).containsExactly(2, 4, 6);
    assertThatThrownBy(() -> new ParallelDownloads(0))
        .hasMessage("parallelism must be at least 1, not 0");
  }

  @Test
  void notFoundIsRecognisedThroughWrapping() {
    HttpStatusException notFound = new HttpStatusException(java.net.URI.create("http://h/x"), 404);

    assertThat(HttpStatusException.isNotFound(new UncheckedIOException("x", notFound))).isTrue();
    assertThat(HttpStatusException.isNotFound(new RuntimeException("x"))).isFalse();
    assertThat(notFound.status()).isEqualTo(404);
  }

  @Test
  void locationsTellPathsFromUrls() {
    assertThat(Locations.toUri("C:x.iso")).isEqualTo(Path.of("C:x.iso").toAbsolutePath().toUri());
    assertThat(Locations.toUri("name:x.iso"))
        .isEqualTo(Path.of("name:x.iso").toAbsolutePath().toUri());
    assertThat(Locations.fileName(java.net.URI.create("http://h/"))).isEqualTo("http://h/");
    assertThat(Locations.fileName(java.net.URI.create("http://h/dir/"))).isEqualTo("dir");
    assertThatThrownBy(() -> Locations.toUri("http://h/a b"))
        .isInstanceOf(io.github.pveiso.InvalidInputException.class)
        .hasMessage("'http://h/a b' is not a valid URL: Illegal character in path");
  }

  @Test
  void parallelDownloadsRethrowErrorsAndRunASingleItemInline() {
    assertThat(new ParallelDownloads(4).map(List.of(7), i -> i + 1)).containsExactly(8);
    assertThatThrownBy(
            () ->
                new ParallelDownloads(2)
                    .map(
                        List.of(1, 2),
                        i -> {
                          throw new AssertionError("boom " + i);
                        }))
        .isInstanceOf(AssertionError.class)
        .hasMessage("boom 1");
    assertThat(
            HttpStatusException.isNotFound(
                new UncheckedIOException(
                    "x", new HttpStatusException(java.net.URI.create("http://h/x"), 500))))
        .isFalse();
  }

  @Test
  void aClientMadeMeanwhileIsHandedOverWithItsErrors() {
    assertThat(HttpFetcher.madeMeanwhile(() -> "made").get()).isEqualTo("made");
    IllegalStateException failure = new IllegalStateException("no TLS");
    assertThatThrownBy(
            () ->
                HttpFetcher.madeMeanwhile(
                        () -> {
                          throw failure;
                        })
                    .get())
        .isSameAs(failure);
    StackOverflowError error = new StackOverflowError("deep");
    assertThatThrownBy(
            () ->
                HttpFetcher.madeMeanwhile(
                        () -> {
                          throw error;
                        })
                    .get())
        .isSameAs(error);
  }

  @Test
  void waitingForAClientMadeMeanwhileCanBeInterrupted() throws InterruptedException {
    java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
    java.util.function.Supplier<String> client =
        HttpFetcher.madeMeanwhile(
            () -> {
              try {
                never.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return "late";
            });
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(client::get)
          .isInstanceOf(UncheckedIOException.class)
          .hasMessage(
              "java.io.InterruptedIOException: interrupted while the HTTP client was being made");
      assertThat(Thread.interrupted()).isTrue();
    } finally {
      never.countDown();
    }
  }
}
