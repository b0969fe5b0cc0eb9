/** Events the core emits (log, progress, stage timing); the core never prints. */
package io.github.pveiso.events;
