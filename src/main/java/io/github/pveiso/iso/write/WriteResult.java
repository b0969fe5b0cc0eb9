package io.github.pveiso.iso.write;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What an {@link IsoWriter} wrote.
 *
 * @param output the written image
 * @param strategy how it was written
 * @param size the output's size in bytes
 * @param elapsed wall time of the write
 */
public record WriteResult(Path output, WriteStrategy strategy, long size, Duration elapsed) {}
