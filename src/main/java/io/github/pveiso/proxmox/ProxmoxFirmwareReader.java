package io.github.pveiso.proxmox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.cache.DerivedAudit;
import io.github.pveiso.cache.DerivedCache;
import io.github.pveiso.cache.DerivedCodec;
import io.github.pveiso.cache.DerivedKey;
import io.github.pveiso.debian.DebArchive;
import io.github.pveiso.debian.DebEntry;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.IsoEntry;
import io.github.pveiso.iso.IsoFiles;
import io.github.pveiso.iso.IsoImage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads which firmware the ISO's {@code pve-firmware} has ({@link ProxmoxFirmware}), streaming its
 * {@code .deb} straight out of the ISO: the data archive is decompressed once and only its entry
 * names are kept; nothing is written to disk but the list.
 *
 * <p>The real package is about 300 MB of xz, whose decompression takes many seconds, so the list is
 * kept in the cache as a derived entry of kind {@value #KIND} ({@link #CODEC}), bound to the ISO's
 * digest and the {@code .deb}'s path in it ({@link #key}). A missing list is read from the ISO and
 * stored only once the ISO's digest has been checked; a damaged, mis-bound or undecodable entry is
 * dropped with the cache's warning and read again. {@code pveiso cache verify} reads the list again
 * from the ISO when the ISO is a blob of the cache (an entry whose ISO is not is orphaned).
 */
public final class ProxmoxFirmwareReader {

  /** The kind of the derived cache entries. */
  public static final String KIND = "proxmox-firmware";

  /** Raise when this reader would find other names in the same {@code .deb}. */
  static final int FORMAT = 1;

  private static final List<String> ROOTS = List.of("lib/firmware/", "usr/lib/firmware/");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The entries' codec: a JSON object with {@code deb} (the path on the ISO), {@code version} and
   * {@code names} (sorted, distinct); its audit reads the list again from the ISO.
   */
  public static final DerivedCodec<ProxmoxFirmware> CODEC =
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
        public byte[] encode(ProxmoxFirmware value) throws IOException {
          return ProxmoxFirmwareReader.encode(value);
        }

        @Override
        public ProxmoxFirmware decode(byte[] payload) throws IOException {
          return ProxmoxFirmwareReader.decode(payload);
        }

        @Override
        public void audit(DerivedKey key, ProxmoxFirmware value, DerivedAudit context)
            throws IOException {
          ProxmoxFirmwareReader.audit(key, value, context);
        }
      };

  private final DerivedCache<ProxmoxFirmware> entries;
  private final EventListener events;

  /** A reader keeping its lists in {@code cache}; says what it read in {@code events}. */
  public ProxmoxFirmwareReader(Cache cache, EventListener events) {
    this.entries = cache.derived(CODEC);
    this.events = events;
  }

  /**
   * The firmware of the {@value ProxmoxFirmware#PACKAGE} among {@code packages} (the ISO's {@code
   * /proxmox/packages/*.deb}, sorted); {@link ProxmoxFirmware#none()} when there is none. With
   * several, the last by name, which the installer (unpacking them in that order) leaves installed.
   * The list read from the ISO with digest {@code isoSha256} before comes from the cache; a list
   * read now is stored only after {@code verified} returned (it throws when the ISO does not have
   * that digest), so an entry is never bound to a digest its ISO does not have.
   *
   * @throws VerificationException when the {@code .deb} is malformed or is another package
   */
  public ProxmoxFirmware read(
      IsoFiles iso, List<DebFile> packages, Sha256Digest isoSha256, Runnable verified) {
    Optional<DebFile> deb =
        packages.stream()
            .filter(d -> d.fileName().startsWith(ProxmoxFirmware.PACKAGE + "_"))
            .reduce((first, second) -> second);
    if (deb.isEmpty()) {
      events.info("pve-firmware: the ISO's /proxmox/packages has none");
      return ProxmoxFirmware.none();
    }
    DebFile file = deb.get();
    DerivedKey key = key(isoSha256, file.path());
    Optional<ProxmoxFirmware> hit = entries.read(key, file.path());
    if (hit.isPresent() && !hit.get().debPath().equals(file.path())) {
      entries.drop(key, file.path(), "it is the list of " + hit.get().debPath());
      hit = Optional.empty();
    }
    if (hit.isPresent()) {
      events.debug("pve-firmware: " + hit.get().names().size() + " names from the cache");
      return hit.get();
    }
    ProxmoxFirmware read = read(iso, file);
    verified.run();
    entries.write(key, read);
    events.info(
        "pve-firmware: "
            + read.label()
            + " has "
            + read.names().size()
            + " firmware files and links");
    return read;
  }

  /** The entry's key: kind {@value #KIND}, its one input the ISO, the parameter {@code deb}. */
  public static DerivedKey key(Sha256Digest iso, String debPath) {
    return CODEC.key().input("iso", iso).param("deb", debPath);
  }

  private static ProxmoxFirmware read(IsoFiles iso, DebFile file) {
    try (InputStream in = new BufferedInputStream(ProductInfoReader.openDeb(iso, file), 1 << 16)) {
      return read(file.path(), in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.path() + ": " + e.getMessage(), e);
    }
  }

  /** {@code cache verify}'s check: the ISO blob's {@code .deb} gives exactly this list. */
  private static void audit(DerivedKey key, ProxmoxFirmware value, DerivedAudit context)
      throws IOException {
    if (key.inputs().size() != 1
        || key.params().size() != 1
        || !key.params().get(0).name().equals("deb")) {
      throw new IOException("its key is not 'iso' with the parameter 'deb'");
    }
    String debPath = key.params().get(0).value();
    Path blob =
        context
            .blob(key.inputs().get(0).digest())
            .orElseThrow(() -> new IOException("its ISO is not in the cache"));
    ProxmoxFirmware again;
    try (IsoImage image = IsoImage.open(blob)) {
      IsoEntry entry =
          image
              .find(debPath)
              .filter(IsoEntry::isFile)
              .orElseThrow(() -> new IOException("its ISO has no " + debPath));
      again = read(image, new DebFile(debPath, entry.size()));
    } catch (UncheckedIOException e) {
      throw new IOException(e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IOException("its ISO cannot be read: " + e.getMessage(), e);
    }
    if (!again.equals(value)) {
      throw new IOException("its ISO's " + debPath + " has another list");
    }
  }

  /**
   * Reads the firmware names of the {@code .deb} streamed from {@code in}; {@code debPath} names
   * it.
   *
   * @throws VerificationException when it is malformed or not {@value ProxmoxFirmware#PACKAGE}
   */
  public static ProxmoxFirmware read(String debPath, InputStream in) throws IOException {
    DebArchive archive = DebArchive.open(debPath, in);
    String name = archive.control().get("Package", "");
    if (!name.equals(ProxmoxFirmware.PACKAGE)) {
      throw new VerificationException(
          debPath + ": the package inside is " + name + ", not " + ProxmoxFirmware.PACKAGE);
    }
    TreeSet<String> names = new TreeSet<>();
    archive.readData(
        (DebEntry entry, InputStream content) -> {
          if (entry.type() != DebEntry.Type.DIRECTORY) {
            below(entry.path()).ifPresent(names::add);
          }
        });
    return new ProxmoxFirmware(debPath, archive.control().get("Version", ""), List.copyOf(names));
  }

  /** {@code lib/firmware/a/b.fw} or {@code usr/lib/firmware/a/b.fw} → {@code a/b.fw}. */
  static Optional<String> below(String packagePath) {
    for (String root : ROOTS) {
      if (packagePath.startsWith(root) && packagePath.length() > root.length()) {
        return Optional.of(packagePath.substring(root.length()));
      }
    }
    return Optional.empty();
  }

  static byte[] encode(ProxmoxFirmware firmware) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("deb", firmware.debPath());
    doc.put("version", firmware.version());
    doc.put("names", firmware.names());
    return JSON.writeValueAsBytes(doc);
  }

  /**
   * The list an entry holds.
   *
   * @throws IOException when it is not an object of {@code deb} (a path), {@code version} and
   *     {@code names} (strings, sorted, distinct, none empty), and nothing else
   */
  static ProxmoxFirmware decode(byte[] bytes) throws IOException {
    JsonNode doc;
    try {
      doc = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new IOException("it is not JSON: " + e.getMessage(), e);
    }
    if (doc == null || !doc.isObject() || doc.size() != 3) {
      throw new IOException("it is not an object of deb, version and names");
    }
    JsonNode deb = doc.path("deb");
    JsonNode version = doc.path("version");
    JsonNode names = doc.path("names");
    if (!deb.isTextual()
        || !deb.textValue().startsWith("/")
        || !version.isTextual()
        || !names.isArray()) {
      throw new IOException("deb, version or names is missing or of the wrong type");
    }
    List<String> list = new ArrayList<>();
    for (JsonNode name : names) {
      if (!name.isTextual() || name.textValue().isEmpty()) {
        throw new IOException("names holds an empty name or a non-string");
      }
      if (!list.isEmpty() && list.get(list.size() - 1).compareTo(name.textValue()) >= 0) {
        throw new IOException("names are not sorted and distinct");
      }
      list.add(name.textValue());
    }
    return new ProxmoxFirmware(deb.textValue(), version.textValue(), list);
  }
}
