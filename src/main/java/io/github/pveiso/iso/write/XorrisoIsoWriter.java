package io.github.pveiso.iso.write;

import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.BootLayout;
import io.github.pveiso.iso.boot.SystemArea;
import io.github.pveiso.iso.bytes.ImageChannel;
import io.github.pveiso.proc.ProcessFailedException;
import io.github.pveiso.proc.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes with xorriso, choosing the {@link WriteStrategy} from the source's {@link BootLayout}. The
 * volume-date UUID is passed with {@code -volume_date uuid} on every write (Proxmox 8.2.6 fixed
 * exactly this), and SOURCE_DATE_EPOCH is the source's own volume date, so the output depends only
 * on the source and the changes.
 */
public final class XorrisoIsoWriter implements IsoWriter {

  private final ProcessRunner runner;
  private final EventListener listener;
  private final Duration timeout;

  /** A writer that runs xorriso through {@code runner}, with at most 1 hour per write. */
  public XorrisoIsoWriter(ProcessRunner runner, EventListener listener) {
    this(runner, listener, Duration.ofHours(1));
  }

  /** A writer with its own time limit per xorriso run. */
  public XorrisoIsoWriter(ProcessRunner runner, EventListener listener, Duration timeout) {
    this.runner = runner;
    this.listener = listener;
    this.timeout = timeout;
  }

  @Override
  public WriteResult write(Path source, BootLayout layout, List<IsoChange> changes, Path target) {
    WriteSteps.refuseOwnSource(source, target);
    long start = System.nanoTime();
    SourceListing listing = SourceListing.read(source);
    ChangeCheck.check(changes, listing, source);
    WriteStrategy strategy = WriteSteps.strategy(source, layout, listing);
    WriteSteps.announce(listener, source, target, changes, strategy);
    Optional<SystemArea> sourceArea = Optional.empty();
    if (strategy == WriteStrategy.GROW_COPY) {
      try (ImageChannel image = ImageChannel.open(source)) {
        sourceArea = Optional.of(SystemArea.read(image));
      }
      WriteSteps.copy(listener, source, target);
    }
    List<String> argv = XorrisoArguments.build(strategy, source, target, layout, listing, changes);
    ProcessRunner.Command command =
        ProcessRunner.Command.of(argv)
            .withTimeout(timeout)
            .withEnv(
                Map.of(
                    "SOURCE_DATE_EPOCH",
                    Long.toString(XorrisoArguments.volumeDateEpoch(layout.volumeDateUuid()))));
    ProcessRunner.Result result = runner.run(command);
    if (!result.ok()) {
      throw new ProcessFailedException(command, withErrorsOnly(result));
    }
    // growing keeps the source's system area, which still describes the source's size
    sourceArea.ifPresent(area -> WriteSteps.fitSystemArea(listener, target, area));
    return WriteSteps.result(target, strategy, start);
  }

  /**
   * The same result with stderr cut down to xorriso's problem lines, so the exception's message
   * ends with the real error rather than "aborting : -abort_on ...".
   */
  static ProcessRunner.Result withErrorsOnly(ProcessRunner.Result result) {
    String problems =
        result
            .stderr()
            .lines()
            .filter(
                line ->
                    line.matches(".*: (FATAL|FAILURE|SORRY|MISHAP) :.*")
                        && !line.contains("-abort_on"))
            .collect(Collectors.joining("\n"));
    return new ProcessRunner.Result(
        result.exitCode(),
        result.stdout(),
        problems.isEmpty() ? result.stderr() : problems,
        result.timedOut(),
        result.stoppedEarly(),
        result.elapsed());
  }
}
