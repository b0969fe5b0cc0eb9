/**
 * GRUB configurations of the installer's boot path: a reader for GRUB's script language that keeps
 * every byte's place, the Proxmox installer menu read from it, an editor that changes kernel
 * arguments, the serial console, the default entry and the timeout and leaves every other byte as
 * it was, and a finder for the other GRUB configurations the BIOS and UEFI paths read.
 */
package io.github.pveiso.grub;
