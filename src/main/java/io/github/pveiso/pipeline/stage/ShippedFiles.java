package io.github.pveiso.pipeline.stage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The firmware files one package has shipped so far, by path in the package, each with a file that
 * holds the content: its staged file, or a temp file set aside when another package's file was kept
 * at that path. A hard link takes its content from here. It also lists what the package puts at
 * each path, kept or not, for the package's derived firmware list.
 */
final class ShippedFiles {
  private final Map<String, Path> files = new HashMap<>();
  private final List<Path> setAside = new ArrayList<>();
  private final List<DebFirmwareList.Item> items = new ArrayList<>();

  /** Notes what the package puts at {@code made}'s path, kept or not. */
  void list(FirmwareFolder.Entry made) {
    items.add(new DebFirmwareList.Item(made.path(), made.linkTarget(), made.sha256(), made.size()));
  }

  /** What the package put where, in the order it shipped it. */
  List<DebFirmwareList.Item> items() {
    return List.copyOf(items);
  }

  void put(String packagePath, Path file) {
    files.put(packagePath, file);
  }

  void setAside(String packagePath, Path temp) {
    files.put(packagePath, temp);
    setAside.add(temp);
  }

  @Nullable Path get(String packagePath) {
    return files.get(packagePath);
  }

  void deleteSetAside() throws IOException {
    for (Path temp : setAside) {
      Files.deleteIfExists(temp);
    }
  }
}
