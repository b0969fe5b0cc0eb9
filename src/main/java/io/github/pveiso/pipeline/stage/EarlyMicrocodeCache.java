package io.github.pveiso.pipeline.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.debian.DebArchive;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.initrd.CpioArchive;
import io.github.pveiso.initrd.EarlyMicrocode;
import io.github.pveiso.initrd.MicrocodeFile;
import io.github.pveiso.initrd.MicrocodePackages;
import io.github.pveiso.initrd.NewcCpio;
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

/**
 * Keeps the early microcode archive in the cache, so a warm build does not decompress the microcode
 * packages again. The archive's bytes are a blob (hashed again on every use); a parsed entry of
 * kind {@value #KIND}, keyed by {@link #key}, names it with its vendor files, marker and source
 * lines. A missing or changed blob, or an entry that does not decode, is reported and the archive
 * is built again from the packages (and stored again).
 */
final class EarlyMicrocodeCache {

  /** The kind of the parsed entries. */
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

  private final Cache cache;
  private final EventListener events;

  EarlyMicrocodeCache(Cache cache, EventListener events) {
    this.cache = cache;
    this.events = events;
  }

  /** The archive of {@code sources} with entry times {@code mtime} (seconds). */
  Made build(List<Source> sources, long mtime) throws IOException {
    Sha256Digest key = key(sources, mtime);
    Optional<Made> hit = reuse(key);
    if (hit.isPresent()) {
      return hit.get();
    }
    List<MicrocodeFile> microcode = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (Source s : sources) {
      try (InputStream in = Files.newInputStream(s.deb())) {
        DebArchive deb = DebArchive.open(s.name(), in);
        lines.add(MicrocodePackages.source(deb));
        microcode.addAll(MicrocodePackages.files(deb));
      }
    }
    Made made = new Made(EarlyMicrocode.build(microcode, lines, mtime), lines);
    Sha256Digest blob = cache.put(made.early().bytes());
    cache.writeParsed(KIND, key, encode(made, blob));
    return made;
  }

  private Optional<Made> reuse(Sha256Digest key) throws IOException {
    Optional<byte[]> entry = cache.readParsed(KIND, key);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    JsonNode doc;
    Sha256Digest blob;
    try {
      doc = JSON.readTree(entry.get());
      blob = Sha256Digest.parse(text(doc == null ? null : doc.path("archive"), "archive"));
    } catch (IOException | IllegalArgumentException e) {
      events.warn("cache: " + KIND + " entry " + key.hex() + " is malformed; building it again");
      return Optional.empty();
    }
    Optional<Path> bytes = cache.findBlob(blob);
    if (bytes.isEmpty()) {
      events.info("stage: the cached early microcode archive is gone; building it again");
      return Optional.empty();
    }
    try {
      Made made = decode(doc, Files.readAllBytes(bytes.get()));
      events.info("stage: reused the early microcode archive from the cache (" + blob.hex() + ")");
      return Optional.of(made);
    } catch (IOException | RuntimeException e) {
      // RuntimeException: the cpio reader's VerificationException, an unknown vendor
      events.warn(
          "cache: "
              + KIND
              + " entry "
              + key.hex()
              + " does not decode ("
              + e.getMessage()
              + "); building it again");
      return Optional.empty();
    }
  }

  static byte[] encode(Made made, Sha256Digest blob) throws IOException {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("archive", blob.hex());
    doc.put("marker", made.early().marker());
    ArrayNode sources = doc.putArray("sources");
    made.sources().forEach(sources::add);
    ArrayNode vendors = doc.putArray("vendors");
    for (EarlyMicrocode.VendorFile v : made.early().vendors()) {
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

  /** The archive from its entry and its blob's bytes, which must read back to the same bytes. */
  static Made decode(JsonNode doc, byte[] bytes) throws IOException {
    CpioArchive archive = NewcCpio.read(new ByteArrayInputStream(bytes));
    if (!Arrays.equals(archive.record(), bytes)) {
      throw new IOException("the archive does not read back to its own bytes");
    }
    List<EarlyMicrocode.VendorFile> vendors = new ArrayList<>();
    for (JsonNode v : array(doc, "vendors")) {
      vendors.add(
          new EarlyMicrocode.VendorFile(
              Vendor.valueOf(text(v.get("vendor"), "vendor")),
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
    return new Made(
        new EarlyMicrocode(archive, vendors, text(doc.get("marker"), "marker")), sources);
  }

  /**
   * The entry's key: the SHA-256 of UTF-8 lines {@code early-microcode <FORMAT>}, {@code mtime
   * <seconds>}, then per source in order {@code source <name> <version> <sha256 of the .deb>}.
   */
  static Sha256Digest key(List<Source> sources, long mtime) {
    StringBuilder text = new StringBuilder();
    text.append(KIND).append(' ').append(FORMAT).append('\n');
    text.append("mtime ").append(mtime).append('\n');
    for (Source s : sources) {
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
