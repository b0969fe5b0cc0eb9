package io.github.pveiso.initrd;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A file from a microcode package, as its .deb holds it.
 *
 * @param path the path in the package's data archive, e.g. {@code
 *     ./lib/firmware/intel-ucode/06-55-04} (a leading {@code ./} or {@code /} and a {@code usr/}
 *     prefix are accepted)
 * @param data the file's bytes
 */
public record MicrocodeFile(String path, byte[] data) {

  /** Copies the bytes. */
  public MicrocodeFile {
    Objects.requireNonNull(path);
    data = data.clone();
  }

  /** The file's bytes (a copy). */
  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The file's name, the last part of its path. */
  public String name() {
    String p = normalized(path);
    return p.substring(p.lastIndexOf('/') + 1);
  }

  /**
   * The vendor this file is early microcode for, the way Debian's initramfs hooks choose: Intel
   * takes every file directly in {@code lib/firmware/intel-ucode/} whose name does not start with a
   * dot (what iucode_tool loads from a folder); AMD takes the {@code *.bin} files directly in
   * {@code lib/firmware/amd-ucode/}. Anything else is not early microcode.
   */
  public Optional<Vendor> vendor() {
    return vendorOf(path);
  }

  /**
   * What {@link #vendor()} says for a file at {@code path}, before its bytes are read: lets a
   * caller walking a .deb's data keep only the microcode files.
   */
  public static Optional<Vendor> vendorOf(String path) {
    String p = normalized(path);
    for (Vendor vendor : Vendor.values()) {
      String dir = "lib/firmware/" + vendor.firmwareDirectory() + "/";
      if (!p.startsWith(dir)) {
        continue;
      }
      String name = p.substring(dir.length());
      boolean plain = !name.isEmpty() && name.indexOf('/') < 0 && !name.startsWith(".");
      boolean wanted = vendor == Vendor.INTEL || name.endsWith(".bin");
      return plain && wanted ? Optional.of(vendor) : Optional.empty();
    }
    return Optional.empty();
  }

  private static String normalized(String path) {
    String p = path;
    while (p.startsWith("./") || p.startsWith("/")) {
      p = p.substring(p.startsWith("./") ? 2 : 1);
    }
    return p.startsWith("usr/lib/") ? p.substring(4) : p;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MicrocodeFile that
        && path.equals(that.path)
        && Arrays.equals(data, that.data);
  }

  @Override
  public int hashCode() {
    return 31 * path.hashCode() + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "MicrocodeFile[" + path + ", " + data.length + " bytes]";
  }
}
