package io.github.pveiso.iso.fat;

/** The FAT variant, decided by the count of data clusters (Microsoft's FAT specification). */
public enum FatType {
  /** Fewer than 4085 clusters. */
  FAT12,
  /** Fewer than 65525 clusters. */
  FAT16,
  /** 65525 clusters or more. */
  FAT32
}
