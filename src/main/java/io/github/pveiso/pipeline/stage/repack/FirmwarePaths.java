package io.github.pveiso.pipeline.stage.repack;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps paths of a Debian package onto the firmware folder, and rewrites symlinks so that they point
 * to the same firmware once installed under {@link FirmwareFile#INSTALL_DIR}.
 */
public final class FirmwarePaths {
  private static final List<String> ROOTS = List.of("lib/firmware", "usr/lib/firmware");

  private FirmwarePaths() {}

  /**
   * {@code usr/lib/firmware/a/b.fw} or {@code lib/firmware/a/b.fw} → {@code a/b.fw}; the firmware
   * folder itself → empty string; anything else → empty.
   */
  public static Optional<String> below(String packagePath) {
    for (String root : ROOTS) {
      if (packagePath.equals(root)) {
        return Optional.of("");
      }
      if (packagePath.startsWith(root + "/")) {
        return Optional.of(packagePath.substring(root.length() + 1));
      }
    }
    return Optional.empty();
  }

  /**
   * The target to write for a symlink at {@code packagePath} (inside the firmware folder) that
   * points to {@code target}: a relative path to the same firmware in the repacked folder, or empty
   * when the link leads out of the firmware folder.
   */
  public static Optional<String> reroot(String packagePath, String target) {
    List<String> base = new ArrayList<>();
    if (!target.startsWith("/")) {
      base.addAll(parts(packagePath));
      base.remove(base.size() - 1);
    }
    Optional<String> resolved = resolve(base, target);
    if (resolved.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> to = below(resolved.get());
    Optional<String> from = below(packagePath);
    if (to.isEmpty() || from.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(relative(from.get(), to.get()));
  }

  /**
   * Where a symlink at {@code link} (below the firmware folder) with the relative {@code target}
   * points, below the same folder; empty when it climbs out of it.
   */
  static Optional<String> target(String link, String target) {
    List<String> base = parts(link);
    base.remove(base.size() - 1);
    return target.startsWith("/") ? Optional.empty() : resolve(base, target);
  }

  /** The relative path from the folder of {@code link} to {@code target}, both below one folder. */
  static String relative(String link, String target) {
    List<String> dir = parts(link);
    dir.remove(dir.size() - 1);
    List<String> to = parts(target);
    int common = 0;
    while (common < dir.size() && common < to.size() && dir.get(common).equals(to.get(common))) {
      common++;
    }
    List<String> out = new ArrayList<>();
    for (int i = common; i < dir.size(); i++) {
      out.add("..");
    }
    out.addAll(to.subList(common, to.size()));
    return out.isEmpty() ? "." : String.join("/", out);
  }

  private static Optional<String> resolve(List<String> base, String path) {
    List<String> stack = new ArrayList<>(base);
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (stack.isEmpty()) {
          return Optional.empty();
        }
        stack.remove(stack.size() - 1);
      } else {
        stack.add(part);
      }
    }
    return Optional.of(String.join("/", stack));
  }

  private static List<String> parts(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    return parts;
  }
}
