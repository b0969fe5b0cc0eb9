/** Boot structures as plain data: El Torito catalog, MBR, GPT, Apple partition map. */
package io.github.pveiso.iso.boot;
