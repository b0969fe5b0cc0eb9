package io.github.pveiso.proxmox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.debian.DebArchive;
import io.github.pveiso.debian.DebEntry;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.IsoFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
 * kept in the cache as a parsed entry of kind {@value #KIND}, keyed by the {@code .deb}'s SHA-256
 * (hashed from the ISO on every read: a cheap pass next to decompressing it). An entry that does
 * not decode is read again from the {@code .deb} and replaced.
 */
public final class ProxmoxFirmwareReader {

  /** The kind of the parsed cache entries. */
  public static final String KIND = "proxmox-firmware";

  /** Raise when this reader would find other names in the same {@code .deb}. */
  static final int FORMAT = 1;

  private static final List<String> ROOTS = List.of("lib/firmware/", "usr/lib/firmware/");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Cache cache;
  private final EventListener events;

  /** A reader keeping its lists in {@code cache}; says what it read in {@code events}. */
  public ProxmoxFirmwareReader(Cache cache, EventListener events) {
    this.cache = cache;
    this.events = events;
  }

  /**
   * The firmware of the {@value ProxmoxFirmware#PACKAGE} among {@code packages} (the ISO's {@code
   * /proxmox/packages/*.deb}, sorted); {@link ProxmoxFirmware#none()} when there is none. With
   * several, the last by name, which the installer (unpacking them in that order) leaves installed.
   *
   * @throws VerificationException when the {@code .deb} is malformed or is another package
   */
  public ProxmoxFirmware read(IsoFiles iso, List<DebFile> packages) {
    Optional<DebFile> deb =
        packages.stream()
            .filter(d -> d.fileName().startsWith(ProxmoxFirmware.PACKAGE + "_"))
            .reduce((first, second) -> second);
    if (deb.isEmpty()) {
      events.info("pve-firmware: the ISO's /proxmox/packages has none");
      return ProxmoxFirmware.none();
    }
    DebFile file = deb.get();
    Sha256Digest sha256 = sha256(iso, file);
    Sha256Digest key = key(sha256);
    Optional<byte[]> hit = cache.readParsed(KIND, key);
    if (hit.isPresent()) {
      try {
        ProxmoxFirmware cached = decode(file.path(), hit.get());
        events.debug("pve-firmware: " + cached.names().size() + " names from the cache");
        return cached;
      } catch (IOException | RuntimeException e) {
        events.warn("cache: " + KIND + " entry of " + file.path() + " does not decode; reading it");
      }
    }
    ProxmoxFirmware read;
    try (InputStream in = new BufferedInputStream(ProductInfoReader.openDeb(iso, file), 1 << 16)) {
      read = read(file.path(), in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.path() + ": " + e.getMessage(), e);
    }
    cache.writeParsed(KIND, key, encode(read));
    events.info(
        "pve-firmware: "
            + read.label()
            + " has "
            + read.names().size()
            + " firmware files and links");
    return read;
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

  private static Sha256Digest sha256(IsoFiles iso, DebFile file) {
    MessageDigest digest = Sha256Digest.newMessageDigest();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = ProductInfoReader.openDeb(iso, file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.path() + ": " + e.getMessage(), e);
    }
    return Sha256Digest.of(digest);
  }

  static byte[] encode(ProxmoxFirmware firmware) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("version", firmware.version());
    doc.put("names", firmware.names());
    try {
      return JSON.writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the firmware list", e);
    }
  }

  static ProxmoxFirmware decode(String debPath, byte[] bytes) throws IOException {
    JsonNode doc = JSON.readTree(bytes);
    JsonNode version = doc.path("version");
    JsonNode names = doc.path("names");
    if (!version.isTextual() || !names.isArray()) {
      throw new IOException("version or names is missing");
    }
    List<String> list = new ArrayList<>();
    for (JsonNode name : names) {
      if (!name.isTextual()) {
        throw new IOException("names holds a non-string");
      }
      list.add(name.textValue());
    }
    return new ProxmoxFirmware(debPath, version.textValue(), list);
  }

  /** The entry's key: the SHA-256 of {@code proxmox-firmware <FORMAT> <sha256 of the .deb>}. */
  static Sha256Digest key(Sha256Digest deb) {
    return Sha256Digest.of(
        (KIND + " " + FORMAT + " " + deb.hex()).getBytes(StandardCharsets.UTF_8));
  }
}
