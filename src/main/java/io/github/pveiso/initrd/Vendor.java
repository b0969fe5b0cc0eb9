package io.github.pveiso.initrd;

/** A CPU vendor whose microcode the kernel loads early, with where Debian ships it. */
public enum Vendor {
  /** Intel: package intel-microcode, files /lib/firmware/intel-ucode/*. */
  INTEL("GenuineIntel", "intel-ucode"),
  /** AMD: package amd64-microcode, files /lib/firmware/amd-ucode/*.bin. */
  AMD("AuthenticAMD", "amd-ucode");

  private final String cpuVendorId;
  private final String firmwareDirectory;

  Vendor(String cpuVendorId, String firmwareDirectory) {
    this.cpuVendorId = cpuVendorId;
    this.firmwareDirectory = firmwareDirectory;
  }

  /** The CPUID vendor string, which names the file in the early archive. */
  public String cpuVendorId() {
    return cpuVendorId;
  }

  /** The folder under /lib/firmware the package installs the microcode into. */
  public String firmwareDirectory() {
    return firmwareDirectory;
  }

  /** The path inside the early archive the kernel looks for. */
  public String earlyPath() {
    return EarlyMicrocode.MICROCODE_DIR + "/" + cpuVendorId + ".bin";
  }
}
