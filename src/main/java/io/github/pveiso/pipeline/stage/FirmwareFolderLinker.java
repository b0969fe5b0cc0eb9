package io.github.pveiso.pipeline.stage;

import io.github.pveiso.Sha256Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Makes a staged {@code /firmware} tree from checked cache blobs: each file a hard link to its blob
 * (a copy when linking fails, e.g. across file systems, and for a second file with the same
 * content, so no two staged files share an inode as they do not after an extraction), each link
 * recreated, the index written as {@link StageFirmwareTreeStep} writes it.
 */
final class FirmwareFolderLinker {

  private final Path root;

  FirmwareFolderLinker(Path root) {
    this.root = root;
  }

  /**
   * The tree {@code entry} lists, made under the root (deleted first).
   *
   * @param blobs the checked blob of every file's digest
   * @throws IOException when the tree cannot be made, or an entry would put a file below a link
   */
  FirmwareFolder link(FirmwareFolderEntry entry, Map<Sha256Digest, Path> blobs) throws IOException {
    StageFirmwareTreeStep.deleteTree(root);
    Files.createDirectories(root);
    NoFollowTree tree = new NoFollowTree(root);
    Set<Sha256Digest> linked = new HashSet<>();
    for (FirmwareFolder.Entry e : entry.entries()) {
      Path target = root.resolve(e.path()).normalize();
      if (!target.startsWith(root)
          || !target.equals(root.resolve(e.path()))
          || tree.prepare(e.path()).isPresent()) {
        throw new IOException("entry " + e.path() + " would leave the tree or sit below a link");
      }
      if (e.linkTarget().isEmpty()) {
        Sha256Digest digest = Sha256Digest.parse(e.sha256());
        Path blob = blobs.get(digest);
        if (blob == null) {
          throw new IOException("no checked blob for " + e.path());
        }
        place(blob, target, linked.add(digest));
      } else {
        Files.createSymbolicLink(target, Path.of(e.linkTarget()));
      }
    }
    StageFirmwareTreeStep.writeIndex(root, entry.entries());
    return new FirmwareFolder(root, entry.entries(), entry.warnings());
  }

  private static void place(Path blob, Path target, boolean firstOfItsContent) throws IOException {
    if (firstOfItsContent) {
      try {
        Files.createLink(target, blob);
        return;
      } catch (IOException | UnsupportedOperationException e) {
        // another file system, or links refused: a copy holds the same checked bytes
      }
    }
    Files.copy(blob, target);
  }
}
