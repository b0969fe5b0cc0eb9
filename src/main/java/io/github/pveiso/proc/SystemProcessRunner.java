package io.github.pveiso.proc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs programs with {@link ProcessBuilder}; standard input is closed. */
public final class SystemProcessRunner implements ProcessRunner {

  @Override
  public Result run(Command command) {
    ProcessBuilder builder = new ProcessBuilder(command.argv());
    command.workDir().ifPresent(dir -> builder.directory(dir.toFile()));
    builder.environment().putAll(command.env());
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    long start = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.program() + ": " + e.getMessage(), e);
    }
    AtomicBoolean stopped = new AtomicBoolean();
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    Thread outReader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (BufferedReader reader = reader(process.getInputStream())) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                      synchronized (out) {
                        out.append(line).append('\n');
                      }
                      if (!stopped.get() && command.stopWhen().test(line)) {
                        stopped.set(true);
                        process.destroyForcibly();
                      }
                    }
                  } catch (IOException e) {
                    // the process went away; what was read is kept
                  }
                });
    Thread errReader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (BufferedReader reader = reader(process.getErrorStream())) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                      synchronized (err) {
                        err.append(line).append('\n');
                      }
                    }
                  } catch (IOException e) {
                    // the process went away; what was read is kept
                  }
                });
    boolean finished;
    try {
      finished = process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        process.destroyForcibly();
        process.waitFor();
      }
      outReader.join();
      errReader.join();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(
          new IOException("interrupted while running " + command.program(), e));
    }
    boolean wasStopped = stopped.get();
    int code = (!finished || wasStopped) ? -1 : process.exitValue();
    String stdout;
    synchronized (out) {
      stdout = out.toString();
    }
    String stderr;
    synchronized (err) {
      stderr = err.toString();
    }
    return new Result(
        code, stdout, stderr, !finished, wasStopped, Duration.ofNanos(System.nanoTime() - start));
  }

  private static BufferedReader reader(InputStream stream) {
    return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
  }
}
