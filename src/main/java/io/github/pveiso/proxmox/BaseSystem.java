package io.github.pveiso.proxmox;

import io.github.pveiso.debian.DpkgPackage;
import java.util.List;

/**
 * The packages of the base system that the Proxmox installer unpacks onto the target ({@code
 * /pve-base.squashfs}), read from its dpkg status database.
 *
 * @param state whether the base system was found and read
 * @param detail one line for people, e.g. {@code 11 packages installed in /pve-base.squashfs}
 * @param packages its installed packages, sorted by name (empty unless {@link State#READ})
 */
public record BaseSystem(State state, String detail, List<DpkgPackage> packages) {

  /** The base system's squashfs on a Proxmox VE ISO. */
  public static final String SQUASHFS = "/pve-base.squashfs";

  /** Where dpkg keeps its status database inside the squashfs. */
  public static final String STATUS = "var/lib/dpkg/status";

  /** What was found. */
  public enum State {
    /** The status database was read. */
    READ,
    /** The ISO has no {@code /pve-base.squashfs}. */
    NO_SQUASHFS,
    /** The squashfs has no {@code var/lib/dpkg/status}. */
    NO_STATUS,
    /** It could not be read (inspect only; a build stops instead). */
    UNREADABLE
  }

  /** Copies the list. */
  public BaseSystem {
    packages = List.copyOf(packages);
  }

  /** The packages read from the status database. */
  static BaseSystem read(List<DpkgPackage> packages) {
    return new BaseSystem(
        State.READ,
        packages.size() + " packages installed in " + SQUASHFS + " (" + STATUS + ")",
        packages);
  }

  /** No base system on the ISO. */
  static BaseSystem noSquashfs() {
    return new BaseSystem(
        State.NO_SQUASHFS,
        "none: the ISO has no " + SQUASHFS + "; no packages count as installed",
        List.of());
  }

  /** A squashfs without a dpkg database. */
  static BaseSystem noStatus() {
    return new BaseSystem(
        State.NO_STATUS,
        "none: " + SQUASHFS + " has no " + STATUS + "; no packages count as installed",
        List.of());
  }

  /** A base system that could not be read, with the reason. */
  public static BaseSystem unreadable(String reason) {
    return new BaseSystem(State.UNREADABLE, "unreadable: " + reason, List.of());
  }
}
