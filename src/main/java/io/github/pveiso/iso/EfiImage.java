package io.github.pveiso.iso;

import io.github.pveiso.VerificationException;
import io.github.pveiso.iso.boot.GptEntry;
import io.github.pveiso.iso.boot.GptHeader;
import io.github.pveiso.iso.boot.Guid;
import io.github.pveiso.iso.boot.Platform;
import java.util.Optional;

/**
 * The bytes of an ISO's EFI system partition image and where they came from.
 *
 * @param name where it was found, for messages: {@code El Torito image 2}, {@code /efi.img} or
 *     {@code GPT partition 2}
 * @param bytes the image
 */
record EfiImage(String name, byte[] bytes) {

  static Optional<EfiImage> find(IsoImage iso) {
    Optional<BootImage> uefi =
        iso.bootImages().stream().filter(b -> b.platform() == Platform.UEFI).findFirst();
    if (uefi.isPresent()) {
      BootImage b = uefi.get();
      return Optional.of(
          new EfiImage(b.path().orElse("El Torito image " + b.index()), iso.bootImageBytes(b)));
    }
    Optional<IsoEntry> file = iso.find("/efi.img").filter(IsoEntry::isFile);
    if (file.isPresent()) {
      check(file.get().size(), "/efi.img");
      return Optional.of(new EfiImage("/efi.img", iso.readAllBytes(file.get())));
    }
    return iso.gpt()
        .flatMap(
            g -> g.partitions().stream().filter(e -> e.type().equals(Guid.EFI_SYSTEM)).findFirst())
        .map(e -> fromPartition(iso, e));
  }

  private static EfiImage fromPartition(IsoImage iso, GptEntry e) {
    String name = "GPT partition '" + e.name() + "'";
    if (e.firstLba() < 0 || e.lastLba() < e.firstLba()) {
      throw new VerificationException(
          name + " has blocks " + e.firstLba() + ".." + e.lastLba() + ", which is no range");
    }
    long length = e.blocks() * GptHeader.BLOCK;
    check(length, name);
    return new EfiImage(name, iso.channel().read(e.firstLba() * GptHeader.BLOCK, (int) length));
  }

  private static void check(long length, String name) {
    if (length > BootImage.MAX_BYTES) {
      throw new VerificationException(
          name
              + " has "
              + length
              + " bytes, more than the "
              + BootImage.MAX_BYTES
              + " an EFI system partition image may have");
    }
  }
}
