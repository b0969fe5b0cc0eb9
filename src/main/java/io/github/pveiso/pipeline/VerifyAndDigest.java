package io.github.pveiso.pipeline;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.Threads;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Verifies a written ISO and computes its SHA-256 at the same time: both read the whole image, and
 * on two cores the digest costs no extra wall time. The digest is of the verified file, which is
 * then moved into place unchanged.
 */
final class VerifyAndDigest {

  private VerifyAndDigest() {}

  /**
   * Runs {@code verification} on this thread while another hashes {@code written}.
   *
   * @return the SHA-256 of {@code written}, lower-case hex
   * @throws RuntimeException what the verification threw (the digest is then abandoned), or what
   *     hashing threw
   */
  static String run(Path written, Runnable verification) {
    return run(written, verification, file -> Sha256Digest.ofFile(file).toString());
  }

  /**
   * As {@link #run(Path, Runnable)}, with {@code hash} computing the digest on the other thread.
   */
  static <T> T run(Path written, Runnable verification, Function<Path, T> hash) {
    try (ExecutorService executor = Executors.newSingleThreadExecutor()) {
      Future<T> digest = executor.submit(() -> hash.apply(written));
      try {
        verification.run();
      } catch (RuntimeException | Error e) {
        digest.cancel(true);
        throw e;
      }
      return digest.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new io.github.pveiso.InterruptedFailure("interrupted while hashing " + written, e);
    } catch (ExecutionException e) {
      throw Threads.unwrap(e, "hash " + written);
    }
  }
}
