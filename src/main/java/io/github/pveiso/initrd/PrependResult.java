package io.github.pveiso.initrd;

import java.util.List;

/**
 * What {@link EarlyMicrocode#prepend} did to an initrd.
 *
 * @param action whether an early archive was added or one at the start replaced
 * @param replaced the early archives taken off the start of the initrd, in order
 * @param earlyArchiveSize the size of the archive put in front
 * @param vendors the vendor files the new archive holds
 * @param rest what followed the early archives in the original initrd (its main part)
 * @param sizeBefore the original initrd's size
 * @param sizeAfter the new initrd's size
 * @param sha256Before the original initrd's SHA-256, hex
 * @param sha256After the new initrd's SHA-256, hex
 */
public record PrependResult(
    Action action,
    List<Replaced> replaced,
    long earlyArchiveSize,
    List<EarlyMicrocode.VendorFile> vendors,
    Payload rest,
    long sizeBefore,
    long sizeAfter,
    String sha256Before,
    String sha256After) {

  /** Copies the lists. */
  public PrependResult {
    replaced = List.copyOf(replaced);
    vendors = List.copyOf(vendors);
  }

  /** What happened to the start of the initrd. */
  public enum Action {
    /** There was no early microcode archive; ours was put in front. */
    PREPENDED,
    /** An early microcode archive pveiso wrote (its marker found) was replaced by ours. */
    REPLACED_PVEISO,
    /** An early microcode archive from elsewhere (a distribution's) was replaced by ours. */
    REPLACED_FOREIGN
  }

  /**
   * An early microcode archive that was taken off.
   *
   * @param offset where it started in the original initrd
   * @param length its length, with the zero padding after it
   * @param names its entries, trailer excluded
   * @param pveisoMarker the marker text when pveiso wrote it, otherwise empty
   */
  public record Replaced(long offset, long length, List<String> names, String pveisoMarker) {

    /** Copies the list. */
    public Replaced {
      names = List.copyOf(names);
    }

    /** True when pveiso wrote it. */
    public boolean fromPveiso() {
      return !pveisoMarker.isEmpty();
    }
  }

  /** One line for a report, e.g. "replaced pveiso early microcode: 70.1 MB -> 70.1 MB". */
  public String summary() {
    String what =
        switch (action) {
          case PREPENDED -> "prepended early microcode";
          case REPLACED_PVEISO -> "replaced pveiso early microcode";
          case REPLACED_FOREIGN -> "replaced an existing early microcode archive";
        };
    List<String> vendorNames = vendors.stream().map(v -> v.vendor().cpuVendorId()).toList();
    return what
        + " ("
        + String.join(", ", vendorNames)
        + ", "
        + earlyArchiveSize
        + " bytes): initrd "
        + sizeBefore
        + " -> "
        + sizeAfter
        + " bytes";
  }
}
