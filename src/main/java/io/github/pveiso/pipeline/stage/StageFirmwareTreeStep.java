package io.github.pveiso.pipeline.stage;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import io.github.pveiso.debian.DebArchive;
import io.github.pveiso.debian.DebEntry;
import io.github.pveiso.debian.DebLimits;
import io.github.pveiso.pipeline.stage.repack.FirmwarePaths;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Stages the {@code iso} target: the firmware files of every package planned for it, laid out like
 * {@code /lib/firmware} (links kept as links; absolute link targets made relative so they resolve
 * inside the tree), plus an index {@code Contents-firmware} mapping each path to its package and
 * version, like Debian's. The Proxmox installer does not read this folder.
 */
final class StageFirmwareTreeStep {

  /**
   * A package to take firmware from.
   *
   * @param name its name
   * @param version its version
   * @param deb the verified .deb
   * @param sha256 the .deb's SHA-256 as verified when it was acquired (keys the cache)
   */
  record Source(String name, String version, Path deb, Sha256Digest sha256) {}

  private final Path root;
  private final NoFollowTree tree;

  StageFirmwareTreeStep(Path root) {
    this.root = root;
    this.tree = new NoFollowTree(root);
  }

  /**
   * A staged tree and what each source put into it before packages were merged.
   *
   * @param folder the tree
   * @param lists per source, in the order given
   */
  record Extracted(FirmwareFolder folder, List<DebFirmwareList> lists) {}

  FirmwareFolder call(List<Source> sources) {
    return extract(sources).folder();
  }

  /** Stages the tree of {@code sources} (the first package wins a shared path). */
  Extracted extract(List<Source> sources) {
    Map<String, FirmwareFolder.Entry> entries = new TreeMap<>();
    List<String> warnings = new ArrayList<>();
    List<DebFirmwareList> lists = new ArrayList<>();
    try {
      // a tree left by an earlier build goes first: nothing stale reaches the ISO, and no write
      // below can go through a hard link into the cache
      deleteTree(root);
      Files.createDirectories(root);
      for (Source source : sources) {
        ShippedFiles shipped = new ShippedFiles();
        try (InputStream in = Files.newInputStream(source.deb())) {
          DebArchive.open(source.name(), in)
              .readData(
                  (entry, content) -> take(source, entry, content, entries, warnings, shipped));
        } finally {
          shipped.deleteSetAside();
        }
        lists.add(new DebFirmwareList(shipped.items()));
      }
      writeIndex(root, entries.values());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot stage the firmware tree in " + root + ": " + e.getMessage(), e);
    }
    return new Extracted(new FirmwareFolder(root, List.copyOf(entries.values()), warnings), lists);
  }

  private void take(
      Source source,
      DebEntry entry,
      InputStream content,
      Map<String, FirmwareFolder.Entry> entries,
      List<String> warnings,
      ShippedFiles shipped)
      throws IOException {
    if (entry.type() == DebEntry.Type.DIRECTORY) {
      return;
    }
    var relative = FirmwarePaths.below(entry.path()).filter(p -> !p.isEmpty());
    if (relative.isEmpty()) {
      return;
    }
    String rel = relative.get();
    Path target = root.resolve(rel).normalize();
    if (!target.startsWith(root)) {
      return; // DebArchive already refuses escaping names; this is a second fence
    }
    FirmwareFolder.Entry made;
    if (entry.type() == DebEntry.Type.SYMLINK) {
      // a link into the firmware folder is made relative so it resolves on the ISO too
      String link =
          FirmwarePaths.reroot(entry.path(), entry.linkTarget()).orElse(entry.linkTarget());
      made = new FirmwareFolder.Entry(rel, link, "", 0, source.name(), source.version());
      shipped.list(made);
      if (!FirmwareFolderEntry.keepFirst(rel, made, entries, warnings)) {
        return;
      }
      prepare(source, entry, rel, entries);
      Files.deleteIfExists(target);
      Files.createSymbolicLink(target, Path.of(link));
    } else {
      DebLimits.checkFirmwareFile(source.name(), entry);
      Path temp = Files.createTempFile(root, ".stage", ".tmp");
      MessageDigest sha = sha256();
      long size;
      try (InputStream in = contentOf(source, entry, content, shipped);
          OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha)) {
        size = in.transferTo(out);
      } catch (IOException | RuntimeException e) {
        Files.delete(temp);
        throw e;
      }
      made =
          new FirmwareFolder.Entry(
              rel,
              "",
              HexFormat.of().formatHex(sha.digest()),
              size,
              source.name(),
              source.version());
      shipped.list(made);
      if (!FirmwareFolderEntry.keepFirst(rel, made, entries, warnings)) {
        shipped.setAside(entry.path(), temp);
        return;
      }
      try {
        prepare(source, entry, rel, entries);
      } catch (VerificationException e) {
        Files.delete(temp);
        throw e;
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      shipped.put(entry.path(), target);
    }
    entries.put(rel, made);
  }

