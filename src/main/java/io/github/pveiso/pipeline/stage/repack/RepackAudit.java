package io.github.pveiso.pipeline.stage.repack;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import io.github.pveiso.cache.DerivedAudit;
import io.github.pveiso.cache.DerivedKey;
import io.github.pveiso.debian.DebArchive;
import io.github.pveiso.debian.DebEntry;
import io.github.pveiso.debian.DebWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Checks a {@link RepackCache} entry's package: cheaply on every warm build (its control names
 * {@value FirmwareRepacker#PACKAGE} at the entry's version, so an entry cannot name another blob of
 * the cache), and fully for {@code pveiso cache verify}: the source packages are read again and the
 * repacked one must install exactly their firmware files and links, with the version their content
 * gives, and carry no control file but {@code control} and {@code md5sums}. Nothing is compressed
 * again.
 *
 * <p>For the package of what pve-firmware lacks (its key has the parameters {@code folder}, {@code
 * scripts} and {@code proxmox-firmware}), the check is the same against what the build selected:
 * the key's {@code folder} and {@code scripts} must be what this pveiso writes, the pve-firmware
 * list the entry holds must have the digest the key's {@code proxmox-firmware} names (the list a
 * build looks the entry up with), {@link FirmwareGaps} picks from the sources' firmware what that
 * list lacks, and the package must install exactly those entries under {@value
 * FirmwareLinkScripts#FOLDER}, with the version they give, and carry exactly {@code control},
 * {@code md5sums} and the {@code postinst}, {@code postrm} and {@code triggers} of {@link
 * FirmwareLinkScripts}, byte for byte.
 */
final class RepackAudit {

  private RepackAudit() {}

  /**
   * Checks that {@code deb}'s control names {@value FirmwareRepacker#PACKAGE} {@code version}.
   *
   * @throws IOException when it does not
   * @throws VerificationException when it is not a readable .deb
   */
  static void checkControl(Path deb, String version) throws IOException {
    try (InputStream in = Files.newInputStream(deb)) {
      control(DebArchive.open(deb.getFileName().toString(), in), version);
    }
  }

  private static void control(DebArchive archive, String version) throws IOException {
    String name = archive.control().get("Package", "");
    String has = archive.control().get("Version", "");
    if (!name.equals(FirmwareRepacker.PACKAGE) || !has.equals(version)) {
      throw new IOException(
          "its package is "
              + name
              + " "
              + has
              + ", not "
              + FirmwareRepacker.PACKAGE
              + " "
              + version);
    }
  }

  /** The full check for {@code cache verify} (see the class documentation). */
  static void check(DerivedKey key, RepackEntry stored, DerivedAudit context) throws IOException {
    boolean gaps = gaps(key, stored);
    List<RepackSource> sources = new ArrayList<>();
    for (DerivedKey.Input input : key.inputs()) {
      String[] nameVersion = input.name().split(" ", 2);
      if (nameVersion.length != 2) {
        throw new IOException("input " + input.name() + " is not '<package> <version>'");
      }
      Path deb =
          context
              .blob(input.digest())
              .orElseThrow(() -> new IOException(input.name() + " is not in the cache"));
      sources.add(
          new RepackSource(deb, nameVersion[0], nameVersion[1], Optional.of(input.digest())));
    }
    Path spool = Files.createTempDirectory(context.scratch(), ".pveiso-audit-spool-");
    List<FirmwareFile> files;
    try {
      FirmwareTree tree = new FirmwareTree(spool);
      for (RepackSource source : sources) {
        FirmwareCollector.collect(source, tree);
      }
      files = gaps ? FirmwareGaps.select(tree.files(), stored.gapsOf().get()) : tree.files();
    } catch (InvalidInputException | VerificationException e) {
      throw new IOException("its packages cannot be repacked: " + e.getMessage(), e);
    } finally {
      try (java.util.stream.Stream<Path> spooled = Files.list(spool)) {
        for (Path f : (Iterable<Path>) spooled::iterator) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(spool);
    }
    String version = "1.0~" + FirmwareRepacker.contentDigest(sources, files, gaps).substring(0, 12);
    if (!version.equals(stored.version()) || files.size() != stored.files()) {
      throw new IOException(
          "its packages give version " + version + " with " + files.size() + " entries");
    }
    Path repacked =
        context
            .blob(stored.deb())
            .orElseThrow(() -> new IOException("the blob " + stored.deb() + " it names is gone"));
    String folder = gaps ? FirmwareLinkScripts.FOLDER : FirmwareFile.INSTALL_DIR;
    Map<String, String> expected = new TreeMap<>();
    for (FirmwareFile f : files) {
      expected.put(
          folder + "/" + f.path(),
          f.type() == DebEntry.Type.SYMLINK
              ? "link " + f.linkTarget()
              : "file " + Integer.toOctalString(f.mode()) + " " + f.sha256());
    }
    Map<String, String> scripts = new TreeMap<>();
    if (gaps) {
      for (DebWriter.Item script : FirmwareLinkScripts.controlFiles()) {
        try (InputStream in = script.content().open()) {
          scripts.put(script.path(), Sha256Digest.of(in.readAllBytes()).hex());
        }
      }
    }
    Installed installed = installed(repacked, version);
    if (!installed.files().equals(expected)) {
      throw new IOException("its package does not install what its packages ship");
    }
    if (!installed.scripts().equals(scripts)) {
      throw new IOException(
          "its package's control files "
              + installed.scripts().keySet()
              + " are not the ones pveiso writes "
              + scripts.keySet());
    }
  }

  /**
   * True when the entry is of the package of what pve-firmware lacks: its key has the three gaps
   * parameters with the values this pveiso writes, and the entry holds a list of that digest.
   *
   * @throws IOException when the key and the entry disagree on it
   */
  private static boolean gaps(DerivedKey key, RepackEntry stored) throws IOException {
    Map<String, String> params = new TreeMap<>();
    key.params().forEach(p -> params.put(p.name(), p.value()));
    if (!params.containsKey("folder")
        && !params.containsKey("scripts")
        && !params.containsKey("proxmox-firmware")) {
      if (stored.gapsOf().isPresent()) {
        throw new IOException("it holds a pve-firmware list but its key names none");
      }
      return false;
    }
    if (!FirmwareLinkScripts.FOLDER.equals(params.get("folder"))
        || !FirmwareLinkScripts.digest().equals(params.get("scripts"))) {
      throw new IOException(
          "its key names another folder or other maintainer scripts than this pveiso writes");
    }
    if (stored.gapsOf().isEmpty()
        || !stored.gapsOf().get().digest().hex().equals(params.get("proxmox-firmware"))) {
      throw new IOException("it holds another pve-firmware list than its key names");
    }
    return true;
  }

  /**
   * What a package installs and its control files besides {@code control} and {@code md5sums}.
   *
   * @param files every file and link, as {@code file <mode> <sha256>} or {@code link <target>}
   * @param scripts the SHA-256 (hex) of each other control file, by name
   */
  private record Installed(Map<String, String> files, Map<String, String> scripts) {}

  /** What {@code deb} installs (see {@link Installed}). */
  private static Installed installed(Path deb, String version) throws IOException {
    Map<String, String> out = new TreeMap<>();
    Map<String, String> scripts = new TreeMap<>();
    try (InputStream in = Files.newInputStream(deb)) {
      DebArchive archive = DebArchive.open(deb.getFileName().toString(), in);
      control(archive, version);
      archive
          .controlFiles()
          .forEach(
              (name, bytes) -> {
                if (!name.equals("control") && !name.equals("md5sums")) {
                  scripts.put(name, Sha256Digest.of(bytes).hex());
                }
              });
      archive.readData(
          (entry, content) -> {
            switch (entry.type()) {
              case DIRECTORY -> {}
              case SYMLINK -> out.put(entry.path(), "link " + entry.linkTarget());
              case FILE ->
                  out.put(
                      entry.path(),
                      "file "
                          + Integer.toOctalString(entry.mode() & 0777)
                          + " "
                          + Sha256Digest.of(content).hex());
              case HARDLINK -> out.put(entry.path(), "hard link " + entry.linkTarget());
            }
          });
    } catch (VerificationException e) {
      throw new IOException("its package cannot be read: " + e.getMessage(), e);
    }
    return new Installed(out, scripts);
  }
}
