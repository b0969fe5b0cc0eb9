package io.github.pveiso.pipeline;

import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.verify.IsoVerifier;
import io.github.pveiso.iso.write.WriteResult;
import io.github.pveiso.pipeline.stage.Staged;
import java.nio.file.Path;

/**
 * Reads the written image back and compares it with the source and the staged changes, while a
 * second thread computes its SHA-256 (see {@link VerifyAndDigest}); the report step then publishes
 * it with its side files.
 */
final class VerifyStep {

  private final EventListener events;

  VerifyStep(EventListener events) {
    this.events = events;
  }

  /**
   * The verified output, still under its temporary name.
   *
   * @param result the write, of the temporary file
   * @param sha256 the output's SHA-256, lower-case hex
   */
  record Verified(WriteResult result, String sha256) {}

  Verified call(IsoImage source, WriteResult written, Staged staged) {
    Path temp = written.output();
    events.info("verifying " + temp.getFileName());
    IsoVerifier verifier = new IsoVerifier(events);
    String sha256 =
        VerifyAndDigest.run(temp, () -> verifier.verify(source, temp, staged.expected()));
    return new Verified(written, sha256);
  }
}
