package io.github.pveiso.pipeline.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.github.pveiso.initrd.CpioArchive;
import io.github.pveiso.initrd.CpioEntry;
import io.github.pveiso.initrd.EarlyMicrocode;
import io.github.pveiso.initrd.MicrocodeFile;
import io.github.pveiso.initrd.MicrocodePackages;
import io.github.pveiso.initrd.NewcCpio;
import io.github.pveiso.initrd.NewcHeader;
import io.github.pveiso.initrd.Vendor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the early microcode archive in the cache, so a warm build does not decompress the microcode
 * packages again. The archive's bytes are a blob (hashed again on every use); a derived entry of
 * kind {@value #KIND}, keyed by {@link #key}, names it with its vendor files, marker and source
 * lines, which must be what the archive holds. A missing or changed blob, or an entry that does not
 * decode or does not match its archive, is reported and the archive is built again from the
 * packages (and stored again). {@code pveiso cache verify} builds the archive again from the
 * packages to check an entry ({@link #CODEC}'s audit): microcode packages are small.
 */
final class EarlyMicrocodeCache {

  /** The kind of the derived entries. */
  static final String KIND = "early-microcode";

  /** Raise whenever {@link EarlyMicrocode#build} would make other bytes from the same inputs. */
  static final int FORMAT = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

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

  /**
   * What an entry holds: everything of a {@link Made} but the archive, which is a blob.
   *
   * @param archive the archive's blob
   * @param marker the marker text
   * @param sources the source lines
   * @param vendors the vendor files
   */
  record Stored(
      Sha256Digest archive,
      String marker,
      List<String> sources,
      List<EarlyMicrocode.VendorFile> vendors) {
    /** Copies the lists. */
    Stored {
      sources = List.copyOf(sources);
      vendors = List.copyOf(vendors);
    }

    static Stored of(Made made, Sha256Digest archive) {
      return new Stored(archive, made.early().marker(), made.sources(), made.early().vendors());
    }
  }

  /** The entries' codec: JSON; its audit builds the archive again from the packages. */
  static final DerivedCodec<Stored> CODEC =
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
        public byte[] encode(Stored value) throws IOException {
          return EarlyMicrocodeCache.encode(value);
        }

        @Override
        public Stored decode(byte[] payload) throws IOException {
          return EarlyMicrocodeCache.decode(payload);
        }

        @Override
        public Set<Sha256Digest> blobs(Stored value) {
          return Set.of(value.archive());
        }

        @Override
        public void audit(DerivedKey key, Stored value, DerivedAudit context) throws IOException {
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
          if (!Stored.of(again, Sha256Digest.of(again.early().bytes())).equals(value)) {
            throw new IOException("it is not the archive its packages make");
          }
        }
      };

  private final Cache cache;
  private final DerivedCache<Stored> entries;
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
    entries.write(key, Stored.of(made, blob));
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
    Optional<Stored> entry = entries.read(key, key.label());
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
      Made made = load(entry.get(), Files.readAllBytes(bytes.get()), mtime);
      events.info("stage: reused the early microcode archive from the cache (" + blob.hex() + ")");
      return Optional.of(made);
    } catch (IOException | RuntimeException e) {
      // RuntimeException: the cpio reader's VerificationException
      entries.drop(key, key.label(), String.valueOf(e.getMessage()));
      return Optional.empty();
    }
  }

  static byte[] encode(Stored stored) throws IOException {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("archive", stored.archive().hex());
    doc.put("marker", stored.marker());
    ArrayNode sources = doc.putArray("sources");
    stored.sources().forEach(sources::add);
    ArrayNode vendors = doc.putArray("vendors");
    for (EarlyMicrocode.VendorFile v : stored.vendors()) {
      vendors
          .addObject()
          .put("vendor", v.vendor().name())
          .put("path", v.path())
          .put("sourceFiles", v.sourceFiles())
          .put("updates", v.updates())
          .put("droppedDuplicates", v.droppedDuplicates())
          .put("droppedOutdated", v.droppedOutdated())
          .put("size", v.size())
          .put("sha256", v.sha256());
    }
    return JSON.writeValueAsBytes(doc);
  }

  /** The entry in {@code payload}, every value checked. */
  static Stored decode(byte[] payload) throws IOException {
    JsonNode doc = FirmwareFolderEntry.json(payload);
    String archive = text(doc.get("archive"), "archive");
    if (!archive.matches("[0-9a-f]{64}")) {
      throw new IOException("archive is not a SHA-256 digest");
    }
    List<EarlyMicrocode.VendorFile> vendors = new ArrayList<>();
    for (JsonNode v : array(doc, "vendors")) {
      Vendor vendor;
      try {
        vendor = Vendor.valueOf(text(v.get("vendor"), "vendor"));
      } catch (IllegalArgumentException e) {
        throw new IOException("vendor is not one pveiso knows", e);
      }
      vendors.add(
          new EarlyMicrocode.VendorFile(
              vendor,
              text(v.get("path"), "path"),
              number(v, "sourceFiles"),
              number(v, "updates"),
              number(v, "droppedDuplicates"),
              number(v, "droppedOutdated"),
              number(v, "size"),
              text(v.get("sha256"), "sha256")));
    }
    List<String> sources = new ArrayList<>();
    for (JsonNode s : array(doc, "sources")) {
      sources.add(text(s, "source"));
    }
    return new Stored(
        new Sha256Digest(archive), text(doc.get("marker"), "marker"), sources, vendors);
  }

  /**
   * The archive from its entry and its blob's bytes, which must read back to the same bytes, have
   * every entry stamped {@code mtime} and hold the marker and vendor files the entry names.
   */
  static Made load(Stored stored, byte[] bytes, long mtime) throws IOException {
    CpioArchive archive = NewcCpio.read(new ByteArrayInputStream(bytes));
    if (!Arrays.equals(archive.record(), bytes)) {
      throw new IOException("the archive does not read back to its own bytes");
    }
    for (CpioEntry e : archive.entries()) {
      if (!e.name().equals(NewcHeader.TRAILER) && e.header().mtime() != mtime) {
        throw new IOException("the archive's " + e.name() + " is not stamped " + mtime);
      }
    }
    if (!member(archive, EarlyMicrocode.MARKER_PATH)
        .filter(m -> Arrays.equals(m, stored.marker().getBytes(StandardCharsets.UTF_8)))
        .isPresent()) {
      throw new IOException("the archive's marker is not the entry's");
    }
    for (EarlyMicrocode.VendorFile v : stored.vendors()) {
      Optional<byte[]> data = member(archive, v.path());
      if (data.isEmpty()
          || data.get().length != v.size()
          || !Sha256Digest.of(data.get()).hex().equals(v.sha256())) {
        throw new IOException("the archive's " + v.path() + " is not the entry's");
      }
    }
    return new Made(
        new EarlyMicrocode(archive, stored.vendors(), stored.marker()), stored.sources());
  }

  private static Optional<byte[]> member(CpioArchive archive, String name) {
    return archive.entries().stream()
        .filter(e -> e.name().equals(name))
        .map(CpioEntry::data)
        .findFirst();
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

  private static JsonNode array(JsonNode doc, String field) throws IOException {
    JsonNode list = doc.path(field);
    if (!list.isArray()) {
      throw new IOException(field + " is missing");
    }
    return list;
  }

  private static int number(JsonNode v, String field) throws IOException {
    JsonNode n = v.path(field);
    if (!n.canConvertToInt() || !n.isIntegralNumber()) {
      throw new IOException(field + " is not a number");
    }
    return n.intValue();
  }

  private static String text(@org.jspecify.annotations.Nullable JsonNode node, String what)
      throws IOException {
    if (node == null || !node.isTextual()) {
      throw new IOException(what + " is missing or not a string");
    }
    return node.textValue();
  }
}
