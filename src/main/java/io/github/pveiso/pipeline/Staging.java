package io.github.pveiso.pipeline;

import io.github.pveiso.pipeline.stage.Staged;

/**
 * The result of {@code plan}: the steps up to stage.
 *
 * @param planned the plan and what it was made from
 * @param staged the files the build would add, replace or remove
 */
public record Staging(Planned planned, Staged staged) {}
