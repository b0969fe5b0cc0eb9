package io.github.pveiso.initrd;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The early microcode archive: an uncompressed newc cpio holding {@code
 * kernel/x86/microcode/GenuineIntel.bin} and/or {@code AuthenticAMD.bin}, which the kernel reads
 * before it unpacks the rest of the initrd.
 *
 * <p>Built as Debian's initramfs-tools hooks build it: {@code AuthenticAMD.bin} is the {@code
 * *.bin} files of amd64-microcode's {@code /lib/firmware/amd-ucode} joined in name order (what the
 * amd64-microcode hook does with {@code cat}); {@code GenuineIntel.bin} is every update of
 * intel-microcode's {@code /lib/firmware/intel-ucode} without duplicates (what iucode_tool does for
 * the intel-microcode hook, see {@link IntelMicrocode}).
 *
 * <p>The archive carries a marker file {@value #MARKER_PATH} so a later run recognises it: its
 * first line is {@value #MARKER_FIRST_LINE}, then one {@code source} line per package the caller
 * named, then one line per vendor file with its size and SHA-256. The kernel ignores the file.
 *
 * @param archive the archive
 * @param vendors what each vendor file holds, in {@link Vendor} order
 * @param marker the marker file's text
 */
public record EarlyMicrocode(CpioArchive archive, List<VendorFile> vendors, String marker) {

  /** The folder of the early microcode files inside the archive. */
  public static final String MICROCODE_DIR = "kernel/x86/microcode";

  /** The marker file that says pveiso wrote the archive. */
  public static final String MARKER_PATH = MICROCODE_DIR + "/.pveiso";

  /** The name of the directory entry that aligns GenuineIntel.bin, before its variable end. */
  public static final String ALIGN_PREFIX = MICROCODE_DIR + "/GenuineIntel.align.";

  /** The first line of the marker file (its format version is the number). */
  public static final String MARKER_FIRST_LINE = "pveiso-early-microcode 1";

  /** Copies the list. */
  public EarlyMicrocode {
    vendors = List.copyOf(vendors);
  }

  /**
   * One vendor's file in the archive.
   *
   * @param vendor the vendor
   * @param path its path in the archive
   * @param sourceFiles how many package files went into it
   * @param updates how many microcode updates it holds (Intel), or containers (AMD)
   * @param droppedDuplicates Intel updates dropped because an identical one came first
   * @param droppedOutdated Intel updates dropped because a higher revision exists
   * @param size its size in bytes
   * @param sha256 its SHA-256, hex
   */
  public record VendorFile(
      Vendor vendor,
      String path,
      int sourceFiles,
      int updates,
      int droppedDuplicates,
      int droppedOutdated,
      long size,
      String sha256) {}

  /**
   * Builds the archive from the files of the microcode packages.
   *
   * @param packageFiles files from intel-microcode and/or amd64-microcode (others are ignored, see
   *     {@link MicrocodeFile#vendor()})
   * @param sources lines naming where the files came from, e.g. {@code
   *     intel-microcode=3.20251111.1~deb12u1}, written into the marker
   * @param mtime the time stamp of every entry, seconds since the epoch
   * @throws InvalidInputException when no file is microcode for either vendor
   * @throws VerificationException when a microcode file is not valid
   */
  public static EarlyMicrocode build(
      List<MicrocodeFile> packageFiles, List<String> sources, long mtime) {
    Map<Vendor, List<MicrocodeFile>> byVendor = new EnumMap<>(Vendor.class);
    for (MicrocodeFile file : packageFiles) {
      file.vendor().ifPresent(v -> byVendor.computeIfAbsent(v, k -> new ArrayList<>()).add(file));
    }
    if (byVendor.isEmpty()) {
      throw new InvalidInputException(
          "none of the "
              + packageFiles.size()
              + " files given for early microcode is under lib/firmware/intel-ucode/ or"
              + " lib/firmware/amd-ucode/*.bin; pass the files of intel-microcode or"
              + " amd64-microcode");
    }
    List<NewcCpio.Member> members = new ArrayList<>();
    members.add(NewcCpio.Member.directory("kernel"));
    members.add(NewcCpio.Member.directory("kernel/x86"));
    members.add(NewcCpio.Member.directory(MICROCODE_DIR));
    List<VendorFile> vendors = new ArrayList<>();
    StringBuilder marker = new StringBuilder(MARKER_FIRST_LINE).append('\n');
    sources.forEach(source -> marker.append("source ").append(source.strip()).append('\n'));
    for (Map.Entry<Vendor, List<MicrocodeFile>> entry : byVendor.entrySet()) {
      List<MicrocodeFile> files = new ArrayList<>(entry.getValue());
      files.sort(Comparator.comparing(MicrocodeFile::name, NewcCpio::compareBytes));
      VendorFile vendorFile = join(entry.getKey(), files, members);
      vendors.add(vendorFile);
      marker.append(
          String.format(
              "%s %d sha256:%s%n", vendorFile.path(), vendorFile.size(), vendorFile.sha256()));
    }
    String markerText = marker.toString();
    members.add(NewcCpio.Member.file(MARKER_PATH, markerText.getBytes(StandardCharsets.UTF_8)));
    return new EarlyMicrocode(alignIntel(members, mtime), vendors, markerText);
  }

  /**
   * Writes the archive so that {@code GenuineIntel.bin}'s data starts at a multiple of 16 bytes:
   * the kernel's early loader hands the processor the address of an update inside the initrd, and
   * Intel's loader wants update data 16-byte aligned (iucode_tool aligns for the same reason). A
   * directory {@value #ALIGN_PREFIX}... whose name length is chosen sorts right before it.
   */
  static CpioArchive alignIntel(List<NewcCpio.Member> members, long mtime) {
    CpioArchive plain = NewcCpio.write(members, mtime);
    if (!plain.names().contains(Vendor.INTEL.earlyPath())) {
      return plain;
    }
    for (int extra = 0; extra < 16; extra++) {
      List<NewcCpio.Member> padded = new ArrayList<>(members);
      padded.add(NewcCpio.Member.directory(ALIGN_PREFIX + "0123456789abcdef".substring(0, extra)));
      CpioArchive archive = NewcCpio.write(padded, mtime);
      if (archive.dataOffset(Vendor.INTEL.earlyPath()) % 16 == 0) {
        return archive;
      }
    }
    throw new IllegalStateException("no alignment entry name aligns GenuineIntel.bin to 16 bytes");
  }

  private static VendorFile join(
      Vendor vendor, List<MicrocodeFile> files, List<NewcCpio.Member> members) {
    byte[] data;
    int updates;
    int duplicates = 0;
    int outdated = 0;
    if (vendor == Vendor.INTEL) {
      IntelMicrocode.Bundle bundle = IntelMicrocode.bundle(files);
      data = bundle.data();
      updates = bundle.updates();
      duplicates = bundle.duplicates();
      outdated = bundle.outdated();
    } else {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (MicrocodeFile file : files) {
        AmdMicrocode.check(file);
        out.writeBytes(file.data());
      }
      data = out.toByteArray();
      updates = files.size();
    }
    members.add(NewcCpio.Member.file(vendor.earlyPath(), data));
    return new VendorFile(
        vendor,
        vendor.earlyPath(),
        files.size(),
        updates,
        duplicates,
        outdated,
        data.length,
        IntelMicrocode.sha256(data));
  }

  /** The archive as bytes, ready to be put in front of an initrd. */
  public byte[] bytes() {
    return archive.record();
  }

  /** The length of {@link #bytes()}. */
  public long size() {
    return archive.size();
  }

  /** Writes {@link #bytes()} to {@code out} without making them (they are megabytes). */
  public void writeTo(OutputStream out) throws IOException {
    archive.writeTo(out);
  }

  /** The SHA-256 of {@link #bytes()}, computed without making them. */
  public Sha256Digest digest() {
    MessageDigest digest = Sha256Digest.newMessageDigest();
    try {
      archive.writeTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a digest and a null stream do not fail
    }
    return Sha256Digest.of(digest);
  }

  /**
   * Writes the initrd {@code initrd} with this archive in front to {@code out}, replacing early
   * microcode archives already at its start; the rest is streamed through unchanged.
   *
   * @see EarlyMicrocodePrepender
   */
  public PrependResult prepend(InputStream initrd, OutputStream out) throws IOException {
    return new EarlyMicrocodePrepender(this).prepend(initrd, out);
  }

  /**
   * Writes {@code initrd} with this archive in front to {@code output} (created or replaced), as
   * {@link #prepend(InputStream, OutputStream)} does.
   *
   * @throws IllegalArgumentException when both paths name the same file
   */
  public PrependResult prepend(Path initrd, Path output) throws IOException {
    if (initrd.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException(
          "early microcode: the new initrd must go to another file than " + initrd);
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(initrd));
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(output))) {
      return prepend(in, out);
    }
  }
}
