package io.github.pveiso.pipeline.plan;

/**
 * The action for one package and one target, and why.
 *
 * @param target the target
 * @param action the action
 * @param reason one line for people
 */
public record Decision(Target target, Action action, String reason) {}
