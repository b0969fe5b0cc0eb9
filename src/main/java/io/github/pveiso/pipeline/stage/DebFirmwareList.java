package io.github.pveiso.pipeline.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import io.github.pveiso.cache.DerivedAudit;
import io.github.pveiso.cache.DerivedCodec;
import io.github.pveiso.cache.DerivedKey;
import io.github.pveiso.debian.DebArchive;
import io.github.pveiso.debian.DebEntry;
import io.github.pveiso.pipeline.stage.repack.FirmwarePaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one firmware package puts into the staged {@code /firmware} tree before packages are merged:
 * every file and link below its firmware folders, in the order of its data archive, as {@link
 * StageFirmwareTreeStep} takes them (links made relative; a hard link as a file with the content of
 * the file it names). Kept in the cache as a derived entry of kind {@value #KIND} bound to the
 * .deb's digest, it is what a cached tree is checked against on every warm build ({@link
 * FirmwareFolderCache}), and {@code pveiso cache verify} reads the .deb again to check it ({@link
 * #CODEC}'s audit).
 *
 * @param entries the package's firmware files and links, in archive order
 */
record DebFirmwareList(List<Item> entries) {

  /** The kind of the derived entries. */
  static final String KIND = "deb-firmware";

  /**
   * One file or link.
   *
   * @param path relative to {@code /firmware}
   * @param link the target when it is a link, else empty
   * @param sha256 the content's digest (empty for links)
   * @param size bytes (0 for links)
   */
  record Item(String path, String link, String sha256, long size) {}

  /** Copies the list. */
  DebFirmwareList {
    entries = List.copyOf(entries);
  }

  /** The entry's key: the .deb, named {@code <name> <version>}. */
  static DerivedKey key(StageFirmwareTreeStep.Source source) {
    return CODEC.key().input(source.name() + " " + source.version(), source.sha256());
  }

  /**
   * The list {@code deb} gives, read from its data archive without staging anything.
   *
   * @throws VerificationException when the package is damaged or has a hard link that names no
   *     firmware file it shipped before (as staging it would)
   */
  static DebFirmwareList read(String name, Path deb) throws IOException {
    List<Item> items = new ArrayList<>();
    Map<String, Item> shipped = new HashMap<>();
    try (InputStream in = Files.newInputStream(deb)) {
      DebArchive.open(name, in)
          .readData(
              (entry, content) -> {
                var below = FirmwarePaths.below(entry.path()).filter(p -> !p.isEmpty());
                if (entry.type() == DebEntry.Type.DIRECTORY || below.isEmpty()) {
                  return;
                }
                String rel = below.get();
                Item item;
                if (entry.type() == DebEntry.Type.SYMLINK) {
                  String link =
                      FirmwarePaths.reroot(entry.path(), entry.linkTarget())
                          .orElse(entry.linkTarget());
                  item = new Item(rel, link, "", 0);
                } else if (entry.type() == DebEntry.Type.HARDLINK) {
                  Item linked = shipped.get(entry.linkTarget());
                  if (linked == null) {
                    throw new VerificationException(
                        name
                            + ": firmware hard link '"
                            + entry.path()
                            + "' -> '"
                            + entry.linkTarget()
                            + "' names a file outside the firmware folder");
                  }
                  item = new Item(rel, "", linked.sha256(), linked.size());
                  shipped.put(entry.path(), item);
                } else {
                  MessageDigest sha = Sha256Digest.newMessageDigest();
                  long size =
                      new DigestInputStream(content, sha)
                          .transferTo(OutputStream.nullOutputStream());
                  item = new Item(rel, "", Sha256Digest.of(sha).hex(), size);
                  shipped.put(entry.path(), item);
                }
                items.add(item);
              });
    }
    return new DebFirmwareList(items);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** JSON {@code {"entries": [{"path", "link", "sha256", "size"}...]}}, in archive order. */
  static final DerivedCodec<DebFirmwareList> CODEC =
      new DerivedCodec<>() {
        @Override
        public String kind() {
          return KIND;
        }

        @Override
        public int format() {
          return 1;
        }

        @Override
        public byte[] encode(DebFirmwareList value) throws IOException {
          ObjectNode doc = JSON.createObjectNode();
          ArrayNode list = doc.putArray("entries");
          for (Item e : value.entries()) {
            list.addObject()
                .put("path", e.path())
                .put("link", e.link())
                .put("sha256", e.sha256())
                .put("size", e.size());
          }
          return JSON.writeValueAsBytes(doc);
        }

        @Override
        public DebFirmwareList decode(byte[] payload) throws IOException {
          JsonNode doc = FirmwareFolderEntry.json(payload);
          if (!doc.path("entries").isArray()) {
            throw new IOException("entries is missing");
          }
          List<Item> items = new ArrayList<>();
          for (JsonNode item : doc.path("entries")) {
            FirmwareFolder.Entry e = FirmwareFolderEntry.entry(item, false);
            items.add(new Item(e.path(), e.linkTarget(), e.sha256(), e.size()));
          }
          return new DebFirmwareList(items);
        }

        /** Reads the .deb again: the list must be what its data gives now. */
        @Override
        public void audit(DerivedKey key, DebFirmwareList value, DerivedAudit context)
            throws IOException {
          if (key.inputs().size() != 1) {
            throw new IOException("it does not name one .deb");
          }
          DerivedKey.Input deb = key.inputs().get(0);
          Path blob =
              context
                  .blob(deb.digest())
                  .orElseThrow(() -> new IOException("its .deb is no longer in the cache"));
          String name = deb.name().split(" ", -1)[0];
          if (!read(name, blob).equals(value)) {
            throw new IOException("it is not what " + deb.name() + "'s data holds");
          }
        }
      };
}
