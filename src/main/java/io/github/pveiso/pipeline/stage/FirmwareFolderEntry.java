package io.github.pveiso.pipeline.stage;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pveiso.Sha256Digest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link FirmwareFolderCache} stores for one staged tree: a JSON object {@code {"entries":
 * [{"path", "link", "sha256", "size", "package", "version"}...], "warnings": [...]}}, entries
 * sorted by path as the step lists them. Decoding checks every value, so a damaged entry is
 * reported instead of staged; and the tree must be exactly the {@link #merge} of its packages'
 * {@link DebFirmwareList}s before it is used.
 *
 * @param entries every file and link of the tree, sorted by path
 * @param warnings the step's warnings, in order
 */
record FirmwareFolderEntry(List<FirmwareFolder.Entry> entries, List<String> warnings) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Copies the lists. */
  FirmwareFolderEntry {
    entries = List.copyOf(entries);
    warnings = List.copyOf(warnings);
  }

  /** The kind of the derived entries. */
  static final String KIND = "firmware-folder";

  /** The entry of {@code tree}. */
  static FirmwareFolderEntry of(FirmwareFolder tree) {
    return new FirmwareFolderEntry(tree.files(), tree.warnings());
  }

  /**
   * A package and what it ships into the tree.
   *
   * @param pkg its name
   * @param version its version
   * @param list its firmware files and links
   */
  record Shipped(String pkg, String version, DebFirmwareList list) {}

  /**
   * The tree {@code packages} make, in this order: the first package wins a shared path, and a
   * later one with other content there is a warning, as {@link StageFirmwareTreeStep} stages it.
   */
  static FirmwareFolderEntry merge(List<Shipped> packages) {
    Map<String, FirmwareFolder.Entry> entries = new TreeMap<>();
    List<String> warnings = new ArrayList<>();
    for (Shipped p : packages) {
      for (DebFirmwareList.Item item : p.list().entries()) {
        FirmwareFolder.Entry made =
            new FirmwareFolder.Entry(
                item.path(), item.link(), item.sha256(), item.size(), p.pkg(), p.version());
        if (keepFirst(item.path(), made, entries, warnings)) {
          entries.put(item.path(), made);
        }
      }
    }
    return new FirmwareFolderEntry(List.copyOf(entries.values()), warnings);
  }

  /**
   * Whether {@code made} is the first entry at {@code rel}; when it is not and differs from the
   * first, says so in {@code warnings} (the first package wins). {@link StageFirmwareTreeStep} and
   * {@link #merge} decide alike.
   */
  static boolean keepFirst(
      String rel,
      FirmwareFolder.Entry made,
      Map<String, FirmwareFolder.Entry> entries,
      List<String> warnings) {
    FirmwareFolder.Entry earlier = entries.get(rel);
    if (earlier == null) {
      return true;
    }
    if (!earlier.sha256().equals(made.sha256())
        || !earlier.linkTarget().equals(made.linkTarget())) {
      warnings.add(
          "/firmware/"
              + rel
              + ": "
              + made.pkg()
              + " ships other content than "
              + earlier.pkg()
              + "; keeping "
              + earlier.pkg()
              + "'s");
    }
    return false;
  }

  /** The regular files (not links). */
  List<FirmwareFolder.Entry> files() {
    return entries.stream().filter(e -> e.linkTarget().isEmpty()).toList();
  }

  static byte[] encode(FirmwareFolderEntry tree) throws IOException {
    ObjectNode doc = JSON.createObjectNode();
    ArrayNode list = doc.putArray("entries");
    for (FirmwareFolder.Entry e : tree.entries()) {
      list.addObject()
          .put("path", e.path())
          .put("link", e.linkTarget())
          .put("sha256", e.sha256())
          .put("size", e.size())
          .put("package", e.pkg())
          .put("version", e.version());
    }
    ArrayNode warnings = doc.putArray("warnings");
    tree.warnings().forEach(warnings::add);
    return JSON.writeValueAsBytes(doc);
  }

  /**
   * The entry in {@code bytes}.
   *
   * @throws IOException saying what is wrong when it is not JSON, a value is missing or of the
   *     wrong type, a path is not a plain relative path, the paths are not sorted and distinct, or
   *     a file's digest or a link's target is not what it must be
   */
  static FirmwareFolderEntry decode(byte[] bytes) throws IOException {
    JsonNode doc = json(bytes);
    if (!doc.path("entries").isArray() || !doc.path("warnings").isArray()) {
      throw new IOException("entries or warnings is missing");
    }
    List<FirmwareFolder.Entry> entries = new ArrayList<>();
    String previous = "";
    for (JsonNode item : doc.path("entries")) {
      FirmwareFolder.Entry e = entry(item, true);
      if (e.path().compareTo(previous) <= 0) {
        throw new IOException("path " + e.path() + " is out of order or repeated");
      }
      previous = e.path();
      entries.add(e);
    }
    List<String> warnings = new ArrayList<>();
    for (JsonNode w : doc.path("warnings")) {
      warnings.add(text(w, "warning"));
    }
    return new FirmwareFolderEntry(entries, warnings);
  }

  /** {@code bytes} as JSON; not JSON is an IOException that says so in one line. */
  static JsonNode json(byte[] bytes) throws IOException {
    JsonNode doc;
    try {
      doc = JSON.readTree(bytes);
    } catch (JacksonException e) {
      throw new IOException("it is not JSON", e);
    }
    if (doc == null) {
      throw new IOException("it is empty");
    }
    return doc;
  }

  /**
   * One file or link of a tree, every value checked; with its package and version when {@code
   * withPackage} (else those are empty).
   */
  static FirmwareFolder.Entry entry(JsonNode item, boolean withPackage) throws IOException {
    String path = text(item.path("path"), "path");
    checkPath(path, withPackage);
    String link = text(item.path("link"), "link of " + path);
    String sha256 = text(item.path("sha256"), "sha256 of " + path);
    JsonNode size = item.path("size");
    if (!size.canConvertToExactIntegral() || !size.canConvertToLong() || size.longValue() < 0) {
      throw new IOException("size of " + path + " is not a byte count");
    }
    boolean file = link.isEmpty();
    boolean digest =
        Sha256Digest.isValid(sha256) && Sha256Digest.parse(sha256).hex().equals(sha256);
    if (file ? !digest : !sha256.isEmpty() || size.longValue() != 0) {
      throw new IOException(path + " is neither a file with a digest nor a link");
    }
    return new FirmwareFolder.Entry(
        path,
        link,
        sha256,
        size.longValue(),
        withPackage ? text(item.path("package"), "package of " + path) : "",
        withPackage ? text(item.path("version"), "version of " + path) : "");
  }

  /**
   * A path of the tree: relative, no empty, {@code .} or {@code ..} part, not the index (which a
   * package may ship, but the tree's own replaces).
   */
  private static void checkPath(String path, boolean inTree) throws IOException {
    if (path.isEmpty() || (inTree && path.equals(FirmwareFolder.INDEX))) {
      throw new IOException("path '" + path + "' is not a firmware file's");
    }
    for (String part : path.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..") || part.indexOf('\0') >= 0) {
        throw new IOException("path '" + path + "' is not a plain relative path");
      }
    }
  }

  private static String text(JsonNode node, String what) throws IOException {
    if (!node.isTextual()) {
      throw new IOException(what + " is missing or not a string");
    }
    return node.textValue();
  }
}
