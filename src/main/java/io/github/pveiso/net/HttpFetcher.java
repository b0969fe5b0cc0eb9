package io.github.pveiso.net;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.events.EventListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Fetches over HTTP(S) with {@link HttpClient}: redirects followed, partial files resumed with a
 * {@code Range} request, transient failures retried with exponential backoff; {@code file:} URIs
 * are copied. Every download is bounded by a {@link SizeLimit}, fails over to a retry when the
 * server stalls ({@link StallPolicy}), and reports progress that ends at 100 %.
 *
 * <p>Over 300 lines because one HTTP exchange has these cases and they share its state: the
 * conditional request, the resumed range and its three answers (206, 200 restarting, 416), the
 * retry loop, the size bound, the stall watch and the progress counter; split apart they would pass
 * that state around.
 */
public final class HttpFetcher implements Fetcher, AutoCloseable {

  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
  private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes \\*/(\\d+)");
  private static final long PROGRESS_STEP = 1 << 20;

  /**
   * How long {@link #create}'s and {@link #onDemand}'s fetchers wait for a connection and headers.
   */
  private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

  private final ClientSource client;
  private final RetryPolicy retry;
  private final Duration responseTimeout;
  private final StallPolicy stall;
  private final EventListener listener;

  /**
   * A fetcher with its own client, made on another thread meanwhile: a new client sets up TLS
   * (Java's trust store and cipher suites), a few tenths of a second a build would otherwise wait
   * for before its first stage. The first fetch waits for it.
   */
  public HttpFetcher(RetryPolicy retry, Duration responseTimeout, EventListener listener) {
    this(retry, responseTimeout, StallPolicy.DEFAULT, listener);
  }

  /**
   * The same, with {@code stall} saying when a body that stopped coming counts as a failure ({@code
   * responseTimeout} bounds the wait for the headers).
   */
  public HttpFetcher(
      RetryPolicy retry, Duration responseTimeout, StallPolicy stall, EventListener listener) {
    this(
        ClientSource.madeMeanwhile(() -> newClient(responseTimeout)),
        retry,
        responseTimeout,
        stall,
        listener);
  }

  /**
   * A fetcher on a given client (it should follow redirects), which stays the caller's to close.
   */
  public HttpFetcher(
      HttpClient client, RetryPolicy retry, Duration responseTimeout, EventListener listener) {
    this(ClientSource.given(client), retry, responseTimeout, StallPolicy.DEFAULT, listener);
  }

  private HttpFetcher(
      ClientSource client,
      RetryPolicy retry,
      Duration responseTimeout,
      StallPolicy stall,
      EventListener listener) {
    this.client = client;
    this.retry = retry;
    this.responseTimeout = responseTimeout;
    this.stall = stall;
    this.listener = listener;
  }

