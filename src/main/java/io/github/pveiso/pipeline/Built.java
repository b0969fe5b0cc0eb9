package io.github.pveiso.pipeline;

import io.github.pveiso.iso.BootLayout;
import io.github.pveiso.iso.write.WriteStrategy;
import io.github.pveiso.pipeline.stage.Staged;
import java.nio.file.Path;

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
 */
public record Built(
    Planned planned,
    Staged staged,
    Path output,
    String sha256,
    long size,
    Path manifest,
    BootLayout after,
    WriteStrategy writer) {}
