/** A small read-only FAT12/16/32 reader for EFI system partition images. */
package io.github.pveiso.iso.fat;
