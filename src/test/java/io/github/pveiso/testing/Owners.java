package io.github.pveiso.testing;

import io.github.pveiso.RunOwner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Owners of temporary files whose process no longer runs, as a killed build leaves them. */
public final class Owners {

  private Owners() {}

  /** A run of a process that has ended: started here, killed and reaped. */
  public static RunOwner gone() {
    try {
      Process process = new ProcessBuilder("sleep", "600").redirectErrorStream(true).start();
      long start = process.info().startInstant().map(Instant::toEpochMilli).orElseThrow();
      process.destroyForcibly();
      process.waitFor();
      return new RunOwner(process.pid(), start, 1, RunOwner.next().pidNamespace());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A run of an earlier process that had this process's id: the id is in use, but not by the
   * process that made the file.
   */
  public static RunOwner earlierWithThisPid() {
    RunOwner self = RunOwner.next();
    return new RunOwner(self.pid(), self.startMillis() - 60_000, 1, self.pidNamespace());
  }
}
