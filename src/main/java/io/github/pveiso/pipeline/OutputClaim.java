package io.github.pveiso.pipeline;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.RunOwner;
import io.github.pveiso.TempFiles;
import io.github.pveiso.Threads;
import io.github.pveiso.events.EventListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One build's claim on its output: the hidden temporary files beside it in {@code output_dir},
 * {@code .<file name>.<owner token>.partial}, one for the ISO and one for each side file, and the
 * order they are published in.
 *
 * <p>Claiming removes what builds that no longer run left in {@code output_dir}, then fails at once
 * when another running build has claimed the same output (naming it), else creates the ISO's
 * temporary file. The check and the creation happen under a lock on {@code output_dir/.pveiso.lock}
 * (a hidden, empty file that stays), so of two builds that start together exactly one gets the
 * output.
 *
 * <p>Publishing moves the side files into place first and the ISO last, after removing an ISO it
 * replaces: at no moment does an ISO sit beside side files that describe another one, or without
 * its side files. A build stopped half-way through publishing leaves at worst side files without an
 * ISO, which no reader takes for a build.
 */
final class OutputClaim implements AutoCloseable {

  /** The lock file in {@code output_dir} that claims are made under. */
  static final String LOCK = ".pveiso.lock";

  /** A temporary file in {@code output_dir}: group 1 the final name, the owner token from 2. */
  static final Pattern PARTIAL =
      Pattern.compile("\\.(.+)\\." + RunOwner.TOKEN_PATTERN + "\\.partial");

  /** Claims of this process: a file lock is held per process, not per thread. */
  private static final ReentrantLock IN_PROCESS = new ReentrantLock();

  private final Path output;
  private final RunOwner owner;
  private final Path isoTemp;
  private final Map<Path, Path> sideTemps = new LinkedHashMap<>();
  private boolean published;

  private OutputClaim(Path output, RunOwner owner, Path isoTemp) {
    this.output = output;
    this.owner = owner;
    this.isoTemp = isoTemp;
  }

  /**
   * Claims {@code output} for the run {@code owner}.
   *
   * @throws UncheckedIOException naming the other build when one that still runs has claimed it
   * @throws InvalidInputException when {@code output} exists and {@code overwrite} is false
   */
  static OutputClaim claim(Path output, RunOwner owner, boolean overwrite, EventListener events) {
    Path absolute = output.toAbsolutePath().normalize();
    Path dir = Objects.requireNonNull(absolute.getParent(), "a file's folder");
    String name = absolute.getFileName().toString();
    IN_PROCESS.lock();
    try {
      Files.createDirectories(dir);
      try (FileChannel channel =
              FileChannel.open(
                  dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        Leftovers.remove(dir, PARTIAL, 2, events);
        Optional<RunOwner> other = otherBuild(dir, name);
        if (other.isPresent()) {
          String message =
              output
                  + " is being built by "
                  + other.get().describe()
                  + "; wait for it to end, or choose another output_name or output_dir";
          throw new UncheckedIOException(
              message, new FileAlreadyExistsException(output.toString(), null, message));
        }
        if (Files.exists(absolute) && !overwrite) {
          throw new InvalidInputException(
              "output " + output + " exists; use --overwrite to replace it");
        }
        Path temp = TempFiles.track(partial(absolute, owner));
        try {
          Files.createFile(temp);
        } catch (IOException e) {
          TempFiles.untrack(temp);
          throw e;
        }
        return new OutputClaim(absolute, owner, temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot claim " + output + " in " + dir + ": " + e.getMessage(), e);
    } finally {
      IN_PROCESS.unlock();
    }
  }

  /** The temporary file the ISO is written to. */
  Path isoTemp() {
    return isoTemp;
  }

  /** The output's path. */
  Path output() {
    return output;
  }

  /**
   * Writes {@code text} to the temporary file of the side file {@code name} (in the output's
   * folder), published with the ISO.
   */
  void writeSideFile(String name, String text) {
    Path target = output.resolveSibling(name);
    Path temp = TempFiles.track(partial(target, owner));
    sideTemps.put(target, temp);
    try {
      Files.writeString(temp, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + temp + ": " + e.getMessage(), e);
    }
  }

  /**
   * Publishes: the last point where an interrupt stops the build; then the ISO this replaces is
   * removed, the side files are moved into place, and the ISO last.
   */
  void publish() {
    Threads.throwIfInterrupted("publishing " + output);
    try {
      Files.setPosixFilePermissions(isoTemp, PosixFilePermissions.fromString("rw-r--r--"));
      Files.deleteIfExists(output);
      for (Map.Entry<Path, Path> side : List.copyOf(sideTemps.entrySet())) {
        move(side.getValue(), side.getKey());
        sideTemps.remove(side.getKey());
      }
      move(isoTemp, output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish " + output + ": " + e.getMessage(), e);
    }
    published = true;
  }

  /** Removes every temporary file not published. */
  @Override
  public void close() {
    if (published) {
      return;
    }
    TempFiles.remove(isoTemp);
    for (Path temp : sideTemps.values()) {
      TempFiles.remove(temp);
    }
    sideTemps.clear();
  }

  private static void move(Path temp, Path target) throws IOException {
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    TempFiles.untrack(temp);
  }

  private static Path partial(Path target, RunOwner owner) {
    return target.resolveSibling("." + target.getFileName() + "." + owner.token() + ".partial");
  }

  /** A running build (not this run's, which has not claimed yet) that has claimed {@code name}. */
  private static Optional<RunOwner> otherBuild(Path dir, String name) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path entry : entries.sorted().toList()) {
        Matcher m = PARTIAL.matcher(entry.getFileName().toString());
        if (m.matches() && m.group(1).equals(name)) {
          Optional<RunOwner> owner = RunOwner.of(m, 2);
          if (owner.isPresent() && owner.get().processRunning()) {
            return owner;
          }
        }
      }
    }
    return Optional.empty();
  }
}
