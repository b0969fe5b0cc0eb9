package io.github.pveiso.proxmox;

/**
 * Where the live installer finds firmware on its medium: Proxmox's installer mounts the ISO at
 * {@value #MOUNT} before udev loads drivers, and the kernel searches the one folder that the kernel
 * argument {@value #PARAMETER} names before {@code /lib/firmware}. pveiso's {@value #FOLDER} is
 * that folder; {@link #ARGUMENT} points the kernel at it.
 */
public final class InstallerFirmware {

  /** The folder on the ISO, laid out like {@code /lib/firmware}. */
  public static final String FOLDER = "/installer-firmware";

  /** Where the live installer mounts the ISO. */
  public static final String MOUNT = "/cdrom";

  /** The kernel's parameter for one more firmware folder. */
  public static final String PARAMETER = "firmware_class.path";

  /** The kernel argument that makes the installer's kernel search {@link #FOLDER}. */
  public static final String ARGUMENT = PARAMETER + "=" + MOUNT + FOLDER;

  /** The live system's own firmware folder, where pve-firmware's files are. */
  public static final String LIVE_FIRMWARE = "/lib/firmware";

  private InstallerFirmware() {}
}
