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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
   * The archive from this entry and its blob's bytes, which must read back to the same bytes, have
   * every entry stamped {@code mtime} and hold the marker and vendor files the entry names.
   */
  EarlyMicrocodeCache.Made load(byte[] bytes, long mtime) throws IOException {
    EarlyMicrocodeEntry stored = this;
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
    return new EarlyMicrocodeCache.Made(
        new EarlyMicrocode(archive, stored.vendors(), stored.marker()), stored.sources());
  }

  private static Optional<byte[]> member(CpioArchive archive, String name) {
    return archive.entries().stream()
        .filter(e -> e.name().equals(name))
        .map(CpioEntry::data)
        .findFirst();
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
