package io.github.pveiso.pipeline;

import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.verify.IsoVerifier;
import io.github.pveiso.iso.write.WriteResult;
import io.github.pveiso.pipeline.stage.Staged;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Verifies the ISOs of an {@code answer_dir} build, one per node, and moves each into place. The
 * first of each size is verified as a single build's output is (every file read back and compared
 * with the source or its expected digest, its SHA-256 computed alongside) and kept as the reference
 * for the next ones of that size: they are written from the same base and differ from it only in
 * their last blocks, so each is compared with the reference byte for byte up to the first
 * difference, only what lies after it is read again (see {@link IsoVerifier#verifyBeside}), and its
 * SHA-256 continues the reference's from the last state kept before the difference (see {@link
 * ResumableDigest}).
 */
final class VerifyNodeStep {

  /** A verified node's ISO in place, with its digest's states. */
  private record Reference(IsoVerifier.Sibling sibling, ResumableDigest digest) {}

  private final EventListener events;
  private final IsoVerifier verifier;
  private final Map<Long, Reference> references = new HashMap<>();

  VerifyNodeStep(EventListener events) {
    this.events = events;
    this.verifier = new IsoVerifier(events);
  }

  /**
   * Verifies {@code written}, the temporary file of a node's output.
   *
   * @param publishedAs where it will be once published, before the next node is verified: the
   *     reference for the next ones of its size
   */
  VerifyStep.Verified call(IsoImage source, WriteResult written, Staged staged, Path publishedAs) {
    Path temp = written.output();
    long size = written.size();
    Reference reference = references.get(size);
    if (reference == null) {
      events.info("verifying " + temp.getFileName());
      ResumableDigest digest =
          VerifyAndDigest.run(
              temp, () -> verifier.verify(source, temp, staged.expected()), ResumableDigest::of);
      references.put(
          size, new Reference(new IsoVerifier.Sibling(publishedAs, staged.expected()), digest));
      return new VerifyStep.Verified(written, digest.sha256());
    }
    events.info(
        "verifying " + temp.getFileName() + " beside " + reference.sibling().image().getFileName());
    IsoVerifier.Beside beside =
        verifier.verifyBeside(source, temp, staged.expected(), reference.sibling());
    String sha256 = reference.digest().resume(temp, beside.samePrefix());
    events.debug(
        "the first "
            + beside.samePrefix()
            + " of "
            + size
            + " bytes are "
            + reference.sibling().image().getFileName()
            + "'s; hashed from byte "
            + reference.digest().resumesAt(beside.samePrefix()));
    return new VerifyStep.Verified(written, sha256);
  }
}
