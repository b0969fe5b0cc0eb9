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
import org.jspecify.annotations.Nullable;

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
            .start(() -> pump(process, process.getInputStream(), out, command, stopped));
    Thread errReader =
        Thread.ofVirtual().start(() -> pump(process, process.getErrorStream(), err, null, stopped));
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
      // stopped (a signal): the program must not outlive the run, nor write into its files after
      // they are removed
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.onExit().join();
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

  private static void stopIf(Process process, Command command, String line, AtomicBoolean stopped) {
    if (!stopped.get() && command.stopWhen().test(line.replace("\r", ""))) {
      stopped.set(true);
      process.destroyForcibly();
    }
  }

  /**
   * Copies a stream into {@code into} as it is, and when {@code command} is given tests each
   * complete line against its stop predicate.
   */
  private static void pump(
      Process process,
      InputStream stream,
      StringBuilder into,
      @Nullable Command command,
      AtomicBoolean stopped) {
    StringBuilder line = new StringBuilder();
    char[] buffer = new char[8192];
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      int n;
      while ((n = reader.read(buffer)) > 0) {
        synchronized (into) {
          into.append(buffer, 0, n);
        }
        if (command == null) {
          continue;
        }
        for (int i = 0; i < n; i++) {
          char c = buffer[i];
          if (c != '\n') {
            line.append(c);
            continue;
          }
          String text = line.toString();
          line.setLength(0);
          stopIf(process, command, text, stopped);
        }
        // a prompt (GRUB's "grub> ") ends without a newline: test what is pending too
        if (!line.isEmpty()) {
          stopIf(process, command, line.toString(), stopped);
        }
      }
    } catch (IOException e) {
      // the process went away; what was read is kept
    }
  }
}
