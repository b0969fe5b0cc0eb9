/**
 * Proxmox VE specifics: which installer ISO a version means, where to get it, and (elsewhere in
 * this package) what the installer's product files say.
 */
package io.github.pveiso.proxmox;
