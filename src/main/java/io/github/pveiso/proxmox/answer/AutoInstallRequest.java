package io.github.pveiso.proxmox.answer;

import java.util.Optional;

/**
 * What a build is asked to add for automated installation, read from the configuration.
 *
 * @param mode the mode file to write (where the answer comes from)
 * @param answer the answer file to put on the ISO (mode iso only)
 * @param firstBoot the executable to run once on the installed system
 */
public record AutoInstallRequest(
    AutoInstallerMode mode, Optional<Content> answer, Optional<Content> firstBoot) {}
