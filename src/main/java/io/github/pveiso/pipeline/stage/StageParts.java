package io.github.pveiso.pipeline.stage;

import io.github.pveiso.Threads;
import io.github.pveiso.iso.write.IsoChange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/**
 * Runs the parts of the stage step side by side: the {@code /firmware} tree, the initrd's early
 * microcode and the installed system's packages read other packages and write other folders and
 * cache entries, and each is bound by one core decompressing (the repacked package's compression by
 * its own workers). Each part stages into a {@link Part} of its own; the parts come back in the
 * order given, so what they staged is joined the same way whichever ends first.
 */
final class StageParts {

  /** The name every part's thread starts with. */
  static final String PREFIX = "pveiso-stage-";

  private StageParts() {}

  /** What one part staged. */
  static final class Part {
    final List<IsoChange> changes = new ArrayList<>();
    final List<StagedFile> files = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    Optional<FirmwareFolder> firmware = Optional.empty();
  }

  /** What {@code parts} staged, one after another (the first part's firmware tree). */
  static Part joined(List<Part> parts) {
    Part all = new Part();
    for (Part part : parts) {
      all.changes.addAll(part.changes);
      all.files.addAll(part.files);
      all.notes.addAll(part.notes);
    }
    all.firmware = parts.isEmpty() ? Optional.empty() : parts.get(0).firmware;
    return all;
  }

  /** One part: stages into {@code into}. */
  @FunctionalInterface
  interface Body {
    void stage(Part into) throws IOException;
  }

  /**
   * Runs every body on a thread of its own and returns their parts in the bodies' order, each
   * having ended. The first failure in that order is thrown as it was (an {@link IOException} as
   * itself), so the same inputs fail the same way.
   */
  static List<Part> runAll(List<Body> bodies) throws IOException {
    List<Callable<Part>> tasks = new ArrayList<>();
    for (Body body : bodies) {
      tasks.add(
          () -> {
            Part part = new Part();
            body.stage(part);
            return part;
          });
    }
    try {
      return Threads.runAll(PREFIX, tasks.size(), tasks);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new io.github.pveiso.InterruptedFailure("interrupted while staging", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw Threads.unwrap(e, "stage");
    }
  }
}
