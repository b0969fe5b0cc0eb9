/**
 * Automated installation of Proxmox VE: answer files (parsing, the installer's static checks, a
 * template, redaction of secrets), the {@code /auto-installer-mode.toml} that tells the installer
 * where its answer comes from, the files a build adds to an ISO for it, and SHA-512 crypt for
 * {@code root-password-hashed}.
 */
package io.github.pveiso.proxmox.answer;
