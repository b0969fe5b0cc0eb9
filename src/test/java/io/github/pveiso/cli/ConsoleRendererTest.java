package io.github.pveiso.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.events.Event;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsoleRendererTest {

  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  ConsoleRenderer renderer(boolean quiet, boolean verbose, boolean progress, boolean terminal) {
    return new ConsoleRenderer(
        new PrintStream(bytes, true, StandardCharsets.UTF_8),
        new GlobalOptions(quiet, verbose, false, progress, false),
        terminal);
  }

  String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void plainProgressPrintsEveryTenPercentOnce() {
    ConsoleRenderer r = renderer(false, false, true, false);
    for (long done = 0; done <= 1000; done += 50) {
      r.on(new Event.Progress("download x.iso", done, 1000));
    }
    assertThat(text().lines())
        .containsExactly(
            "download x.iso: 0% of 1000 B",
            "download x.iso: 10% of 1000 B",
            "download x.iso: 20% of 1000 B",
            "download x.iso: 30% of 1000 B",
            "download x.iso: 40% of 1000 B",
            "download x.iso: 50% of 1000 B",
            "download x.iso: 60% of 1000 B",
            "download x.iso: 70% of 1000 B",
            "download x.iso: 80% of 1000 B",
            "download x.iso: 90% of 1000 B",
            "download x.iso: 100% of 1000 B");
  }

  @Test
  void terminalProgressRedrawsOneLine() {
    ConsoleRenderer r = renderer(false, false, true, true);
    r.on(new Event.Progress("t", 512, 1024));
    r.on(new Event.Progress("t", 1024, 1024));
    assertThat(text())
        .startsWith("\rt")
        .contains("[###############               ]  50% 512 B")
        .endsWith("[##############################] 100% 1.0 KiB" + System.lineSeparator());
  }

  @Test
  void levelsFollowQuietAndVerbose() {
    ConsoleRenderer quiet = renderer(true, false, true, false);
    quiet.on(new Event.Log(Event.Level.INFO, "info"));
    quiet.on(new Event.Log(Event.Level.WARN, "warn"));
    quiet.on(new Event.Log(Event.Level.ERROR, "err"));
    quiet.on(new Event.Progress("t", 1, 2));
    assertThat(text()).isEqualTo("error: err" + System.lineSeparator());
  }

  @Test
  void verboseShowsDebugAndStages() {
    ConsoleRenderer r = renderer(false, true, false, false);
    r.on(new Event.Log(Event.Level.DEBUG, "dbg"));
    r.on(new Event.StageStarted("write"));
    r.on(new Event.StageFinished("write", Duration.ofMillis(1500)));
    r.on(new Event.Progress("t", 1, 2));
    assertThat(text().lines())
        .containsExactly("dbg", "stage write ...", "stage write done in 1.50 s");
  }

  @Test
  void sizesAreHuman() {
    assertThat(Sizes.human(0)).isEqualTo("0 B");
    assertThat(Sizes.human(1536)).isEqualTo("1.5 KiB");
    assertThat(Sizes.human(1024L * 1024 * 1024 * 3 / 2)).isEqualTo("1.5 GiB");
  }
}
