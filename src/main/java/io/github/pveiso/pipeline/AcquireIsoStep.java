package io.github.pveiso.pipeline;

import io.github.pveiso.acquire.Acquirer;
import io.github.pveiso.events.StageTimer;

/**
 * Acquires the source ISO the request names; its digest is checked on a thread of its own when the
 * ISO's place and digest are known up front (see {@link SourceCheck}).
 */
final class AcquireIsoStep {

  private final Acquirer acquirer;
  private final StageTimer timer;

  AcquireIsoStep(Acquirer acquirer, StageTimer timer) {
    this.acquirer = acquirer;
    this.timer = timer;
  }

  /** Starts the acquisition; close the result when the build is done with the source. */
  SourceCheck call(BuildRequest request) {
    return SourceCheck.start(acquirer, request.iso(), timer);
  }
}
