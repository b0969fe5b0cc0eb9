package io.github.pveiso.net;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.pveiso.Sha256Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A loopback HTTP server for tests: serves the files under a root folder, honours single {@code
 * Range: bytes=N-} requests, and fails on demand (status codes, a connection dropped half-way, a
 * range ignored, a redirect, an answer stalled half-way). Sends {@code ETag} (the quoted SHA-256 of
 * the file) and {@code Last-Modified} (the file's time) with every file, and answers {@code 304 Not
 * Modified} to a matching {@code If-None-Match} or, without one, to an {@code If-Modified-Since}
 * not older than the file. Logs every request as "GET /path" or "GET /path bytes=N-", and every
 * answer with its status and the body bytes sent ({@link #answers()}). Can also misbehave as a
 * hostile mirror would: an endless body without {@code Content-Length} ({@link #endless}), headers
 * and then silence ({@link #stallAfter}), a byte now and then ({@link #trickle}).
 */
public final class LoopbackServer implements AutoCloseable {

  /** HTTP's IMF-fixdate ({@code Fri, 09 Jan 2026 00:00:00 GMT}). */
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  /**
   * One answer.
   *
   * @param path the path asked for
   * @param status the HTTP status sent
   * @param bodyBytes how many body bytes the answer carries (-1: dropped half-way on purpose)
   */
  public record Answer(String path, int status, long bodyBytes) {
    @Override
    public String toString() {
      return path + " " + status + " " + bodyBytes;
    }
  }

  private final HttpServer server;
  private final Path root;
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
  private final Map<String, Integer> failureStatus = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> drops = new ConcurrentHashMap<>();
  private final Map<String, String> redirects = new ConcurrentHashMap<>();
  private final Set<String> endless = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> stalls = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> halfway = new ConcurrentHashMap<>();
  private final Map<String, Duration> trickles = new ConcurrentHashMap<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean ignoreRange;
  private volatile boolean closed;

  private LoopbackServer(Path root) throws IOException {
    this.root = root;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  /** Starts a server for the files under {@code root}. */
  public static LoopbackServer serving(Path root) throws IOException {
    return new LoopbackServer(root);
  }

  /** The URL of {@code path} (relative, no leading slash) on this server. */
  public URI uri(String path) {
    return URI.create(
        "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path.replaceFirst("^/", ""));
  }

  /** The requests seen so far, in order. */
  public List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** The answers sent so far, in order. */
  public List<Answer> answers() {
    synchronized (answers) {
      return List.copyOf(answers);
    }
  }

  /** The next {@code times} requests for {@code path} get {@code status}. */
  public void failNext(String path, int times, int status) {
    failures.put("/" + path, new AtomicInteger(times));
    failureStatus.put("/" + path, status);
  }

  /** The next full answer for {@code path} sends half the bytes, then drops the connection. */
  public void dropHalfwayOnce(String path) {
    drops.put("/" + path, new AtomicInteger(1));
  }

  /**
   * Every answer for {@code path} sends its headers and half its bytes, then stalls until the
   * server is closed: a download in flight, for as long as a test needs one.
   *
   * @return a latch that opens once half the bytes of an answer have been sent
   */
  public CountDownLatch stallHalfway(String path) {
    CountDownLatch halfSent = new CountDownLatch(1);
    halfway.put("/" + path, halfSent);
    return halfSent;
  }

  /** From now on, Range headers are ignored (full 200 answers). */
  public void ignoreRange() {
    ignoreRange = true;
  }

  /**
   * From now on, {@code path} is answered 200 without {@code Content-Length}: its bytes, then more
   * bytes without end, until the client hangs up (logged with body bytes -1).
   */
  public void endless(String path) {
    endless.add("/" + path);
  }

  /**
   * From now on, {@code path} is answered 200 with its full {@code Content-Length} (ranges
   * ignored), {@code bytes} of it, and then nothing until the server is closed.
   */
  public void stallAfter(String path, int bytes) {
    stalls.put("/" + path, bytes);
  }

  /**
   * From now on, {@code path} is answered 200 with its full {@code Content-Length} (ranges
   * ignored), one byte every {@code every}, until the client hangs up or the server is closed.
   */
  public void trickle(String path, Duration every) {
    trickles.put("/" + path, every);
  }

  /** Requests for {@code from} are redirected (302) to {@code to}. */
  public void redirect(String from, String to) {
    redirects.put("/" + from, "/" + to);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String range = exchange.getRequestHeaders().getFirst("Range");
    requests.add("GET " + path + (range == null ? "" : " " + range));
    try (exchange) {
      serve(exchange, path, range);
    }
  }

  private void serve(HttpExchange exchange, String path, @Nullable String range)
      throws IOException {
    if (redirects.containsKey(path)) {
      exchange.getResponseHeaders().add("Location", redirects.get(path));
      send(exchange, path, 302, new byte[0], 0);
      return;
    }
    AtomicInteger failing = failures.get(path);
    if (failing != null && failing.getAndDecrement() > 0) {
      send(exchange, path, failureStatus.getOrDefault(path, 500), new byte[0], 0);
      return;
    }
    Path file = root.resolve(path.substring(1)).normalize();
    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
      send(exchange, path, 404, new byte[0], 0);
      return;
    }
    byte[] body = Files.readAllBytes(file);
    CountDownLatch stall = halfway.get(path);
    if (stall != null) {
      answers.add(new Answer(path, 200, -1));
      exchange.sendResponseHeaders(200, body.length);
      OutputStream out = exchange.getResponseBody();
      out.write(body, 0, body.length / 2);
      out.flush();
      stall.countDown();
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IOException("stalled until the server closed, as asked");
    }
    String etag = "\"" + Sha256Digest.of(body).hex() + "\"";
    Instant modified = Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.SECONDS);
    exchange.getResponseHeaders().add("ETag", etag);
    exchange.getResponseHeaders().add("Last-Modified", HTTP_DATE.format(modified));
    if (notModified(exchange, etag, modified)) {
      send(exchange, path, 304, new byte[0], 0);
      return;
    }
    if (endless.contains(path)) {
      sendEndless(exchange, path, body);
      return;
    }
    if (stalls.containsKey(path) || trickles.containsKey(path)) {
      sendSlowly(exchange, path, body);
      return;
    }
    Matcher matcher = RANGE.matcher(range == null ? "" : range);
    if (matcher.matches() && !ignoreRange) {
      sendRange(exchange, path, body, Integer.parseInt(matcher.group(1)));
      return;
    }
    AtomicInteger dropping = drops.get(path);
    if (dropping != null && dropping.getAndDecrement() > 0) {
      answers.add(new Answer(path, 200, -1));
      exchange.sendResponseHeaders(200, body.length);
      OutputStream out = exchange.getResponseBody();
      out.write(body, 0, body.length / 2);
      out.flush();
      throw new IOException("dropping the connection half-way, as asked");
    }
    send(exchange, path, 200, body, 0);
  }

  /**
   * Logs the answer, then sends {@code status} with {@code body} from {@code from} on (logged
   * first, so a client that has read the answer finds it in the log).
   */
  private void send(HttpExchange exchange, String path, int status, byte[] body, int from)
      throws IOException {
    int length = body.length - from;
    answers.add(new Answer(path, status, length));
    exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
    if (length > 0) {
      exchange.getResponseBody().write(body, from, length);
    }
  }

  private void sendEndless(HttpExchange exchange, String path, byte[] body) throws IOException {
    answers.add(new Answer(path, 200, -1));
    exchange.sendResponseHeaders(200, 0); // chunked: no Content-Length
    OutputStream out = exchange.getResponseBody();
    out.write(body);
    byte[] more = new byte[1 << 16];
    while (!closed) {
      out.write(more); // fails once the client has hung up
    }
  }

  private void sendSlowly(HttpExchange exchange, String path, byte[] body) throws IOException {
    answers.add(new Answer(path, 200, -1));
    exchange.sendResponseHeaders(200, body.length);
    OutputStream out = exchange.getResponseBody();
    Duration every = trickles.get(path);
    try {
      if (every == null) {
        out.write(body, 0, stalls.getOrDefault(path, 0));
        out.flush();
        stopped.await();
        return;
      }
      for (int i = 0;
          i < body.length && !stopped.await(every.toMillis(), TimeUnit.MILLISECONDS);
          i++) {
        out.write(body[i]);
        out.flush(); // fails once the client has hung up
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean notModified(HttpExchange exchange, String etag, Instant modified) {
    String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
    if (ifNoneMatch != null) {
      return ifNoneMatch.equals(etag);
    }
    String ifModifiedSince = exchange.getRequestHeaders().getFirst("If-Modified-Since");
    return ifModifiedSince != null
        && !modified.isAfter(Instant.from(HTTP_DATE.parse(ifModifiedSince)));
  }

  private void sendRange(HttpExchange exchange, String path, byte[] body, int from)
      throws IOException {
    if (from >= body.length) {
      exchange.getResponseHeaders().add("Content-Range", "bytes */" + body.length);
      send(exchange, path, 416, new byte[0], 0);
      return;
    }
    exchange
        .getResponseHeaders()
        .add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
    send(exchange, path, 206, body, from);
  }

  @Override
  public void close() {
    closed = true;
    stopped.countDown();
    server.stop(0);
  }
}