  /**
   * A file's content; for a hard link, a copy of the firmware file it names (so that no two staged
   * files share an inode, as after the cached path), which must be one this package shipped.
   */
  private static InputStream contentOf(
      Source source, DebEntry entry, InputStream content, ShippedFiles shipped) throws IOException {
    if (entry.type() != DebEntry.Type.HARDLINK) {
      return new FilterInputStream(content) {
        @Override
        public void close() {} // the archive's stream: the archive closes it
      };
    }
    Path linked = shipped.get(entry.linkTarget());
    if (linked == null) {
      throw new VerificationException(
          source.name()
              + ": firmware hard link '"
              + entry.path()
              + "' -> '"
              + entry.linkTarget()
              + "' names a file outside the firmware folder (lib/firmware, usr/lib/firmware);"
              + " pveiso stages only firmware");
    }
    return Files.newInputStream(linked);
  }

  /**
   * Makes the parents of {@code rel} as real folders, or refuses the entry when a link, a file or a
   * folder is in the way: no write goes through a link, whichever package made it.
   */
  private void prepare(
      Source source, DebEntry entry, String rel, Map<String, FirmwareFolder.Entry> entries)
      throws IOException {
    Optional<String> blocker = tree.prepare(rel);
    if (blocker.isEmpty()) {
      return;
    }
    String where = source.name() + ": entry '" + entry.path() + "'";
    if (blocker.get().equals(rel)) {
      throw new VerificationException(
          where + " would replace the folder /firmware/" + rel + " that other entries are in");
    }
    FirmwareFolder.Entry owner = entries.get(blocker.get());
    throw new VerificationException(
        where
            + " would be staged below /firmware/"
            + blocker.get()
            + (owner == null
                ? ", which is not a folder"
                : owner.linkTarget().isEmpty()
                    ? ", a file from " + owner.pkg()
                    : ", a symlink from " + owner.pkg())
            + "; pveiso never writes through a link");
  }

  /**
   * Writes the index {@value FirmwareFolder#INDEX} of {@code entries} into {@code root}, through a
   * temp file moved into place (never through an existing file, which may be a hard link).
   */
  static void writeIndex(Path root, Collection<FirmwareFolder.Entry> entries) throws IOException {
    StringBuilder text = new StringBuilder();
    text.append("# pveiso: firmware files on this ISO and the Debian package each came from.\n");
    text.append("# The Proxmox installer does not read this folder.\n");
    for (FirmwareFolder.Entry e : entries) {
      text.append(e.path())
          .append(' ')
          .append(e.pkg())
          .append(' ')
          .append(e.version())
          .append('\n');
    }
    Path temp = Files.createTempFile(root, ".index", ".tmp");
    Files.writeString(temp, text, StandardCharsets.UTF_8);
    Files.move(temp, root.resolve(FirmwareFolder.INDEX), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Deletes {@code dir} and everything under it, links as links (never what they point at). */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, @Nullable IOException e)
              throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static MessageDigest sha256() {
    return io.github.pveiso.Sha256Digest.newMessageDigest();
  }
}
