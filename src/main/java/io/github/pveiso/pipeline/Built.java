package io.github.pveiso.pipeline;

import io.github.pveiso.iso.BootLayout;
import io.github.pveiso.iso.write.WriteStrategy;
import io.github.pveiso.pipeline.stage.Staged;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The result of {@code build}.
 *
 * @param planned what was planned
 * @param staged what was staged
 * @param output the verified output ISO
 * @param sha256 its digest
 * @param size its size
 * @param manifest the manifest file beside it
 * @param after the output's boot layout, as read back
 * @param writer how the ISO was written (Java growing, or xorriso's replay)
 * @param node with {@code answer_dir}, the node this ISO is for
 */
public record Built(
    Planned planned,
    Staged staged,
    Path output,
    String sha256,
    long size,
    Path manifest,
    BootLayout after,
    WriteStrategy writer,
    Optional<String> node) {

  /** This result, for node {@code name}. */
  Built forNode(String name) {
    return new Built(
        planned, staged, output, sha256, size, manifest, after, writer, Optional.of(name));
  }
}
