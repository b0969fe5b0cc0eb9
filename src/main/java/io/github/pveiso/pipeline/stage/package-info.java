/**
 * Making the bytes a plan asks for under the build's work folder, and the change list for the
 * writer.
 */
package io.github.pveiso.pipeline.stage;
