package io.github.pveiso.pipeline.stage.repack;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.debian.DebEntry;
import io.github.pveiso.debian.DebWriter;
import io.github.pveiso.debian.Stanza;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.proxmox.ProxmoxFirmware;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Repacks the firmware of Debian packages (whose names Proxmox's {@code pve-firmware} conflicts
 * with) into one package, {@value #PACKAGE}, that declares no relationships at all, so the
 * installer's dpkg takes it next to pve-firmware. Two layouts:
 *
 * <ul>
 *   <li>{@link #repack(List, ProxmoxFirmware, Path)} (the default, {@code firmware_precedence:
 *       proxmox}): only the firmware pve-firmware lacks, in {@value FirmwareLinkScripts#FOLDER},
 *       linked under {@code /lib/firmware/updates/} by its maintainer scripts while {@code
 *       /lib/firmware} lacks it (see {@link FirmwareLinkScripts});
 *   <li>{@link #repack(List, Path)} ({@code firmware_precedence: debian}): the same files and
 *       symlinks under {@code /lib/firmware/updates/}, where the kernel looks first, so Debian's
 *       copies shadow pve-firmware's.
 * </ul>
 *
 * <p>Its version is {@code 1.0~} and the first 12 hex digits of a SHA-256 over its content (see
 * {@link #contentDigest}, the same whatever the members' format); same sources and format, same
 * package, byte for byte (one mtime: the given {@code SOURCE_DATE_EPOCH}; see {@link RepackFormat}
 * for the format). Firmware contents are spooled to files and the package is streamed ({@link
 * DebWriter#write(Stanza, List, List, OutputStream, Path)}: its data member compressed into a
 * scratch file, then copied into the package) in both layouts: no firmware is held in memory, only
 * the compressor's fixed buffers.
 */
public final class FirmwareRepacker {
  /** The name of the repacked package. */
  public static final String PACKAGE = "pveiso-firmware";

  private final long sourceDateEpoch;
  private final DebWriter.MemberFormat format;
  private final EventListener events;

  /**
   * A repacker stamping every entry with {@code sourceDateEpoch} (seconds since 1970), writing xz
   * members (preset 6), which every dpkg reads.
   */
  public FirmwareRepacker(long sourceDateEpoch, EventListener events) {
    this(sourceDateEpoch, DebWriter.MemberFormat.xz(6), events);
  }

  /** A repacker as above whose members are compressed as {@code format}. */
  public FirmwareRepacker(
      long sourceDateEpoch, DebWriter.MemberFormat format, EventListener events) {
    this.sourceDateEpoch = sourceDateEpoch;
    this.format = format;
    this.events = events;
  }

  /** The mtime every entry gets, in seconds since 1970. */
  public long sourceDateEpoch() {
    return sourceDateEpoch;
  }

  /** How the package's members are compressed. */
  public DebWriter.MemberFormat format() {
    return format;
  }

  /**
   * Reads the firmware of every source and writes the one package into {@code outputDir} as {@code
   * pveiso-firmware_<version>_all.deb}.
   *
   * @throws io.github.pveiso.VerificationException when a .deb is malformed, is not the package it
   *     should be, or has a firmware symlink leading out of the firmware folder
   * @throws InvalidInputException when two sources ship different content at one path, or a source
   *     has no firmware at all
   */
  public RepackedFirmware repack(List<RepackSource> sources, Path outputDir) throws IOException {
    return repack(sources, Optional.empty(), outputDir);
  }

  /**
   * Like {@link #repack(List, Path)}, but Proxmox's firmware wins: the package carries only the
   * firmware {@code proxmox} lacks (see {@link FirmwareGaps}), keeps it in {@value
   * FirmwareLinkScripts#FOLDER} and links it under {@code /lib/firmware/updates} from its
   * maintainer scripts, only while {@code /lib/firmware} lacks it (see {@link
   * FirmwareLinkScripts}).
   *
   * @throws IllegalArgumentException when {@code proxmox} has every firmware of the sources
   */
  public RepackedFirmware repack(
      List<RepackSource> sources, ProxmoxFirmware proxmox, Path outputDir) throws IOException {
    return repack(sources, Optional.of(proxmox), outputDir);
  }

  private RepackedFirmware repack(
      List<RepackSource> sources, Optional<ProxmoxFirmware> gapsOf, Path outputDir)
      throws IOException {
    List<RepackSource> sorted = sorted(sources);
    Files.createDirectories(outputDir);
    Path spool = Files.createTempDirectory(outputDir, ".pveiso-firmware-spool-");
    try {
      return repack(sorted, gapsOf, outputDir, new FirmwareTree(spool), spool);
    } finally {
      deleteSpool(spool);
    }
  }

  private RepackedFirmware repack(
      List<RepackSource> sorted,
      Optional<ProxmoxFirmware> gapsOf,
      Path outputDir,
      FirmwareTree tree,
      Path spool)
      throws IOException {
    for (RepackSource source : sorted) {
      int count = FirmwareCollector.collect(source, tree);
      if (count == 0) {
        throw new InvalidInputException(
            source.label()
                + " has no files under lib/firmware or usr/lib/firmware; leave it out of the"
                + " firmware set");
      }
      events.debug("repack: " + count + " firmware entries from " + source.label());
    }
    List<FirmwareFile> files =
        gapsOf.isPresent() ? FirmwareGaps.select(tree.files(), gapsOf.get()) : tree.files();
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          gapsOf.map(ProxmoxFirmware::label).orElse("")
              + " has every firmware of the packages to repack; nothing to repack");
    }
    String version = "1.0~" + contentDigest(sorted, files, gapsOf.isPresent()).substring(0, 12);
    Path deb = outputDir.resolve(PACKAGE + "_" + version + "_all.deb");
    Path temp = Files.createTempFile(outputDir, ".pveiso-firmware-", ".tmp");
    String sha256;
    try {
      MessageDigest digest = sha256();
      try (OutputStream out =
          new DigestOutputStream(
              new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16), digest)) {
        new DebWriter(format, sourceDateEpoch)
            .write(
                control(version, sorted, gapsOf.isPresent()),
                gapsOf.isPresent() ? FirmwareLinkScripts.controlFiles() : List.of(),
                items(files, tree, gapsOf.isPresent()),
                out,
                spool);
      }
      sha256 = HexFormat.of().formatHex(digest.digest());
      Files.move(temp, deb, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
    events.info(
        "repacked "
            + files.size()
            + " firmware entries from "
            + sorted.size()
            + " package(s)"
            + gapsOf.map(p -> " that " + p.label() + " lacks").orElse(""));
    return new RepackedFirmware(deb, PACKAGE, version, sha256, Files.size(deb), sorted, files);
  }

  /** Deletes the spool folder and the files in it (it has no subfolders). */
  private static void deleteSpool(Path spool) throws IOException {
    try (Stream<Path> files = Files.list(spool)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(spool);
  }

  /**
   * The SHA-256 (hex) the version is made from: over UTF-8 lines, first {@code source <name>
   * <version>} per source sorted by name, then per entry sorted by path {@code file <path> <mode in
   * octal> <sha256>} or {@code symlink <path> <target>}. The sources are in it because the
   * description names them. When the package keeps its firmware in {@value
   * FirmwareLinkScripts#FOLDER} ({@code gaps}), two lines come first: {@code folder <folder>} and
   * {@code scripts <sha256 of postinst, postrm and triggers>}.
   */
  static String contentDigest(List<RepackSource> sources, List<FirmwareFile> files, boolean gaps) {
    StringBuilder text = new StringBuilder();
    if (gaps) {
      text.append("folder ").append(FirmwareLinkScripts.FOLDER).append('\n');
      text.append("scripts ").append(FirmwareLinkScripts.digest()).append('\n');
    }
    for (RepackSource source : sources) {
      text.append("source ").append(source.label()).append('\n');
    }
    for (FirmwareFile file : files) {
      if (file.type() == DebEntry.Type.SYMLINK) {
        text.append("symlink ").append(file.path()).append(' ').append(file.linkTarget());
      } else {
        text.append("file ").append(file.path()).append(' ');
        text.append(Integer.toOctalString(file.mode())).append(' ').append(file.sha256());
      }
      text.append('\n');
    }
    return HexFormat.of()
        .formatHex(sha256().digest(text.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static List<RepackSource> sorted(List<RepackSource> sources) {
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("no firmware packages to repack");
    }
    List<RepackSource> sorted = new ArrayList<>(sources);
    sorted.sort(Comparator.comparing(RepackSource::packageName));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).packageName().equals(sorted.get(i - 1).packageName())) {
        throw new IllegalArgumentException(
            "package given twice to repack: " + sorted.get(i).packageName());
      }
    }
    return sorted;
  }

  private static Stanza control(String version, List<RepackSource> sources, boolean gaps) {
    StringBuilder description =
        new StringBuilder("firmware repacked by pveiso from Debian packages\n");
    if (gaps) {
      description.append("Adds the firmware of these packages that pve-firmware lacks. It keeps\n");
      description.append("it in /usr/lib/pveiso-firmware and links a name in\n");
      description.append("/lib/firmware/updates only while /lib/firmware lacks it, so firmware\n");
      description.append("that a package such as pve-firmware ships always wins:\n");
    } else {
      description.append("Installs the firmware of these packages under /lib/firmware/updates,\n");
      description.append("where the kernel looks first, without conflicting with pve-firmware:\n");
    }
    for (RepackSource source : sources) {
      description.append(' ').append(source.label()).append('\n');
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("Package", PACKAGE);
    fields.put("Version", version);
    fields.put("Architecture", "all");
    fields.put("Maintainer", "pveiso");
    fields.put("Section", "non-free-firmware");
    fields.put("Priority", "optional");
    fields.put("Description", description.toString().stripTrailing());
    return Stanza.of(fields);
  }

  private static List<DebWriter.Item> items(
      List<FirmwareFile> files, FirmwareTree tree, boolean gaps) {
    List<DebWriter.Item> items = new ArrayList<>();
    for (FirmwareFile file : files) {
      String path =
          (gaps ? FirmwareLinkScripts.FOLDER : FirmwareFile.INSTALL_DIR) + "/" + file.path();
      items.add(
          file.type() == DebEntry.Type.SYMLINK
              ? DebWriter.Item.symlink(path, file.linkTarget())
              : DebWriter.Item.file(path, file.mode(), tree.content(file.sha256()), file.size()));
    }
    return items;
  }

  private static MessageDigest sha256() {
    return io.github.pveiso.Sha256Digest.newMessageDigest();
  }
}
