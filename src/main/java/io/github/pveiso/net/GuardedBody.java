package io.github.pveiso.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A response body read as a stream that fails with a {@link StalledException} when the server
 * stalls as a {@link StallPolicy} describes: {@link HttpResponse.BodyHandlers#ofInputStream()}
 * waits for ever once the headers are in. One buffer list is asked for at a time, so what waits
 * here is never more than the client's read-ahead. Closing it cancels the exchange.
 */
final class GuardedBody extends InputStream implements HttpResponse.BodySubscriber<InputStream> {

  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  /** What the client hands over. */
  private sealed interface Item {}

  private record Data(List<ByteBuffer> buffers) implements Item {}

  private record End() implements Item {}

  private record Failed(Throwable error) implements Item {}

  private final StallPolicy policy;
  private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
  private final Object lock = new Object();
  private Flow.@Nullable Subscription subscription;
  private boolean closed;

  // the reading thread's state
  private Iterator<ByteBuffer> buffers = Collections.emptyIterator();
  private ByteBuffer current = EMPTY;
  private boolean ended;
  private long lastData;
  private long windowStart;
  private long windowBytes;

  GuardedBody(StallPolicy policy) {
    this.policy = policy;
    long now = System.nanoTime();
    this.lastData = now;
    this.windowStart = now;
  }

  /** A handler that reads every body through a new guard. */
  static HttpResponse.BodyHandler<InputStream> handler(StallPolicy policy) {
    return info -> new GuardedBody(policy);
  }

  @Override
  public CompletionStage<InputStream> getBody() {
    return CompletableFuture.completedStage(this);
  }

  @Override
  public void onSubscribe(Flow.Subscription newSubscription) {
    synchronized (lock) {
      if (subscription != null || closed) {
        newSubscription.cancel();
        return;
      }
      subscription = newSubscription;
    }
    newSubscription.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    queue.add(new Data(item));
  }

  @Override
  public void onError(Throwable error) {
    queue.add(new Failed(error));
  }

  @Override
  public void onComplete() {
    queue.add(new End());
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] bytes, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    if (isClosed()) {
      throw new IOException("the response body is closed");
    }
    if (length == 0) {
      return 0;
    }
    while (!current.hasRemaining()) {
      if (buffers.hasNext()) {
        current = buffers.next();
        continue;
      }
      if (ended) {
        return -1;
      }
      switch (next()) {
        case Data data -> {
          buffers = data.buffers().iterator();
          requestMore();
        }
        case End end -> ended = true;
        case Failed failed -> {
          ended = true;
          throw failed.error() instanceof IOException e ? e : new IOException(failed.error());
        }
      }
    }
    int n = Math.min(length, current.remaining());
    current.get(bytes, offset, n);
    return n;
  }

  @Override
  public int available() {
    return current.remaining();
  }

  /** The next item, waiting no longer than the policy allows. */
  private Item next() throws IOException {
    long idle = policy.idle().toNanos();
    long window = policy.window().toNanos();
    while (true) {
      long now = System.nanoTime();
      if (now - windowStart >= window) {
        if (windowBytes < policy.minBytes()) {
          throw new StalledException(policy.slowMessage());
        }
        windowStart = now;
        windowBytes = 0;
      }
      long idleLeft = lastData + idle - now;
      if (idleLeft <= 0) {
        throw new StalledException(policy.idleMessage());
      }
      Item item = poll(Math.min(idleLeft, windowStart + window - now));
      if (item instanceof Data data) {
        long size = data.buffers().stream().mapToLong(ByteBuffer::remaining).sum();
        if (size > 0) {
          lastData = System.nanoTime();
          windowBytes += size;
        }
      }
      if (item != null) {
        return item;
      }
    }
  }

  private @Nullable Item poll(long nanos) throws InterruptedIOException {
    try {
      return queue.poll(nanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading the response");
    }
  }

  private void requestMore() {
    Flow.Subscription s;
    synchronized (lock) {
      s = subscription;
    }
    if (s != null) {
      s.request(1);
    }
  }

  private boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  @Override
  public void close() {
    Flow.Subscription s;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      s = subscription;
    }
    if (s != null) {
      s.cancel(); // the client closes the connection when the body was not read to the end
    }
    queue.clear();
  }

  /** The server stalled: no byte for too long, or too few in a window. */
  static final class StalledException extends IOException {
    private static final long serialVersionUID = 1L;

    StalledException(String message) {
      super(message);
    }
  }
}
