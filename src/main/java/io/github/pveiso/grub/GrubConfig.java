package io.github.pveiso.grub;

/**
 * One GRUB configuration on the BIOS or UEFI boot path of an ISO.
 *
 * @param location where it is: an ISO path, or the EFI image and a path in it, with {@code (built
 *     in)} for a configuration inside a GRUB image
 * @param role {@code menu} (the installer's menu), {@code loader} (finds and loads another
 *     configuration), {@code other menu} (entries of its own), {@code other} or {@code unreadable}
 * @param needsChange true when the requested change must reach it too
 * @param detail one line for people: what it does, and why it needs or needs no change
 */
public record GrubConfig(String location, String role, boolean needsChange, String detail) {}
