package io.github.pveiso;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempFilesTest {

  @TempDir Path dir;

  @Test
  void removeAllRemovesWhatIsListedFoldersWithTheirContentAndLinksAsLinks() throws IOException {
    Path outside = Files.writeString(dir.resolve("outside"), "keep");
    Path folder = TempFiles.track(dir.resolve("run"));
    Files.createDirectories(folder.resolve("a/b"));
    Files.writeString(folder.resolve("a/b/file"), "x");
    Files.createSymbolicLink(folder.resolve("a/link"), outside);
    Path file = TempFiles.track(Files.writeString(dir.resolve(".x.partial"), "x"));
    Path never = TempFiles.track(dir.resolve("never-made"));
    Path kept = TempFiles.track(Files.writeString(dir.resolve("published"), "x"));
    TempFiles.untrack(kept);

    assertThat(TempFiles.removeAll()).contains(folder, file).doesNotContain(never, kept);

    assertThat(folder).doesNotExist();
    assertThat(file).doesNotExist();
    assertThat(kept).exists();
    assertThat(outside).hasContent("keep");
    assertThat(TempFiles.tracked()).doesNotContain(folder, file, never);
  }

  @Test
  void removeTakesAFileOffTheListAndWhatIsGoneIsNoError() throws IOException {
    Path file = TempFiles.track(Files.writeString(dir.resolve("f"), "x"));
    TempFiles.remove(file);
    TempFiles.remove(file);
    assertThat(file).doesNotExist();
    assertThat(TempFiles.tracked()).doesNotContain(file);
  }
}
