package io.github.pveiso.pipeline.stage;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.cache.DerivedAudit;
import io.github.pveiso.cache.DerivedCache;
import io.github.pveiso.cache.DerivedCodec;
import io.github.pveiso.cache.DerivedKey;
import io.github.pveiso.debian.DebArchive;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.initrd.EarlyMicrocode;
import io.github.pveiso.initrd.MicrocodeFile;
import io.github.pveiso.initrd.MicrocodePackages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the early microcode archive in the cache, so a warm build does not decompress the microcode
 * packages again. The archive's bytes are a blob (hashed again on every use); a derived entry of
 * kind {@value #KIND}, keyed by {@link #key}, names it with its vendor files, marker and source
 * lines ({@link EarlyMicrocodeEntry}), which must be what the archive holds. A missing or changed
 * blob, or an entry that does not decode or does not match its archive, is reported and the archive
 * is built again from the packages (and stored again). {@code pveiso cache verify} builds the
 * archive again from the packages to check an entry ({@link #CODEC}'s audit): microcode packages
 * are small.
 */
final class EarlyMicrocodeCache {

  /** The kind of the derived entries. */
  static final String KIND = "early-microcode";

  /** Raise whenever {@link EarlyMicrocode#build} would make other bytes from the same inputs. */
  static final int FORMAT = 1;

  /**
   * A microcode package.
   *
   * @param name its name
   * @param version its version
   * @param deb the verified .deb
   * @param sha256 the .deb's SHA-256 as verified when it was acquired
   */
  record Source(String name, String version, Path deb, Sha256Digest sha256) {}

  /**
   * The archive and the lines naming its packages ({@code Package=Version}).
   *
   * @param early the archive
   * @param sources its packages, in the order given
   */
  record Made(EarlyMicrocode early, List<String> sources) {
    /** Copies the list. */
    Made {
      sources = List.copyOf(sources);
    }
  }

  /** The entries' codec: JSON; its audit builds the archive again from the packages. */
  static final DerivedCodec<EarlyMicrocodeEntry> CODEC =
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
        public byte[] encode(EarlyMicrocodeEntry value) throws IOException {
          return EarlyMicrocodeEntry.encode(value);
        }

        @Override
        public EarlyMicrocodeEntry decode(byte[] payload) throws IOException {
          return EarlyMicrocodeEntry.decode(payload);
        }

        @Override
        public Set<Sha256Digest> blobs(EarlyMicrocodeEntry value) {
          return Set.of(value.archive());
        }

        @Override
        public void audit(DerivedKey key, EarlyMicrocodeEntry value, DerivedAudit context)
            throws IOException {
          List<Source> sources = new ArrayList<>();
          for (DerivedKey.Input input : key.inputs()) {
            String[] nameVersion = input.name().split(" ", 2);
            Path deb =
                context
                    .blob(input.digest())
                    .orElseThrow(() -> new IOException(input.name() + " is not in the cache"));
            sources.add(
                new Source(
                    nameVersion[0],
                    nameVersion.length > 1 ? nameVersion[1] : "",
                    deb,
                    input.digest()));
          }
          if (key.params().size() != 1 || !key.params().get(0).name().equals("mtime")) {
            throw new IOException("it names no mtime");
          }
          long mtime;
          try {
            mtime = Long.parseLong(key.params().get(0).value());
          } catch (NumberFormatException e) {
            throw new IOException("its mtime is not a number", e);
          }
          Made again;
          try {
            again = make(sources, mtime);
          } catch (InvalidInputException | VerificationException e) {
            throw new IOException("its packages make no archive: " + e.getMessage(), e);
          }
          if (!EarlyMicrocodeEntry.of(again, again.early().digest()).equals(value)) {
            throw new IOException("it is not the archive its packages make");
          }
        }
      };

  private final Cache cache;
  private final DerivedCache<EarlyMicrocodeEntry> entries;
  private final EventListener events;

  EarlyMicrocodeCache(Cache cache, EventListener events) {
    this.cache = cache;
    this.entries = new DerivedCache<>(cache, CODEC, events);
    this.events = events;
  }

  /** The archive of {@code sources} with entry times {@code mtime} (seconds). */
  Made build(List<Source> sources, long mtime) throws IOException {
    DerivedKey key = key(sources, mtime);
    Optional<Made> hit = reuse(key, mtime);
    if (hit.isPresent()) {
      return hit.get();
    }
    Made made = make(sources, mtime);
    Sha256Digest blob = cache.put(made.early().bytes());
    entries.write(key, EarlyMicrocodeEntry.of(made, blob));
    return made;
  }

  private static Made make(List<Source> sources, long mtime) throws IOException {
    List<MicrocodeFile> microcode = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (Source s : sources) {
      try (InputStream in = Files.newInputStream(s.deb())) {
        DebArchive deb = DebArchive.open(s.name(), in);
        lines.add(MicrocodePackages.source(deb));
        microcode.addAll(MicrocodePackages.files(deb));
      }
    }
    return new Made(EarlyMicrocode.build(microcode, lines, mtime), lines);
  }

  private Optional<Made> reuse(DerivedKey key, long mtime) throws IOException {
    Optional<EarlyMicrocodeEntry> entry = entries.read(key, key.label());
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    Sha256Digest blob = entry.get().archive();
    Optional<Path> bytes = cache.findBlob(blob);
    if (bytes.isEmpty()) {
      events.info("stage: the cached early microcode archive is gone; building it again");
      return Optional.empty();
    }
    try {
      Made made = entry.get().load(bytes.get(), mtime);
      events.info("stage: reused the early microcode archive from the cache (" + blob.hex() + ")");
      return Optional.of(made);
    } catch (IOException | RuntimeException e) {
      // RuntimeException: the cpio reader's VerificationException
      entries.drop(key, key.label(), String.valueOf(e.getMessage()));
      return Optional.empty();
    }
  }

  /**
   * The entry's key: kind {@value #KIND}, format {@value #FORMAT}, per source in order the .deb's
   * digest named {@code <name> <version>}, and the parameter {@code mtime <seconds>}.
   */
  static DerivedKey key(List<Source> sources, long mtime) {
    DerivedKey key = CODEC.key();
    for (Source s : sources) {
      key = key.input(s.name() + " " + s.version(), s.sha256());
    }
    return key.param("mtime", mtime);
  }
}
