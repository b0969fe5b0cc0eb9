/**
 * The build as a list of steps, each a class that takes the value of the step before and returns
 * its own: resolve the request, acquire the ISO, inspect, acquire packages, read packages, inspect
 * pve-firmware, plan, stage, write, verify, report. {@code plan} decides, {@code stage} makes the
 * bytes.
 */
package io.github.pveiso.pipeline;
