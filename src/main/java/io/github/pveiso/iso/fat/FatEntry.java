package io.github.pveiso.iso.fat;

/**
 * A file or directory in a FAT file system.
 *
 * @param path the absolute path with the long (VFAT) name when there is one, e.g. {@code
 *     /EFI/BOOT/BOOTX64.EFI}
 * @param directory true for a directory
 * @param size the file's size in bytes (0 for directories)
 * @param firstCluster the first cluster of its data
 */
public record FatEntry(String path, boolean directory, long size, long firstCluster) {}
