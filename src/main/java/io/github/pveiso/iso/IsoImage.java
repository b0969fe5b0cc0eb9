package io.github.pveiso.iso;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.VerificationException;
import io.github.pveiso.iso.boot.ApplePartitionMap;
import io.github.pveiso.iso.boot.ElToritoCatalog;
import io.github.pveiso.iso.boot.Gpt;
import io.github.pveiso.iso.boot.Mbr;
import io.github.pveiso.iso.bytes.Extent;
import io.github.pveiso.iso.bytes.ExtentInputStream;
import io.github.pveiso.iso.bytes.ImageChannel;
import io.github.pveiso.iso.fat.EfiArchitecture;
import io.github.pveiso.iso.fat.FatFileSystem;
import io.github.pveiso.iso.iso9660.BootRecordDescriptor;
import io.github.pveiso.iso.iso9660.PrimaryVolumeDescriptor;
import io.github.pveiso.iso.iso9660.VolumeDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An ISO 9660 image opened read-only: its volume descriptors, tree, file contents, El Torito
 * catalog and system area (MBR, GPT, APM). Nothing is extracted; contents stream from the image.
 *
 * <p>Over 300 lines because it is the facade of the reading side: each accessor is a few lines that
 * hand over to the reader of one structure ({@code IsoTreeReader}, {@code BootLayoutReader}, {@code
 * EfiImage}, the records in {@code iso9660} and {@code boot}), which hold the logic.
 */
public final class IsoImage implements AutoCloseable, IsoFiles {
  private static final int FIRST_DESCRIPTOR_LBA = 16;
  private static final int MAX_DESCRIPTORS = 64;

  private final ImageChannel image;
  private final List<VolumeDescriptor> descriptors;
  private final PrimaryVolumeDescriptor primary;
  private final NameSource nameSource;
  private final List<IsoEntry> entries;
  private final Map<String, IsoEntry> byPath = new TreeMap<>();
  private final Optional<ElToritoCatalog> catalog;
  private final List<BootImage> bootImages;

  private IsoImage(ImageChannel image) {
    this.image = image;
    this.descriptors = readDescriptors(image);
    this.primary =
        descriptors.stream()
            .filter(d -> d.type() == VolumeDescriptor.TYPE_PRIMARY)
            .map(PrimaryVolumeDescriptor.class::cast)
            .findFirst()
            .orElseThrow(
                () ->
                    new VerificationException(
                        image.path() + " has no primary volume descriptor; the ISO is damaged"));
    long volumeBytes = primary.volumeSpaceSize() * Extent.BLOCK;
    if (volumeBytes > image.size()) {
      throw new VerificationException(
          image.path()
              + " is truncated: its volume holds "
              + volumeBytes
              + " bytes but the file has "
              + image.size()
              + "; obtain the complete image again");
    }
    Optional<PrimaryVolumeDescriptor> joliet = joliet();
    this.nameSource = IsoTreeReader.nameSource(image, primary, joliet.isPresent());
    PrimaryVolumeDescriptor treeRoot =
        nameSource == NameSource.JOLIET ? joliet.orElseThrow() : primary;
    this.entries = IsoTreeReader.read(image, treeRoot, nameSource);
    entries.forEach(e -> byPath.put(e.path(), e));
    this.catalog = readCatalog();
    this.bootImages = catalog.map(c -> BootImages.locate(c, entries, image)).orElse(List.of());
  }

