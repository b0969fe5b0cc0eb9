package io.github.pveiso.pipeline;

import io.github.pveiso.RunOwner;
import io.github.pveiso.TempFiles;
import io.github.pveiso.events.EventListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Removes what runs that no longer run left in a folder: the temporary files and folders whose
 * names carry the {@link RunOwner#token()} of a process that is gone (killed with SIGKILL, or the
 * machine went down), and says so, one line each. What a running process owns is never touched.
 */
final class Leftovers {

  private Leftovers() {}

  /**
   * Removes the entries of {@code dir} whose names match {@code name}, with an owner token in the
   * groups from {@code tokenGroup} on, when that owner no longer runs.
   *
   * @return what was removed
   */
  static List<Path> remove(Path dir, Pattern name, int tokenGroup, EventListener events) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> removed = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path entry : entries.sorted().toList()) {
        Matcher m = name.matcher(entry.getFileName().toString());
        Optional<RunOwner> owner = m.matches() ? RunOwner.of(m, tokenGroup) : Optional.empty();
        if (owner.isEmpty() || owner.get().processRunning()) {
          continue;
        }
        TempFiles.deleteTree(entry);
        events.warn(
            "removed "
                + entry
                + ", left behind by "
                + owner.get().describe()
                + ", which is no longer running");
        removed.add(entry);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot remove what stopped builds left in " + dir + ": " + e.getMessage(), e);
    }
    return removed;
  }
}
