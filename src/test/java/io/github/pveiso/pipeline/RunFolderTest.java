package io.github.pveiso.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.RunOwner;
import io.github.pveiso.TempFiles;
import io.github.pveiso.events.Event;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.testing.Owners;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {

  @TempDir Path dir;

  private final List<Event> events = new ArrayList<>();
  private final EventListener listener = events::add;

  @Test
  void eachRunHasAFolderOfItsOwnRemovedWhenItEnds() throws IOException {
    RunOwner a = RunOwner.next();
    RunOwner b = RunOwner.next();
    try (RunFolder first = RunFolder.create(dir, a, listener);
        RunFolder second = RunFolder.create(dir, b, listener)) {
      assertThat(first.path()).isEqualTo(dir.resolve("pveiso-" + a.token())).isDirectory();
      assertThat(second.path()).isEqualTo(dir.resolve("pveiso-" + b.token())).isDirectory();
      Files.writeString(Files.createDirectories(first.path().resolve("stage")).resolve("x"), "x");
      assertThat(TempFiles.tracked()).contains(first.path(), second.path());
    }
    try (var left = Files.list(dir)) {
      assertThat(left).isEmpty();
    }
    assertThat(TempFiles.tracked()).doesNotContain(dir.resolve("pveiso-" + a.token()));
    assertThat(events).isEmpty();
  }

  @Test
  void whatAKilledRunLeftIsRemovedAndSaid() throws IOException {
    RunOwner gone = Owners.gone();
    Path stale = Files.createDirectories(dir.resolve("pveiso-" + gone.token() + "/stage/sub"));
    Files.writeString(stale.resolve("initrd.img"), "half");
    Path outside =
        Files.writeString(Files.createDirectories(dir.resolve("outside")).resolve("f"), "keep");
    Files.createSymbolicLink(stale.resolve("link"), outside);
    Path reused =
        Files.createDirectories(dir.resolve("pveiso-" + Owners.earlierWithThisPid().token()));
    RunOwner running = RunOwner.next();
    Path alive = Files.createDirectories(dir.resolve("pveiso-" + running.token()));
    Path other = Files.createDirectories(dir.resolve("build"));

    try (RunFolder folder = RunFolder.create(dir, RunOwner.next(), listener)) {
      assertThat(dir.resolve("pveiso-" + gone.token())).doesNotExist();
      assertThat(reused).doesNotExist();
      assertThat(alive).isDirectory();
      assertThat(other).isDirectory();
      assertThat(outside).hasContent("keep");
    }
    assertThat(events)
        .containsExactlyInAnyOrder(
            new Event.Log(
                Event.Level.WARN,
                "removed "
                    + dir.resolve("pveiso-" + gone.token())
                    + ", left behind by "
                    + gone.describe()
                    + ", which is no longer running"),
            new Event.Log(
                Event.Level.WARN,
                "removed "
                    + reused
                    + ", left behind by "
                    + RunOwner.parse(reused.getFileName().toString().substring(7))
                        .orElseThrow()
                        .describe()
                    + ", which is no longer running"));
  }
}
