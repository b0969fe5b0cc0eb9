package io.github.pveiso.installcheck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Resolves paths inside a scratch root as a process chrooted there would: symbolic links are
 * followed, an absolute target starts again at the root, and {@code ..} never climbs above it.
 */
public final class RootPaths {
  private RootPaths() {}

  /** The real path of {@code path} (absolute, inside {@code root}), or empty when it is missing. */
  public static Optional<Path> resolve(Path root, String path) throws IOException {
    Deque<String> todo = new ArrayDeque<>(List.of(path.split("/")));
    Deque<String> done = new ArrayDeque<>();
    for (int links = 0; !todo.isEmpty(); ) {
      String part = todo.removeFirst();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        done.pollLast();
        continue;
      }
      Path here = at(root, done).resolve(part);
      if (Files.isSymbolicLink(here)) {
        if (++links > 40) {
          throw new IOException("too many links at " + here);
        }
        String target = Files.readSymbolicLink(here).toString();
        List<String> parts = List.of(target.split("/"));
        for (int i = parts.size() - 1; i >= 0; i--) {
          todo.addFirst(parts.get(i));
        }
        if (target.startsWith("/")) {
          done.clear();
        }
        continue;
      }
      if (!Files.exists(here, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      done.addLast(part);
    }
    return Optional.of(at(root, done));
  }

  private static Path at(Path root, Deque<String> parts) {
    Path p = root;
    for (String part : parts) {
      p = p.resolve(part);
    }
    return p;
  }

  /**
   * The bytes the kernel loads for firmware {@code name} on the system in {@code root}: the first
   * regular file among {@code /lib/firmware/updates/NAME}, then {@code /lib/firmware/NAME}, each
   * plain, then {@code .zst}, then {@code .xz} (its order, without the per-release folders).
   */
  public static Optional<String> kernelLoads(Path root, String name) throws IOException {
    for (String suffix : List.of("", ".zst", ".xz")) {
      for (String dir : List.of("/lib/firmware/updates/", "/lib/firmware/")) {
        Optional<Path> found = resolve(root, dir + name + suffix);
        if (found.isPresent() && Files.isRegularFile(found.get(), LinkOption.NOFOLLOW_LINKS)) {
          return Optional.of(new String(Files.readAllBytes(found.get()), StandardCharsets.UTF_8));
        }
      }
    }
    return Optional.empty();
  }
}
