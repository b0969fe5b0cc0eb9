package io.github.pveiso.pipeline.stage.repack;

import io.github.pveiso.VerificationException;
import io.github.pveiso.debian.DebArchive;
import io.github.pveiso.debian.DebEntry;
import io.github.pveiso.debian.DebLimits;
import io.github.pveiso.debian.Stanza;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/** Reads the firmware files and symlinks of one .deb into a {@link FirmwareTree}. */
final class FirmwareCollector {
  private final RepackSource source;
  private final String label;
  private final FirmwareTree tree;
  private final Map<String, FirmwareFile> seen = new HashMap<>();

  private FirmwareCollector(RepackSource source, FirmwareTree tree) {
    this.source = source;
    this.label = source.deb().getFileName().toString();
    this.tree = tree;
  }

  /**
   * Adds the entries of {@code source} below {@code lib/firmware} and {@code usr/lib/firmware} to
   * {@code tree} and returns how many there were (folders not counted).
   */
  static int collect(RepackSource source, FirmwareTree tree) throws IOException {
    FirmwareCollector collector = new FirmwareCollector(source, tree);
    try (InputStream in = Files.newInputStream(source.deb())) {
      DebArchive archive = DebArchive.open(collector.label, in);
      collector.checkControl(archive.control());
      archive.readData(collector::entry);
    }
    return collector.seen.size();
  }

  private void checkControl(Stanza control) {
    String name = control.get("Package", "");
    String version = control.get("Version", "");
    if (!name.equals(source.packageName()) || !version.equals(source.version())) {
      throw new VerificationException(
          label
              + ": the package inside is "
              + name
              + " "
              + version
              + ", not "
              + source.label()
              + " as expected; fetch the file again");
    }
  }

  private void entry(DebEntry entry, InputStream content) throws IOException {
    String path = entry.path();
    var below = FirmwarePaths.below(path);
    if (below.isEmpty() || below.get().isEmpty()) {
      return;
    }
    switch (entry.type()) {
      case DIRECTORY -> {}
      case FILE -> {
        DebLimits.checkFirmwareFile(label, entry);
        file(path, below.get(), entry.mode(), tree.spool(content));
      }
      case HARDLINK -> hardLink(path, below.get(), entry.linkTarget());
      case SYMLINK -> symlink(path, below.get(), entry.linkTarget());
    }
  }

  private void file(String path, String below, int mode, FirmwareTree.Spooled bytes) {
    FirmwareFile file =
        new FirmwareFile(
            below,
            DebEntry.Type.FILE,
            mode & 0777,
            bytes.size(),
            bytes.sha256(),
            "",
            source.packageName(),
            source.version(),
            path);
    seen.put(path, file);
    tree.add(file);
  }

  private void hardLink(String path, String below, String target) {
    FirmwareFile linked = seen.get(target);
    if (linked == null || linked.type() != DebEntry.Type.FILE) {
      throw new VerificationException(
          label
              + ": firmware hard link '"
              + path
              + "' -> '"
              + target
              + "' does not name an earlier firmware file; pveiso cannot repack it");
    }
    file(path, below, linked.mode(), new FirmwareTree.Spooled(linked.sha256(), linked.size()));
  }

  private void symlink(String path, String below, String target) {
    String rerooted =
        FirmwarePaths.reroot(path, target)
            .orElseThrow(
                () ->
                    new VerificationException(
                        label
                            + ": firmware symlink '"
                            + path
                            + "' -> '"
                            + target
                            + "' leads out of the firmware folder; pveiso repacks only links that"
                            + " stay inside lib/firmware"));
    FirmwareFile link =
        new FirmwareFile(
            below,
            DebEntry.Type.SYMLINK,
            0777,
            0,
            "",
            rerooted,
            source.packageName(),
            source.version(),
            path);
    seen.put(path, link);
    tree.addSymlink(link);
  }

  static String sha256(byte[] bytes) {
    return io.github.pveiso.Sha256Digest.of(bytes).toString();
  }
}
