package io.github.pveiso.pipeline;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.Threads;
import io.github.pveiso.acquire.AcquireRequest;
import io.github.pveiso.acquire.Acquirer;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.events.StageTimer;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.proxmox.AcquiredIso;
import io.github.pveiso.proxmox.BaseSystem;
import io.github.pveiso.proxmox.BaseSystemReader;
import io.github.pveiso.proxmox.IsoAcquirer;
import io.github.pveiso.proxmox.IsoSource;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The acquire stage for the source ISO. When the ISO's place and expected digest are known up front
 * (a local file or a cached URL given with {@code iso_sha256}), its SHA-256 is checked on a thread
 * of its own while the build reads the ISO with pveiso's own (Java) readers; otherwise the ISO is
 * acquired first, as before.
 *
 * <p>Nothing reaches the output, and no external program reads the ISO, before {@link #verified}
 * returns. When a step fails before the check has finished, the check's failure is the one
 * reported: a wrong or damaged ISO explains a later failure, not the other way round.
 */
final class SourceCheck implements AutoCloseable {

  private final Path path;
  private final Future<AcquiredIso> acquired;
  private final Optional<ExecutorService> executor;
  private final Optional<IsoAcquirer.Claimed> claimed;

  private SourceCheck(
      Path path,
      Future<AcquiredIso> acquired,
      Optional<ExecutorService> executor,
      Optional<IsoAcquirer.Claimed> claimed) {
    this.path = path;
    this.acquired = acquired;
    this.executor = executor;
    this.claimed = claimed;
  }

  /** Starts acquiring {@code source} with {@code acquirer}, timed as stage {@code acquire}. */
  static SourceCheck start(Acquirer acquirer, IsoSource source, StageTimer timer) {
    Supplier<AcquiredIso> acquire =
        () ->
            acquirer
                .acquire(new AcquireRequest(Optional.of(source), Optional.empty()))
                .iso()
                .orElseThrow();
    Optional<IsoAcquirer.Claimed> claimed = acquirer.claimedIso(source);
    if (claimed.isEmpty()) {
      AcquiredIso iso = timer.run("acquire", acquire);
      return new SourceCheck(
          iso.path(), CompletableFuture.completedFuture(iso), Optional.empty(), Optional.empty());
    }
    ExecutorService executor =
        Executors.newSingleThreadExecutor(r -> new Thread(r, "pveiso-source-check"));
    Future<AcquiredIso> acquired = executor.submit(() -> timer.runAlongside("acquire", acquire));
    return new SourceCheck(claimed.get().path(), acquired, Optional.of(executor), claimed);
  }

  /** Where the ISO is; until {@link #verified} returns, it is the ISO it claims to be. */
  Path path() {
    return path;
  }

  /**
   * The acquired ISO, once its check has passed; waits for it.
   *
   * @throws RuntimeException what acquiring threw, e.g. a {@link
   *     io.github.pveiso.VerificationException} for a digest that does not match
   */
  AcquiredIso verified() {
    try {
      return acquired.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new io.github.pveiso.InterruptedFailure("interrupted while checking " + path, e);
    } catch (CancellationException e) {
      InterruptedException interrupt = new InterruptedException("cancelled");
      interrupt.initCause(e);
      throw new io.github.pveiso.InterruptedFailure(
          "the check of " + path + " was cancelled", interrupt);
    } catch (ExecutionException e) {
      throw Threads.unwrap(e, "check " + path);
    }
  }

  /**
   * Runs {@code body}; when it fails and the check fails too, throws the check's failure (with the
   * body's attached as suppressed).
   */
  <T> T whileChecking(Supplier<T> body) {
    try {
      return body.get();
    } catch (RuntimeException | Error e) {
      try {
        verified();
      } catch (RuntimeException checkFailure) {
        if (checkFailure != e) {
          checkFailure.addSuppressed(e);
        }
        throw checkFailure;
      }
      throw e;
    }
  }

  /**
   * The base system of the ISO, read with {@code reader}: from {@code cache} when this ISO was read
   * before, else by {@value BaseSystemReader#PROGRAM} once the ISO's digest has been checked.
   */
  BaseSystem baseSystem(IsoImage image, BaseSystemReader reader, Cache cache) {
    return withDigest((sha256, verified) -> reader.read(image, cache, sha256, verified));
  }

  /**
   * Runs {@code read} with the ISO's digest (the one it must have, when known up front) and what to
   * run before trusting it (awaits the check; nothing once the ISO is acquired and hashed): for a
   * reader that keeps what it reads in the cache bound to that digest.
   */
  <T> T withDigest(BiFunction<Sha256Digest, Runnable, T> read) {
    if (claimed.isPresent()) {
      return read.apply(claimed.get().sha256(), this::verified);
    }
    return read.apply(verified().sha256(), () -> {});
  }

  /** Stops a check still running (its result is no longer wanted) and waits for its thread. */
  @Override
  public void close() {
    if (executor.isPresent()) {
      acquired.cancel(true);
      executor.get().close();
    }
  }
}