  /**
   * Opens an ISO image.
   *
   * @throws InvalidInputException when the path is not a regular file
   * @throws VerificationException when the file is not an ISO 9660 image (no {@code CD001}), or is
   *     one but truncated or damaged
   */
  public static IsoImage open(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new InvalidInputException(path + " is not a file; pass the path of an ISO image");
    }
    ImageChannel channel = ImageChannel.open(path);
    try {
      return new IsoImage(channel);
    } catch (RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static List<VolumeDescriptor> readDescriptors(ImageChannel image) {
    long first = (long) FIRST_DESCRIPTOR_LBA * Extent.BLOCK;
    if (image.size() < first + VolumeDescriptor.SIZE
        || !VolumeDescriptor.looksLikeDescriptor(image.read(first, VolumeDescriptor.SIZE))) {
      throw new VerificationException(
          image.path()
              + " is not an ISO 9660 image: no volume descriptor 'CD001' at byte "
              + first
              + "; pass an ISO file");
    }
    List<VolumeDescriptor> out = new ArrayList<>();
    for (int i = 0; i < MAX_DESCRIPTORS; i++) {
      long offset = first + (long) i * VolumeDescriptor.SIZE;
      byte[] b = image.read(offset, VolumeDescriptor.SIZE);
      if (!VolumeDescriptor.looksLikeDescriptor(b)) {
        throw new VerificationException(
            image.path()
                + ": volume descriptor at block "
                + (FIRST_DESCRIPTOR_LBA + i)
                + " lacks 'CD001' before a set terminator");
      }
      VolumeDescriptor d = VolumeDescriptor.parse(b);
      out.add(d);
      if (d.type() == VolumeDescriptor.TYPE_TERMINATOR) {
        return List.copyOf(out);
      }
    }
    throw new VerificationException(
        image.path()
            + ": no volume descriptor set terminator in the "
            + "first "
            + MAX_DESCRIPTORS
            + " descriptors");
  }

  private Optional<ElToritoCatalog> readCatalog() {
    return elToritoRecord()
        .map(r -> ElToritoCatalog.parse(image.read(r.catalogLba() * Extent.BLOCK, Extent.BLOCK)));
  }

  /** The image file's path. */
  public Path path() {
    return image.path();
  }

  /** The image file's size in bytes (may exceed the volume: appended partitions, padding). */
  public long size() {
    return image.size();
  }

  /** The underlying channel, for reading raw ranges such as partitions. */
  public ImageChannel channel() {
    return image;
  }

  /** Every volume descriptor up to and including the terminator. */
  public List<VolumeDescriptor> volumeDescriptors() {
    return descriptors;
  }

  /** The primary volume descriptor. */
  public PrimaryVolumeDescriptor primary() {
    return primary;
  }

  /** The Joliet supplementary volume descriptor, when there is one. */
  public Optional<PrimaryVolumeDescriptor> joliet() {
    return descriptors.stream()
        .filter(d -> d instanceof PrimaryVolumeDescriptor p && p.isJoliet())
        .map(PrimaryVolumeDescriptor.class::cast)
        .findFirst();
  }

  /** The El Torito boot record, when there is one. */
  public Optional<BootRecordDescriptor> elToritoRecord() {
    return descriptors.stream()
        .filter(d -> d instanceof BootRecordDescriptor b && b.isElTorito())
        .map(BootRecordDescriptor.class::cast)
        .findFirst();
  }

  /** Where the file names came from. */
  public NameSource nameSource() {
    return nameSource;
  }

  /** The volume id, e.g. {@code PVE}. */
  public String volumeId() {
    return primary.volumeId();
  }

  /** GRUB's {@code --fs-uuid} of the image: the volume modification date. */
  public String volumeDateUuid() {
    return primary.modified().grubUuid();
  }

  /** The ISO 9660 file system's size in bytes (volume space size times 2048). */
  public long volumeBytes() {
    return primary.volumeSpaceSize() * Extent.BLOCK;
  }

  @Override
  public List<IsoEntry> entries() {
    return entries;
  }

  @Override
  public Optional<IsoEntry> find(String path) {
    return Optional.ofNullable(byPath.get(path));
  }

  @Override
  public InputStream open(IsoEntry entry) {
    if (!entry.isFile()) {
      throw new IllegalArgumentException(entry.path() + " is not a file");
    }
    return new ExtentInputStream(image, entry.extents());
  }

  /**
   * The whole content of a file; for small files (boot images, configuration).
   *
   * @throws VerificationException when one of its extents runs past the image's end, as in a
   *     corrupt or crafted ISO
   */
  public byte[] readAllBytes(IsoEntry entry) {
    for (Extent extent : entry.extents()) {
      long end = extent.offset() + extent.length();
      if (end > image.size()) {
        throw new VerificationException(
            image.path()
                + ": "
                + entry.path()
                + " at block "
                + extent.lba()
                + " runs to byte "
                + end
                + ", beyond the image's end at "
                + image.size());
      }
    }
    if (entry.size() > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException(entry.path() + " is too large to hold in memory");
    }
    try (InputStream in = open(entry)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The SHA-256 of a file's content, lower-case hex. */
  public String sha256(IsoEntry entry) {
    try (InputStream in = new DigestInputStream(open(entry), sha256Digest())) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static MessageDigest sha256Digest() {
    return io.github.pveiso.Sha256Digest.newMessageDigest();
  }

  /** The El Torito boot catalog, when the image has an El Torito boot record. */
  public Optional<ElToritoCatalog> elTorito() {
    return catalog;
  }

  /** Each El Torito boot image with its extent, in catalog order. */
  public List<BootImage> bootImages() {
    return bootImages;
  }

  /**
   * The bytes of one boot image.
   *
   * @throws VerificationException when it has more than {@link BootImage#MAX_BYTES} or runs past
   *     the image's end
   */
  public byte[] bootImageBytes(BootImage boot) {
    if (boot.length() > BootImage.MAX_BYTES) {
      throw new VerificationException(
          image.path()
              + ": "
              + boot.describe()
              + " has "
              + boot.length()
              + " bytes, more than the "
              + BootImage.MAX_BYTES
              + " a boot image may have");
    }
    long end = boot.extent().offset() + boot.length();
    if (end > image.size()) {
      throw new VerificationException(
          image.path()
              + ": "
              + boot.describe()
              + " at block "
              + boot.lba()
              + " runs to byte "
              + end
              + ", beyond the image's end at "
              + image.size());
    }
    return image.read(boot.extent().offset(), (int) boot.length());
  }

  /** The MBR, when bytes 510..511 carry 0x55 0xAA. */
  public Optional<Mbr> mbr() {
    return Mbr.parse(image.read(0, 512));
  }

  /** The GPT, when block 1 carries {@code EFI PART}. */
  public Optional<Gpt> gpt() {
    return Gpt.read(image);
  }

  /** The Apple partition map, when there is one. */
  public Optional<ApplePartitionMap> appleMap() {
    return ApplePartitionMap.read(image);
  }

  /**
   * The EFI system partition's FAT file system: the UEFI El Torito image, else the file {@code
   * /efi.img}, else the GPT's EFI partition; empty when there is none.
   *
   * @throws VerificationException when that image is not a readable FAT file system
   */
  public Optional<FatFileSystem> efiFileSystem() {
    return EfiImage.find(this).map(e -> FatFileSystem.read(e.name(), e.bytes()));
  }

  /** The architectures the EFI image boots (by its {@code EFI/BOOT/BOOT*.EFI} loaders). */
  public List<EfiArchitecture> efiArchitectures() {
    return efiFileSystem().map(EfiArchitecture::of).orElse(List.of());
  }

  /**
   * The architecture the ISO boots, the one rule for the build and for {@code verify --boot}: the
   * EFI image's x86-64 loader, else its AArch64 loader, else a BIOS boot image (x86-64).
   *
   * @throws InvalidInputException when it has none of these
   */
  public EfiArchitecture architecture() {
    List<EfiArchitecture> efi = efiArchitectures();
    if (efi.contains(EfiArchitecture.AMD64)) {
      return EfiArchitecture.AMD64;
    }
    if (efi.contains(EfiArchitecture.ARM64)) {
      return EfiArchitecture.ARM64;
    }
    if (bootLayout().biosElTorito()) {
      return EfiArchitecture.AMD64;
    }
    throw new InvalidInputException(
        path().getFileName()
            + ": cannot tell the ISO's architecture (no EFI loader, no BIOS boot image)");
  }

  /** The boot provisions: what the writer must keep and the verifier checks. */
  public BootLayout bootLayout() {
    return BootLayoutReader.read(this);
  }

  @Override
  public void close() {
    image.close();
  }
}