  private static HttpClient newClient(Duration responseTimeout) {
    return HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.ALWAYS)
        .connectTimeout(responseTimeout)
        .build();
  }

  /** Where a fetcher's client comes from, and whether closing the fetcher closes it. */
  private interface ClientSource extends Supplier<HttpClient> {

    /** Closes the client if this source made it, waiting for one being made. */
    void close();

    static ClientSource given(HttpClient client) {
      return new ClientSource() {
        @Override
        public HttpClient get() {
          return client;
        }

        @Override
        public void close() {} // the caller's
      };
    }

    /** Makes the client on a daemon thread from now on (see {@link HttpFetcher#madeMeanwhile}). */
    static ClientSource madeMeanwhile(Supplier<HttpClient> make) {
      Supplier<HttpClient> made = HttpFetcher.madeMeanwhile(make);
      return new ClientSource() {
        @Override
        public HttpClient get() {
          return made.get();
        }

        @Override
        public void close() {
          HttpClient c;
          try {
            c = made.get();
          } catch (RuntimeException e) {
            return; // never made: nothing runs
          }
          c.close();
        }
      };
    }

    /** Makes the client at the first {@link #get}; closing before that makes none. */
    static ClientSource onDemand(Supplier<HttpClient> make) {
      return new ClientSource() {
        private @Nullable HttpClient made;

        @Override
        public synchronized HttpClient get() {
          HttpClient c = made;
          if (c == null) {
            c = make.get();
            made = c;
          }
          return c;
        }

        @Override
        public synchronized void close() {
          if (made != null) {
            made.close();
          }
        }
      };
    }
  }

  /**
   * Starts {@code make} on a daemon thread: a new client sets up TLS (Java's trust store and cipher
   * suites), a few tenths of a second a build would otherwise wait for before its first download.
   * The supplier returns its result, or throws its error.
   */
  static <T> Supplier<T> madeMeanwhile(Supplier<T> make) {
    FutureTask<T> task = new FutureTask<>(make::get);
    Thread.ofPlatform().daemon().name("pveiso-http-client").start(task);
    return () -> {
      try {
        return task.get();
      } catch (ExecutionException e) {
        // a Supplier throws only unchecked exceptions
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw (RuntimeException) e.getCause();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UncheckedIOException(
            new InterruptedIOException("interrupted while the HTTP client was being made"));
      }
    };
  }

  /**
   * Closes the client this fetcher made, waiting until its threads have ended (a client given to it
   * stays open). Until then the client's selector thread runs: left to end on its own once the
   * client is unreachable, it could be winding down while the JVM exits and writes its class-data
   * archive, and Java 25's JVM has crashed (SIGSEGV in {@code find_lambda_proxy_class}) when that
   * thread looked up a lambda meanwhile.
   */
  @Override
  public void close() {
    client.close();
  }

  /** The client this fetcher sends with, made if it was not yet (for tests). */
  HttpClient client() {
    return client.get();
  }

  /** A fetcher with the default retries and a {@link #RESPONSE_TIMEOUT}. */
  public static HttpFetcher create(EventListener listener) {
    return new HttpFetcher(RetryPolicy.DEFAULT, RESPONSE_TIMEOUT, listener);
  }

  /**
   * As {@link #create}, but its client is made at its first download, for commands that seldom
   * download ({@code pveiso cache}): they then neither set up TLS nor wait for it to close.
   */
  public static HttpFetcher onDemand(EventListener listener) {
    return new HttpFetcher(
        ClientSource.onDemand(() -> newClient(RESPONSE_TIMEOUT)),
        RetryPolicy.DEFAULT,
        RESPONSE_TIMEOUT,
        StallPolicy.DEFAULT,
        listener);
  }

  @Override
  public Downloaded fetch(URI uri, Path target, SizeLimit limit) {
    return switch (fetchIfModified(uri, target, Validators.NONE, limit)) {
      case Revalidation.Modified modified -> modified.downloaded();
      case Revalidation.NotModified notModified ->
          throw new IllegalStateException("GET " + uri + " was not conditional but got HTTP 304");
    };
  }

  /**
   * {@inheritDoc} The retries, redirects and messages are those of {@link #fetch}; a 304 answer to
   * a request without validators is an error, as before. {@code file:} URIs are read in full.
   */
  @Override
  public Revalidation fetchIfModified(URI uri, Path target, Validators known, SizeLimit limit) {
    String scheme = String.valueOf(uri.getScheme());
    if (scheme.equalsIgnoreCase("file")) {
      return new Revalidation.Modified(copyLocal(uri, target, limit), Validators.NONE);
    }
    if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
      throw new InvalidInputException(
          "cannot fetch " + uri + ": scheme '" + scheme + "' is not http, https or file");
    }
    String reason = "";
    for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
      try {
        return attempt(uri, target, known, limit);
      } catch (TransientFailure e) {
        if (Thread.currentThread().isInterrupted()) {
          throw interrupted(uri); // stopped, not a failure worth another try
        }
        reason = e.getMessage();
        if (attempt < retry.attempts()) {
          Duration wait = retry.backoff(attempt);
          listener.warn(
              "GET "
                  + uri
                  + ": "
                  + reason
                  + "; retry "
                  + attempt
                  + " in "
                  + wait.toMillis()
                  + " ms");
          sleep(uri, wait);
        }
      }
    }
    String message = "GET " + uri + " failed after " + retry.attempts() + " attempts: " + reason;
    throw new UncheckedIOException(message, new IOException(message));
  }

  private Revalidation attempt(URI uri, Path target, Validators known, SizeLimit limit)
      throws TransientFailure {
    long have = existingSize(target);
    if (limit.isExceededBy(have)) {
      deleteQuietly(target); // left by an earlier download of something else: start over
      have = 0;
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(responseTimeout).GET();
    if (have > 0) {
      request.header("Range", "bytes=" + have + "-");
    }
    known.etag().ifPresent(etag -> request.header("If-None-Match", etag));
    known.lastModified().ifPresent(date -> request.header("If-Modified-Since", date));
    HttpResponse<InputStream> response;
    try {
      response = client.get().send(request.build(), GuardedBody.handler(stall));
    } catch (IOException e) {
      throw new TransientFailure(describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(
          "GET " + uri + " interrupted", new InterruptedIOException("GET " + uri + " interrupted"));
    }
    Validators sent = validators(response);
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      if (status == 304 && !known.isEmpty()) {
        return new Revalidation.NotModified(known.updatedBy(sent));
      }
      return new Revalidation.Modified(
          receive(new Target(uri, target, limit), have, response, body), sent);
    } catch (GuardedBody.StalledException e) {
      throw new TransientFailure(String.valueOf(e.getMessage()));
    } catch (IOException e) {
      if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
        throw new UncheckedIOException("GET " + uri + " interrupted", e);
      }
      throw new TransientFailure(describe(e));
    }
  }

  private Downloaded receive(
      Target to, long have, HttpResponse<InputStream> response, InputStream body)
      throws IOException, TransientFailure {
    URI uri = to.uri();
    int status = response.statusCode();
    if (status == 206 && have > 0) {
      return receivePart(to, have, response, body);
    }
    if (status == 200) {
      long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      return receive(to, 0, total, body);
    }
    if (status == 416 && have > 0) {
      return alreadyComplete(uri, to.file(), have, response);
    }
    if (status >= 500 || status == 408 || status == 429) {
      throw new TransientFailure("HTTP " + status);
    }
    HttpStatusException failure = new HttpStatusException(uri, status);
    throw new UncheckedIOException(failure.getMessage(), failure);
  }

  private static Validators validators(HttpResponse<?> response) {
    return new Validators(
        response.headers().firstValue("ETag"), response.headers().firstValue("Last-Modified"));
  }

  private Downloaded receivePart(
      Target to, long have, HttpResponse<InputStream> response, InputStream body)
      throws IOException, TransientFailure {
    Matcher range =
        CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
    if (!range.matches() || Long.parseLong(range.group(1)) != have) {
      Files.deleteIfExists(to.file()); // an answer to a range we did not ask for: start again
      throw new TransientFailure("server answered a different range; starting over");
    }
    long remaining = range.group(3).equals("*") ? -1 : Long.parseLong(range.group(3)) - have;
    return receive(to, have, remaining, body);
  }

  private Downloaded alreadyComplete(
      URI uri, Path target, long have, HttpResponse<InputStream> response)
      throws IOException, TransientFailure {
    Matcher range =
        UNSATISFIED_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
    if (range.matches() && Long.parseLong(range.group(1)) == have) {
      listener.progress(Locations.fileName(uri), have, have);
      return new Downloaded(uri, target, have, Sha256Digest.ofFile(target));
    }
    Files.deleteIfExists(target);
    throw new TransientFailure("HTTP 416 for a partial file; starting over");
  }

  private Downloaded receive(Target to, long offset, long remaining, InputStream body)
      throws IOException, TransientFailure {
    URI uri = to.uri();
    Path target = to.file();
    long total = remaining < 0 ? -1 : offset + remaining;
    if (to.limit().isExceededBy(total)) {
      deleteQuietly(target);
      throw to.limit().announced(uri, total);
    }
    MessageDigest digest = Sha256Digest.newMessageDigest();
    if (offset > 0) {
      Sha256Digest.update(digest, target);
    }
    long done = copy(uri, target, offset, total, body, digest, to.limit());
    if (to.limit().isExceededBy(done)) {
      deleteQuietly(target);
      throw to.limit().sentMore(uri);
    }
    if (total >= 0 && done != total) {
      throw new TransientFailure("connection closed after " + done + " of " + total + " bytes");
    }
    listener.progress(Locations.fileName(uri), done, done);
    return new Downloaded(uri, target, done, Sha256Digest.of(digest));
  }

  /**
   * Appends {@code body} to {@code target} (from {@code offset} on) and returns the length reached;
   * stops without writing the last read when that would pass {@code limit}, and returns a length
   * past it then.
   */
  private long copy(
      URI uri,
      Path target,
      long offset,
      long total,
      InputStream body,
      MessageDigest digest,
      SizeLimit limit)
      throws IOException {
    String task = Locations.fileName(uri);
    StandardOpenOption mode =
        offset > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
    long done = offset;
    long reported = offset;
    listener.progress(task, done, total);
    byte[] buffer = new byte[1 << 16];
    try (OutputStream out =
        Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
      for (int n; (n = body.read(buffer)) > 0; ) {
        if (limit.isExceededBy(done + n)) {
          return done + n;
        }
        out.write(buffer, 0, n);
        digest.update(buffer, 0, n);
        done += n;
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedIOException("GET " + uri + " interrupted");
        }
        if (done - reported >= PROGRESS_STEP) {
          listener.progress(task, done, total);
          reported = done;
        }
      }
    }
    return done;
  }

  private Downloaded copyLocal(URI uri, Path target, SizeLimit limit) {
    Path source = Path.of(uri);
    MessageDigest digest = Sha256Digest.newMessageDigest();
    try (InputStream in = Files.newInputStream(source)) {
      long total = Files.size(source);
      if (limit.isExceededBy(total)) {
        throw limit.fileHas(uri, total);
      }
      long done = copy(uri, target, 0, total, in, digest, limit);
      if (limit.isExceededBy(done)) {
        deleteQuietly(target);
        throw limit.fileHas(uri, -1); // not a regular file, or one that grew
      }
      listener.progress(Locations.fileName(uri), done, done);
      return new Downloaded(uri, target, done, Sha256Digest.of(digest));
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("cannot read " + source + ": no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + source + ": " + describe(e), e);
    }
  }

  private static long existingSize(Path target) {
    try {
      return Files.exists(target) ? Files.size(target) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + target + ": " + describe(e), e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the caller reports the failure it is handling; a stale file is started over next time
    }
  }

  /** Where a download goes and how long it may be. */
  private record Target(URI uri, Path file, SizeLimit limit) {}

  private void sleep(URI uri, Duration wait) {
    try {
      retry.sleeper().sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(uri);
    }
  }

  private static UncheckedIOException interrupted(URI uri) {
    return new UncheckedIOException(
        "GET " + uri + " interrupted", new InterruptedIOException("GET " + uri + " interrupted"));
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    String kind = e.getClass().getSimpleName();
    if (message == null || message.isBlank()) {
      // Java's HTTP client often gives these without a message: say what they mean
      return switch (e) {
        case java.net.ConnectException c ->
            "cannot connect (refused, or no route to the server: check the URL, the network and"
                + " any proxy)";
        case java.net.UnknownHostException u -> "unknown host (check the URL and DNS)";
        case java.net.http.HttpTimeoutException t -> "timed out";
        default -> kind;
      };
    }
    return kind + ": " + message.strip();
  }

  /** A failure worth another try. */
  private static final class TransientFailure extends Exception {
    private static final long serialVersionUID = 1L;

    TransientFailure(String message) {
      super(message, null, false, false);
    }
  }
}
