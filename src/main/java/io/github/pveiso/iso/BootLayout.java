package io.github.pveiso.iso;

/**
 * The boot provisions an ISO has, as the reader found them; the writer picks its strategy from this
 * and the verifier checks that an output keeps every one of them.
 *
 * @param volumeId the primary volume descriptor's volume id, e.g. {@code PVE}
 * @param volumeDateUuid the volume modification date as GRUB's {@code --fs-uuid} sees it, {@code
 *     YYYY-MM-DD-hh-mm-ss-cc}
 * @param biosElTorito an El Torito entry for platform BIOS (x86)
 * @param uefiElTorito an El Torito entry for platform EFI
 * @param mbrBootCode the first 440 bytes of the system area hold boot code (not all zero)
 * @param mbrPartitions the MBR has at least one partition entry in use
 * @param gpt a valid GPT (primary header found, CRCs checked)
 * @param efiPartitionAppended the GPT/MBR EFI system partition lies after the ISO 9660 file system
 *     (xorriso's {@code -append_partition}) instead of pointing at a file inside it
 * @param appleMap an Apple partition map is present
 * @param hfsPlus an HFS+ partition entry is present (grub-mkrescue style)
 */
public record BootLayout(
    String volumeId,
    String volumeDateUuid,
    boolean biosElTorito,
    boolean uefiElTorito,
    boolean mbrBootCode,
    boolean mbrPartitions,
    boolean gpt,
    boolean efiPartitionAppended,
    boolean appleMap,
    boolean hfsPlus) {}
