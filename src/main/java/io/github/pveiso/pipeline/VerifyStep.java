package io.github.pveiso.pipeline;

import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.verify.IsoVerifier;
import io.github.pveiso.iso.write.PendingIso;
import io.github.pveiso.iso.write.WriteResult;
import io.github.pveiso.pipeline.stage.Staged;

/**
 * Reads the written image back and compares it with the source and the staged changes, while a
 * second thread computes its SHA-256 (see {@link VerifyAndDigest}); only then moves it into place.
 */
final class VerifyStep {

  private final EventListener events;

  VerifyStep(EventListener events) {
    this.events = events;
  }

  /**
   * The verified output, in place.
   *
   * @param result the published write
   * @param sha256 the output's SHA-256, lower-case hex
   */
  record Verified(WriteResult result, String sha256) {}

  Verified call(IsoImage source, PendingIso written, Staged staged) {
    events.info("verifying " + written.temp().getFileName());
    IsoVerifier verifier = new IsoVerifier(events);
    String sha256 =
        VerifyAndDigest.run(
            written.temp(), () -> verifier.verify(source, written.temp(), staged.expected()));
    return new Verified(written.publish(), sha256);
  }
}
