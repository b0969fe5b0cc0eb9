package io.github.pveiso.pipeline.stage;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.cache.DerivedAudit;
import io.github.pveiso.cache.DerivedCache;
import io.github.pveiso.cache.DerivedCodec;
import io.github.pveiso.cache.DerivedKey;
import io.github.pveiso.events.EventListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps the staged {@code /firmware} tree in the cache, so a warm build does not decompress the
 * firmware packages again: each regular file is a blob, a derived entry of kind {@value #KIND} (see
 * {@link FirmwareFolderEntry}) lists every entry and the warnings, keyed by {@link #key}, and a
 * derived entry of kind {@value DebFirmwareList#KIND} per package ({@link DebFirmwareList}) lists
 * what that package ships.
 *
 * <p>On a hit the tree must be exactly the merge of its packages' lists (so a tree entry that
 * credits a file to a package that does not ship it, forged with its header recomputed, is dropped:
 * issue 15, finding 11), then every blob is hashed again before use; the tree is then made of hard
 * links to the blobs (a copy where linking fails), its links recreated and its index written as the
 * step writes it. A missing or changed blob, or an entry that does not decode, is reported and the
 * packages are extracted again (which stores them again). Neither the writer nor the verifier
 * writes to a staged file, and the stage folder is deleted before it is made again, so nothing
 * writes through a link into the cache.
 *
 * <p>What this does not stop: someone who can write the cache and forges a package's list as well
 * as the tree, consistently. {@code pveiso cache verify} finds that (it reads each package again to
 * check its list); a build does not, since that would mean decompressing what the cache is there to
 * spare (see {@link DerivedCache} for the threat model).
 */
final class FirmwareFolderCache {

  /** The kind of the derived entries. */
  static final String KIND = FirmwareFolderEntry.KIND;

  /**
   * Raise whenever {@link StageFirmwareTreeStep} would stage another tree from the same packages.
   */
  static final int FORMAT = 1;

  /** The tree entries' codec; its audit checks a tree against its packages' lists. */
  static final DerivedCodec<FirmwareFolderEntry> CODEC =
      new DerivedCodec<>() {
        @Override
        public String kind() {
          return KIND;
        }

        @Override
        public int format() {
          return FORMAT;
        }

        @Override
        public byte[] encode(FirmwareFolderEntry value) throws IOException {
          return FirmwareFolderEntry.encode(value);
        }

        @Override
        public FirmwareFolderEntry decode(byte[] payload) throws IOException {
          return FirmwareFolderEntry.decode(payload);
        }

        @Override
        public Set<Sha256Digest> blobs(FirmwareFolderEntry value) {
          Set<Sha256Digest> blobs = new TreeSet<>();
          value.files().forEach(e -> blobs.add(Sha256Digest.parse(e.sha256())));
          return blobs;
        }

        @Override
        public void audit(DerivedKey key, FirmwareFolderEntry value, DerivedAudit context)
            throws IOException {
          List<FirmwareFolderEntry.Shipped> shipped = new ArrayList<>();
          for (DerivedKey.Input input : key.inputs()) {
            String[] nameVersion = input.name().split(" ", 2);
            if (nameVersion.length != 2) {
              throw new IOException("input " + input.name() + " is not '<package> <version>'");
            }
            DerivedKey list = DebFirmwareList.CODEC.key().input(input.name(), input.digest());
            shipped.add(
                new FirmwareFolderEntry.Shipped(
                    nameVersion[0],
                    nameVersion[1],
                    context
                        .read(DebFirmwareList.CODEC, list)
                        .orElseThrow(() -> new IOException(missingList(input.name())))));
          }
          check(value, shipped);
        }
      };

  private final Cache cache;
  private final DerivedCache<FirmwareFolderEntry> trees;
  private final DerivedCache<DebFirmwareList> lists;
  private final EventListener events;

  FirmwareFolderCache(Cache cache, EventListener events) {
    this.cache = cache;
    this.trees = new DerivedCache<>(cache, CODEC, events);
    this.lists = new DerivedCache<>(cache, DebFirmwareList.CODEC, events);
    this.events = events;
  }

  /** The tree of {@code sources} (in this order: the first package wins a shared path) at root. */
  FirmwareFolder stage(Path root, List<StageFirmwareTreeStep.Source> sources) {
    DerivedKey key = key(sources);
    try {
      Optional<FirmwareFolder> hit = reuse(key, sources, root);
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
    StageFirmwareTreeStep.Extracted made = new StageFirmwareTreeStep(root).extract(sources);
    store(key, sources, made);
    return made.folder();
  }

  private Optional<FirmwareFolder> reuse(
      DerivedKey key, List<StageFirmwareTreeStep.Source> sources, Path root) throws IOException {
    Optional<FirmwareFolderEntry> entry = trees.read(key, key.label());
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    List<FirmwareFolderEntry.Shipped> shipped = new ArrayList<>();
    for (StageFirmwareTreeStep.Source s : sources) {
      DerivedKey listKey = DebFirmwareList.key(s);
      Optional<DebFirmwareList> list = lists.read(listKey, listKey.label());
      if (list.isEmpty()) {
        trees.drop(key, key.label(), missingList(listKey.label()));
        return Optional.empty();
      }
      shipped.add(new FirmwareFolderEntry.Shipped(s.name(), s.version(), list.get()));
    }
    try {
      check(entry.get(), shipped);
    } catch (IOException e) {
      trees.drop(key, key.label(), String.valueOf(e.getMessage()));
      return Optional.empty();
    }
    Optional<Map<Sha256Digest, Path>> blobs = new ParallelBlobs(cache).find(entry.get().files());
    if (blobs.isEmpty()) {
      events.warn(
          "cache: a file of the firmware tree "
              + key.digest().hex()
              + " is gone; extracting again");
      return Optional.empty();
    }
    FirmwareFolder tree = new FirmwareFolderLinker(root).link(entry.get(), blobs.get());
    events.info(
        "stage: reused the firmware tree from the cache ("
            + tree.files().size()
            + " entries), same packages as before");
    return Optional.of(tree);
  }

  /** A tree must be exactly what its packages' lists make. */
  private static void check(FirmwareFolderEntry tree, List<FirmwareFolderEntry.Shipped> shipped)
      throws IOException {
    if (!FirmwareFolderEntry.merge(shipped).equals(tree)) {
      throw new IOException("its files are not what its packages ship");
    }
  }

  private static String missingList(String pkg) {
    return "the file list of " + pkg + " to check it against is missing";
  }

  private void store(
      DerivedKey key,
      List<StageFirmwareTreeStep.Source> sources,
      StageFirmwareTreeStep.Extracted made) {
    new ParallelBlobs(cache).store(made.folder());
    for (int i = 0; i < sources.size(); i++) {
      lists.write(DebFirmwareList.key(sources.get(i)), made.lists().get(i));
    }
    trees.write(key, FirmwareFolderEntry.of(made.folder()));
  }

  /**
   * The tree entry's key: kind {@value #KIND}, format {@value #FORMAT}, and per source, in the
   * order given, the .deb's digest named {@code <name> <version>}.
   */
  static DerivedKey key(List<StageFirmwareTreeStep.Source> sources) {
    DerivedKey key = CODEC.key();
    for (StageFirmwareTreeStep.Source s : sources) {
      key = key.input(s.name() + " " + s.version(), s.sha256());
    }
    return key;
  }
}
