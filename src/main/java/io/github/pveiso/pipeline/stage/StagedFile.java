package io.github.pveiso.pipeline.stage;

/**
 * One file the build adds to or replaces on the ISO.
 *
 * @param isoPath its path on the ISO
 * @param operation {@code add} or {@code replace}
 * @param sha256 its content digest; for a symbolic link {@code -> target}
 * @param size bytes
 * @param origin where it came from, e.g. {@code firmware-realtek 20250410-2} or {@code early
 *     microcode + original initrd}
 */
public record StagedFile(
    String isoPath, String operation, String sha256, long size, String origin) {}
