/**
 * pveiso builds customised Proxmox VE installer ISOs. The root package holds the error types that
 * every part raises; see {@code docs/design.md} in the shared docs for the flow between parts.
 */
package io.github.pveiso;
