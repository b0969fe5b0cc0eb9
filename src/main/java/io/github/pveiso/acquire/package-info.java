/**
 * The acquire stage ({@code pveiso fetch}): downloads and verifies the Proxmox ISO and the Debian
 * packages a build needs, through the shared cache.
 */
package io.github.pveiso.acquire;
