/**
 * Repacks the firmware of Debian packages that Proxmox's pve-firmware conflicts with into one
 * package of pveiso's own, installed under {@code /lib/firmware/updates/}.
 */
package io.github.pveiso.pipeline.stage.repack;
