package io.github.pveiso.inspect;

import io.github.pveiso.iso.BootLayout;
import io.github.pveiso.proxmox.ProductInfo;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything {@code pveiso inspect} shows about an ISO, as plain data (Jackson-serialisable).
 *
 * @param path the image file
 * @param size the file's size in bytes
 * @param volumeId the volume id
 * @param volumeDateUuid GRUB's {@code --fs-uuid} (the volume modification date)
 * @param systemId the system id
 * @param applicationId the application id
 * @param preparerId the data preparer id
 * @param volumeBytes the ISO 9660 volume's size in bytes
 * @param names where file names come from: ROCK_RIDGE, JOLIET or ISO9660
 * @param joliet a Joliet tree is present
 * @param files how many regular files
 * @param directories how many directories (the root included)
 * @param fileBytes the files' total size
 * @param bootLayout the boot provisions
 * @param bootImages the El Torito boot images
 * @param mbr the MBR, or null
 * @param gpt the GPT, or null
 * @param appleMap the Apple partition map, or null
 * @param efiArchitectures architectures the EFI image boots, e.g. {@code AMD64}
 * @param product the Proxmox product facts
 * @param baseSystem the packages installed in the base system ({@code /pve-base.squashfs})
 * @param notes plain-language remarks, e.g. {@code no boot records}
 */
public record IsoInspection(
    String path,
    long size,
    String volumeId,
    String volumeDateUuid,
    String systemId,
    String applicationId,
    String preparerId,
    long volumeBytes,
    String names,
    boolean joliet,
    int files,
    int directories,
    long fileBytes,
    BootLayout bootLayout,
    List<BootImageInfo> bootImages,
    @Nullable MbrInfo mbr,
    @Nullable GptInfo gpt,
    @Nullable ApmInfo appleMap,
    List<String> efiArchitectures,
    ProductInfo product,
    BaseSystemInfo baseSystem,
    List<String> notes) {

  /** Copies the lists. */
  public IsoInspection {
    bootImages = List.copyOf(bootImages);
    efiArchitectures = List.copyOf(efiArchitectures);
    notes = List.copyOf(notes);
  }

  /**
   * One El Torito boot image.
   *
   * @param index catalog position, 1 for the default entry
   * @param platform BIOS, UEFI, ...
   * @param emulation NONE, FLOPPY_1_44M, ...
   * @param bootable marked bootable
   * @param loadSegment the load segment
   * @param sectorCount 512-byte sectors the firmware loads
   * @param lba the image's first 2048-byte block
   * @param length the image's length in bytes
   * @param path the ISO file holding it, or null (e.g. an appended partition)
   * @param sha256 the SHA-256 of its bytes
   */
  public record BootImageInfo(
      int index,
      String platform,
      String emulation,
      boolean bootable,
      int loadSegment,
      int sectorCount,
      long lba,
      long length,
      @Nullable String path,
      String sha256) {}

  /**
   * The MBR.
   *
   * @param bootCode the boot code area is not all zeros
   * @param partitions the partitions in use
   */
  public record MbrInfo(boolean bootCode, List<MbrPartitionInfo> partitions) {
    /** Copies the list. */
    public MbrInfo {
      partitions = List.copyOf(partitions);
    }
  }

  /**
   * One MBR partition in use.
   *
   * @param number 1 to 4
   * @param active status 0x80
   * @param type the partition type, e.g. 238 (0xEE)
   * @param firstSector first 512-byte sector
   * @param sectors number of sectors
   */
  public record MbrPartitionInfo(
      int number, boolean active, int type, long firstSector, long sectors) {}

  /**
   * The GPT.
   *
   * @param diskGuid the disk GUID
   * @param firstUsableLba first usable 512-byte block
   * @param lastUsableLba last usable block
   * @param backupLba the backup header's block
   * @param partitions the partitions in use
   * @param problems what is inconsistent (CRCs, backup), empty when fine
   * @param warnings what is unusual but harmless
   */
  public record GptInfo(
      String diskGuid,
      long firstUsableLba,
      long lastUsableLba,
      long backupLba,
      List<GptPartitionInfo> partitions,
      List<String> problems,
      List<String> warnings) {
    /** Copies the lists. */
    public GptInfo {
      partitions = List.copyOf(partitions);
      problems = List.copyOf(problems);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * One GPT partition in use.
   *
   * @param number its slot, from 1
   * @param name its name
   * @param type its type GUID
   * @param guid its unique GUID
   * @param firstLba first 512-byte block
   * @param lastLba last block (inclusive)
   * @param path the ISO file it covers, or null
   */
  public record GptPartitionInfo(
      int number,
      String name,
      String type,
      String guid,
      long firstLba,
      long lastLba,
      @Nullable String path) {}

  /**
   * The Apple partition map.
   *
   * @param blockSize its block size
   * @param partitions its entries
   */
  public record ApmInfo(int blockSize, List<ApmPartitionInfo> partitions) {
    /** Copies the list. */
    public ApmInfo {
      partitions = List.copyOf(partitions);
    }
  }

  /**
   * One Apple partition map entry.
   *
   * @param name its name
   * @param type its type, e.g. {@code Apple_HFS}
   * @param startBlock first block
   * @param blocks number of blocks
   */
  public record ApmPartitionInfo(String name, String type, long startBlock, long blocks) {}

  /**
   * The base system's dpkg database.
   *
   * @param state READ, NO_SQUASHFS, NO_STATUS or UNREADABLE
   * @param detail one line for people
   * @param count how many packages are installed
   * @param packages the installed packages, sorted by name
   */
  public record BaseSystemInfo(
      String state, String detail, int count, List<BasePackageInfo> packages) {
    /** Copies the list. */
    public BaseSystemInfo {
      packages = List.copyOf(packages);
    }
  }

  /**
   * One package installed in the base system.
   *
   * @param name its name
   * @param version its version
   * @param architecture its architecture
   */
  public record BasePackageInfo(String name, String version, String architecture) {}
}
