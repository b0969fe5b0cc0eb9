/**
 * Checks that the packages pveiso adds to an ISO install the way the Proxmox installer installs
 * them, by running dpkg on a scratch root.
 */
package io.github.pveiso.installcheck;
