/**
 * Proxmox VE specifics: facts about Proxmox products read from their installer ISOs, and which
 * installer ISO a version means and where to get it.
 */
package io.github.pveiso.proxmox;
