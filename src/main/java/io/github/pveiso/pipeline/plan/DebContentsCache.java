package io.github.pveiso.pipeline.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.events.EventListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps what the planner reads from each .deb (its {@link DebContents}) in the cache, keyed by the
 * .deb's verified SHA-256, so a warm build does not decompress every package's data archive again
 * to plan. An entry is a parsed cache entry of kind {@value #KIND} (checked like every parsed
 * entry); one that does not decode is read again from the .deb and replaced.
 */
public final class DebContentsCache {

  /** The kind of the parsed entries. */
  static final String KIND = "deb-contents";

  /** Raise when {@link DebContentsReader} would read other values from the same .deb. */
  static final int FORMAT = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Cache cache;
  private final DebContentsReader reader;
  private final EventListener events;

  public DebContentsCache(Cache cache, DebContentsReader reader, EventListener events) {
    this.cache = cache;
    this.reader = reader;
    this.events = events;
  }

  /** The contents of {@code deb}, whose SHA-256 is {@code digest}; {@code label} names it. */
  public DebContents read(String label, Path deb, Sha256Digest digest) {
    Sha256Digest key = key(digest);
    Optional<byte[]> hit = cache.readParsed(KIND, key);
    if (hit.isPresent()) {
      try {
        return decode(hit.get());
      } catch (IOException | RuntimeException e) {
        events.warn("cache: " + KIND + " entry of " + label + " does not decode; reading the .deb");
      }
    }
    DebContents contents = reader.read(label, deb);
    try {
      cache.writeParsed(KIND, key, encode(contents));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the contents of " + label, e);
    }
    return contents;
  }

  static byte[] encode(DebContents c) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("firmwareFiles", c.firmwareFiles());
    doc.put("intelMicrocode", c.intelMicrocode());
    doc.put("amdMicrocode", c.amdMicrocode());
    doc.put("needsDkms", c.needsDkms());
    return JSON.writeValueAsBytes(doc);
  }

  static DebContents decode(byte[] bytes) throws IOException {
    JsonNode doc = JSON.readTree(bytes);
    JsonNode dkms = doc.path("needsDkms");
    if (!dkms.isBoolean()) {
      throw new IOException("needsDkms is missing");
    }
    return new DebContents(
        strings(doc, "firmwareFiles"),
        strings(doc, "intelMicrocode"),
        strings(doc, "amdMicrocode"),
        dkms.booleanValue());
  }

  private static List<String> strings(JsonNode doc, String field) throws IOException {
    JsonNode list = doc.path(field);
    if (!list.isArray()) {
      throw new IOException(field + " is missing");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : list) {
      if (!item.isTextual()) {
        throw new IOException(field + " holds a non-string");
      }
      out.add(item.textValue());
    }
    return out;
  }

  /** The entry's key: the SHA-256 of {@code deb-contents <FORMAT> <sha256 of the .deb>}. */
  static Sha256Digest key(Sha256Digest deb) {
    return Sha256Digest.of(
        (KIND + " " + FORMAT + " " + deb.hex()).getBytes(StandardCharsets.UTF_8));
  }
}
