package io.github.pveiso.pipeline;

import io.github.pveiso.acquire.AcquireResult;

/**
 * The result of {@code fetch}: the steps up to acquire packages.
 *
 * @param acquired the verified ISO, the packages and the indexes they were resolved from
 * @param source what inspect found in the ISO
 */
public record Fetched(AcquireResult acquired, SourceFacts source) {}
