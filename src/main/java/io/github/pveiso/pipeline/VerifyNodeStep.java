package io.github.pveiso.pipeline;

import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.verify.IsoVerifier;
import io.github.pveiso.iso.write.NodeLayout;
import io.github.pveiso.iso.write.WriteResult;
import io.github.pveiso.pipeline.stage.Staged;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Verifies the ISOs of an {@code answer_dir} build, one per node, and moves each into place. The
 * first of each size is verified as a single build's output is (every file read back and compared
 * with the source or its expected digest, its SHA-256 computed alongside) and kept as the reference
 * for the next ones of that size. When the nodes were laid out alike ({@link NodeLayout}), each
 * next one is a kernel copy of the reference's first {@code shared} bytes with its own bytes after
 * them: nothing before that point is read again; every check still runs on the node's own
 * descriptors, folders and boot records, an entry whose record or extents are not the reference's
 * or reach past that point is read and compared (see {@link IsoVerifier#verifyBeside(IsoImage,
 * Path, Map, IsoVerifier.Sibling, long)}), and its SHA-256 continues the reference's from the state
 * kept exactly there, over the node's own tail (see {@link ResumableDigest}). Otherwise (xorriso
 * wrote the nodes) the two are compared byte for byte up to their first difference and the digest
 * continues from the last state kept before it.
 */
final class VerifyNodeStep {

  /** A verified node's ISO in place, with its digest's states. */
  private record Reference(IsoVerifier.Sibling sibling, ResumableDigest digest) {}

  private final EventListener events;
  private final IsoVerifier verifier;
  private final OptionalLong shared;
  private final Map<Long, Reference> references = new HashMap<>();

  /**
   * @param shared how many leading bytes every node's ISO shares by construction, when the nodes
   *     were laid out alike
   */
  VerifyNodeStep(EventListener events, OptionalLong shared) {
    this.events = events;
    this.verifier = new IsoVerifier(events);
    this.shared = shared;
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
      long keep = shared.orElse(-1);
      ResumableDigest digest =
          VerifyAndDigest.run(
              temp,
              () -> verifier.verify(source, temp, staged.expected()),
              file -> ResumableDigest.keeping(file, keep));
      references.put(
          size, new Reference(new IsoVerifier.Sibling(publishedAs, staged.expected()), digest));
      return new VerifyStep.Verified(written, digest.sha256());
    }
    events.info(
        "verifying " + temp.getFileName() + " beside " + reference.sibling().image().getFileName());
    long samePrefix;
    if (shared.isPresent()) {
      samePrefix = shared.getAsLong();
      verifier.verifyBeside(source, temp, staged.expected(), reference.sibling(), samePrefix);
    } else {
      samePrefix =
          verifier.verifyBeside(source, temp, staged.expected(), reference.sibling()).samePrefix();
    }
    String sha256 = reference.digest().resume(temp, samePrefix);
    events.debug(
        "the first "
            + samePrefix
            + " of "
            + size
            + " bytes are "
            + reference.sibling().image().getFileName()
            + "'s; hashed from byte "
            + reference.digest().resumesAt(samePrefix));
    return new VerifyStep.Verified(written, sha256);
  }
}
