package io.github.pveiso.pipeline.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.initrd.CpioArchive;
import io.github.pveiso.initrd.CpioEntry;
import io.github.pveiso.initrd.EarlyMicrocode;
import io.github.pveiso.initrd.NewcCpio;
import io.github.pveiso.initrd.NewcHeader;
import io.github.pveiso.initrd.Vendor;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@link EarlyMicrocodeCache} stores for one archive: everything of a {@link
 * EarlyMicrocodeCache.Made} but the archive's bytes, which are a blob. A JSON object {@code
 * {"archive", "marker", "sources": [...], "vendors": [{"vendor", "path", "sourceFiles", "updates",
 * "droppedDuplicates", "droppedOutdated", "size", "sha256"}...]}}; decoding checks every value.
 *
 * @param archive the archive's blob
 * @param marker the marker text
 * @param sources the source lines
 * @param vendors the vendor files
 */
record EarlyMicrocodeEntry(
    Sha256Digest archive,
    String marker,
    List<String> sources,
    List<EarlyMicrocode.VendorFile> vendors) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Copies the lists. */
  EarlyMicrocodeEntry {
    sources = List.copyOf(sources);
    vendors = List.copyOf(vendors);
  }

  /** The entry of {@code made}, whose archive is the blob {@code archive}. */
  static EarlyMicrocodeEntry of(EarlyMicrocodeCache.Made made, Sha256Digest archive) {
    return new EarlyMicrocodeEntry(
        archive, made.early().marker(), made.sources(), made.early().vendors());
  }

  static byte[] encode(EarlyMicrocodeEntry stored) throws IOException {
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
  static EarlyMicrocodeEntry decode(byte[] payload) throws IOException {
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
    return new EarlyMicrocodeEntry(
        new Sha256Digest(archive), text(doc.get("marker"), "marker"), sources, vendors);
  }

  /**
   * The archive from this entry and its blob, which must hold one archive that writes back to the
   * bytes the entry names ({@link #archive}), have every entry stamped {@code mtime} and hold the
   * marker and vendor files the entry names. The blob is read once, in pieces: the archive's files
   * are its only copy in memory.
   */
  EarlyMicrocodeCache.Made load(Path blob, long mtime) throws IOException {
    EarlyMicrocodeEntry stored = this;
    CpioArchive archive;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(blob), 1 << 16)) {
      archive = NewcCpio.read(in);
      if (in.read() >= 0) {
        throw new IOException("the blob holds more than the archive");
      }
    }
    EarlyMicrocode early = new EarlyMicrocode(archive, stored.vendors(), stored.marker());
    // what goes into the initrd is the archive written back from what was read: it must be the
    // entry's bytes (the cache checked that the blob is, before this)
    if (!early.digest().equals(stored.archive())) {
      throw new IOException("the archive does not write back to the entry's bytes");
    }
    for (CpioEntry e : archive.entries()) {
      if (!e.name().equals(NewcHeader.TRAILER) && e.header().mtime() != mtime) {
        throw new IOException("the archive's " + e.name() + " is not stamped " + mtime);
      }
    }
    if (!member(archive, EarlyMicrocode.MARKER_PATH)
        .filter(m -> m.dataEquals(stored.marker().getBytes(StandardCharsets.UTF_8)))
        .isPresent()) {
      throw new IOException("the archive's marker is not the entry's");
    }
    for (EarlyMicrocode.VendorFile v : stored.vendors()) {
      Optional<CpioEntry> file = member(archive, v.path());
      if (file.isEmpty()
          || file.get().header().fileSize() != v.size()
          || !file.get().dataDigest().hex().equals(v.sha256())) {
        throw new IOException("the archive's " + v.path() + " is not the entry's");
      }
    }
    return new EarlyMicrocodeCache.Made(early, stored.sources());
  }

  private static Optional<CpioEntry> member(CpioArchive archive, String name) {
    return archive.entries().stream().filter(e -> e.name().equals(name)).findFirst();
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
