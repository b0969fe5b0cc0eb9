/** Facts about Proxmox products read from their installer ISOs. */
package io.github.pveiso.proxmox;
