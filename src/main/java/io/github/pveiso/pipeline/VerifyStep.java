package io.github.pveiso.pipeline;

import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.verify.IsoVerifier;
import io.github.pveiso.iso.write.WriteResult;
import io.github.pveiso.pipeline.stage.Staged;
import java.nio.file.Path;

/**
 * Reads the written image back and compares it with the source and the staged changes, while a
 * second thread finishes its SHA-256 (see {@link FollowingDigest}, which followed the write); the
 * report step then publishes it with its side files.
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

  /**
   * Verifies {@code written} while {@code digest}, which followed its write, hashes the rest of it.
   * A failed verification throws at once; the caller closes {@code digest}, which stops it.
   */
  Verified call(IsoImage source, WriteResult written, Staged staged, FollowingDigest digest) {
    Path temp = written.output();
    digest.written(written.size());
    events.info("verifying " + temp.getFileName());
    new IsoVerifier(events).verify(source, temp, staged.expected());
    return new Verified(written, digest.sha256());
  }
}
