package io.github.pveiso.pipeline.stage.repack;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import io.github.pveiso.cache.DerivedAudit;
import io.github.pveiso.cache.DerivedKey;
import io.github.pveiso.debian.DebArchive;
import io.github.pveiso.debian.DebEntry;
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
 * gives. Nothing is compressed again.
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
  static void check(DerivedKey key, RepackCache.Stored stored, DerivedAudit context)
      throws IOException {
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
      files = tree.files();
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
    String version = "1.0~" + FirmwareRepacker.contentDigest(sources, files).substring(0, 12);
    if (!version.equals(stored.version()) || files.size() != stored.files()) {
      throw new IOException(
          "its packages give version " + version + " with " + files.size() + " entries");
    }
    Path repacked =
        context
            .blob(stored.deb())
            .orElseThrow(() -> new IOException("the blob " + stored.deb() + " it names is gone"));
    Map<String, String> expected = new TreeMap<>();
    for (FirmwareFile f : files) {
      expected.put(
          FirmwareFile.INSTALL_DIR + "/" + f.path(),
          f.type() == DebEntry.Type.SYMLINK
              ? "link " + f.linkTarget()
              : "file " + Integer.toOctalString(f.mode()) + " " + f.sha256());
    }
    if (!installed(repacked, version).equals(expected)) {
      throw new IOException("its package does not install what its packages ship");
    }
  }

  /** Every file and link {@code deb} installs, as {@code file <mode> <sha256>} or {@code link}. */
  private static Map<String, String> installed(Path deb, String version) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (InputStream in = Files.newInputStream(deb)) {
      DebArchive archive = DebArchive.open(deb.getFileName().toString(), in);
      control(archive, version);
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
    return out;
  }
}
