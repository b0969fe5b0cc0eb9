package io.github.pveiso.proxmox;

import io.github.pveiso.Sha256Digest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The firmware that Proxmox's own {@code pve-firmware} package (from the ISO's {@code
 * /proxmox/packages}) installs, by name below {@code /lib/firmware}: its files, symbolic links and
 * hard links under {@code lib/firmware} or {@code usr/lib/firmware}.
 *
 * <p>The kernel asks for a firmware name and also tries it with {@code .zst} and {@code .xz}
 * appended, so {@code a.bin}, {@code a.bin.zst} and {@code a.bin.xz} count as the same firmware:
 * {@link #has} answers for all three whichever of them the package has.
 *
 * @param debPath the {@code .deb} on the ISO, e.g. {@code
 *     /proxmox/packages/pve-firmware_3.14-1_all.deb}; empty when the ISO has none
 * @param version its {@code Version}, e.g. {@code 3.14-1}; empty when the ISO has none
 * @param names the names as the package has them (compressed ones with their suffix), sorted
 */
public record ProxmoxFirmware(String debPath, String version, List<String> names) {

  /** The name of Proxmox's firmware package. */
  public static final String PACKAGE = "pve-firmware";

  /** The suffixes the kernel tries, in its order; the first is the plain name. */
  static final List<String> SUFFIXES = List.of("", ".zst", ".xz");

  /** Copies and sorts the names. */
  public ProxmoxFirmware {
    List<String> sorted = new ArrayList<>(names);
    Collections.sort(sorted);
    names = List.copyOf(sorted);
  }

  /** What an ISO without {@value #PACKAGE} has: nothing. */
  public static ProxmoxFirmware none() {
    return new ProxmoxFirmware("", "", List.of());
  }

  /** True when the ISO has a {@value #PACKAGE} package (it may still hold no firmware). */
  public boolean present() {
    return !debPath.isEmpty();
  }

  /** {@code pve-firmware 3.14-1}, or {@code no pve-firmware} when the ISO has none. */
  public String label() {
    return present() ? PACKAGE + " " + version : "no " + PACKAGE;
  }

  /**
   * True when the package has the firmware {@code path} (below {@code /lib/firmware}, e.g. {@code
   * rtl_nic/rtl8125b-2.fw}), plain or compressed: {@code a.bin}, {@code a.bin.zst} and {@code
   * a.bin.xz} all answer for any of the three.
   */
  public boolean has(String path) {
    return find(path).isPresent();
  }

  /**
   * The name under which the package has the firmware {@code path}, plain or compressed; the plain
   * name first, then {@code .zst}, then {@code .xz} (the kernel's order).
   */
  public Optional<String> find(String path) {
    String base = plain(path);
    for (String suffix : SUFFIXES) {
      if (Collections.binarySearch(names, base + suffix) >= 0) {
        return Optional.of(base + suffix);
      }
    }
    return Optional.empty();
  }

  /** {@code a.bin.zst} and {@code a.bin.xz} → {@code a.bin}; other names as they are. */
  public static String plain(String path) {
    for (String suffix : SUFFIXES) {
      if (!suffix.isEmpty() && path.endsWith(suffix) && path.length() > suffix.length()) {
        return path.substring(0, path.length() - suffix.length());
      }
    }
    return path;
  }

  /**
   * A SHA-256 over what this set says: UTF-8 lines {@code package <debPath> <version>}, then one
   * {@code name <name>} per name in order. Cache keys of things made from it use this digest.
   */
  public Sha256Digest digest() {
    StringBuilder text = new StringBuilder();
    text.append("package ").append(debPath).append(' ').append(version).append('\n');
    for (String name : names) {
      text.append("name ").append(name).append('\n');
    }
    return Sha256Digest.of(text.toString().getBytes(StandardCharsets.UTF_8));
  }
}
