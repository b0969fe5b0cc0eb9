/** Deciding, per package and target, add, repack, skip or refuse, with the reason. */
package io.github.pveiso.pipeline.plan;
