package io.github.pveiso.cli;

import io.github.pveiso.events.Event;
import io.github.pveiso.events.EventListener;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Shows the core's events on stderr: log lines by level, progress as a bar on a terminal and as
 * plain lines every 10 % elsewhere (CI logs), and stage starts under {@code --verbose}.
 */
final class ConsoleRenderer implements EventListener {

  private static final int BAR_WIDTH = 30;

  private final PrintStream err;
  private final GlobalOptions options;
  private final boolean terminal;
  private final Map<String, Long> lastStep = new HashMap<>();
  private boolean barShown;

  ConsoleRenderer(PrintStream err, GlobalOptions options, boolean terminal) {
    this.err = err;
    this.options = options;
    this.terminal = terminal;
  }

  @Override
  public synchronized void on(Event event) {
    switch (event) {
      case Event.Log log -> log(log);
      case Event.Progress progress -> progress(progress);
      case Event.StageStarted started -> {
        if (options.verbose()) {
          line("stage " + started.stage() + " ...");
        }
      }
      case Event.StageFinished finished -> {
        if (options.verbose()) {
          line(
              String.format(
                  Locale.ROOT,
                  "stage %s done in %.2f s",
                  finished.stage(),
                  finished.elapsed().toMillis() / 1000.0));
        }
      }
    }
  }

  private void log(Event.Log log) {
    boolean show =
        switch (log.level()) {
          case ERROR -> true;
          case WARN -> !options.quiet();
          case INFO -> !options.quiet();
          case DEBUG -> options.verbose();
        };
    if (show) {
      String prefix =
          switch (log.level()) {
            case WARN -> "warning: ";
            case ERROR -> "error: ";
            default -> "";
          };
      line(prefix + log.message());
    }
  }

  private void progress(Event.Progress p) {
    if (!options.progress() || options.quiet()) {
      return;
    }
    if (terminal) {
      String bar;
      if (p.total() > 0) {
        int filled = (int) (BAR_WIDTH * Math.min(p.done(), p.total()) / p.total());
        bar =
            String.format(
                Locale.ROOT,
                "%-40.40s [%s%s] %3d%% %s",
                p.task(),
                "#".repeat(filled),
                " ".repeat(BAR_WIDTH - filled),
                100 * p.done() / p.total(),
                Sizes.human(p.done()));
      } else {
        bar = String.format(Locale.ROOT, "%-40.40s %s", p.task(), Sizes.human(p.done()));
      }
      err.print("\r" + bar);
      barShown = p.total() <= 0 || p.done() < p.total();
      if (!barShown) {
        err.println();
      }
      err.flush();
      return;
    }
    if (p.total() <= 0) {
      return;
    }
    long step = 10 * p.done() / p.total();
    Long last = lastStep.get(p.task());
    if (last == null || step > last) {
      lastStep.put(p.task(), step);
      line(
          String.format(
              Locale.ROOT, "%s: %d%% of %s", p.task(), step * 10, Sizes.human(p.total())));
    }
  }

  private void line(String text) {
    if (barShown) {
      err.println();
      barShown = false;
    }
    err.println(text);
  }
}
