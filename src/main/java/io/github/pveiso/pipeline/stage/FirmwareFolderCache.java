package io.github.pveiso.pipeline.stage;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.events.EventListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the staged {@code /firmware} tree in the cache, so a warm build does not decompress the
 * firmware packages again: each regular file is a blob, and a parsed entry of kind {@value #KIND}
 * (see {@link FirmwareFolderEntry}) lists every entry and the warnings, keyed by {@link #key}.
 *
 * <p>On a hit every blob is hashed again before use; the tree is then made of hard links to the
 * blobs (a copy where linking fails), its links recreated and its index written as the step writes
 * it. A missing or changed blob, or an entry that does not decode, is reported and the packages are
 * extracted again (which stores them again). Neither the writer nor the verifier writes to a staged
 * file, and the stage folder is deleted before it is made again, so nothing writes through a link
 * into the cache.
 */
final class FirmwareFolderCache {

  /** The kind of the parsed entries. */
  static final String KIND = "firmware-folder";

  /**
   * Raise whenever {@link StageFirmwareTreeStep} would stage another tree from the same packages.
   */
  static final int FORMAT = 1;

  private final Cache cache;
  private final EventListener events;

  FirmwareFolderCache(Cache cache, EventListener events) {
    this.cache = cache;
    this.events = events;
  }

  /** The tree of {@code sources} (in this order: the first package wins a shared path) at root. */
  FirmwareFolder stage(Path root, List<StageFirmwareTreeStep.Source> sources) {
    Sha256Digest key = key(sources);
    try {
      Optional<FirmwareFolder> hit = reuse(key, root);
      if (hit.isPresent()) {
        return hit.get();
      }
    } catch (IOException e) {
      events.warn(
          "cache: cannot make the firmware tree in "
              + root
              + " from the cache ("
              + e.getMessage()
              + "); extracting the packages again");
    }
    FirmwareFolder made = new StageFirmwareTreeStep(root).call(sources);
    store(key, made);
    return made;
  }

  private Optional<FirmwareFolder> reuse(Sha256Digest key, Path root) throws IOException {
    Optional<byte[]> bytes = cache.readParsed(KIND, key);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    FirmwareFolderEntry entry;
    try {
      entry = FirmwareFolderEntry.decode(bytes.get());
    } catch (IOException e) {
      events.warn(
          "cache: "
              + KIND
              + " entry "
              + key.hex()
              + " is malformed ("
              + e.getMessage()
              + "); extracting the packages again");
      return Optional.empty();
    }
    Optional<Map<Sha256Digest, Path>> blobs = new ParallelBlobs(cache).find(entry.files());
    if (blobs.isEmpty()) {
      events.warn("cache: a file of the firmware tree " + key.hex() + " is gone; extracting again");
      return Optional.empty();
    }
    FirmwareFolder tree = new FirmwareFolderLinker(root).link(entry, blobs.get());
    events.info(
        "stage: reused the firmware tree from the cache ("
            + tree.files().size()
            + " entries), same packages as before");
    return Optional.of(tree);
  }

  private void store(Sha256Digest key, FirmwareFolder made) {
    new ParallelBlobs(cache).store(made);
    try {
      cache.writeParsed(KIND, key, FirmwareFolderEntry.encode(made));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the firmware tree " + made.root(), e);
    }
  }

  /**
   * The entry's key: the SHA-256 of UTF-8 lines {@code firmware-folder <FORMAT>}, then per source,
   * in the order given, {@code source <name> <version> <sha256 of the .deb>}.
   */
  static Sha256Digest key(List<StageFirmwareTreeStep.Source> sources) {
    StringBuilder text = new StringBuilder();
    text.append(KIND).append(' ').append(FORMAT).append('\n');
    for (StageFirmwareTreeStep.Source s : sources) {
      text.append("source ")
          .append(s.name())
          .append(' ')
          .append(s.version())
          .append(' ')
          .append(s.sha256().hex())
          .append('\n');
    }
    return Sha256Digest.of(text.toString().getBytes(StandardCharsets.UTF_8));
  }
}
