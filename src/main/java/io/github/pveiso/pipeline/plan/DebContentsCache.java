package io.github.pveiso.pipeline.plan;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.cache.DerivedAudit;
import io.github.pveiso.cache.DerivedCache;
import io.github.pveiso.cache.DerivedCodec;
import io.github.pveiso.cache.DerivedKey;
import io.github.pveiso.events.EventListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps what the planner reads from each .deb (its {@link DebContents}) in the cache, bound to the
 * .deb's verified SHA-256, so a warm build does not decompress every package's data archive again
 * to plan. An entry is a derived cache entry of kind {@value #KIND} (see {@link DerivedCache}); one
 * that does not decode is dropped with a warning, read again from the .deb and replaced.
 */
public final class DebContentsCache {

  /** The kind of the derived entries. */
  static final String KIND = "deb-contents";

  /** Raise when {@link DebContentsReader} would read other values from the same .deb. */
  static final int FORMAT = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The entries' codec: JSON. */
  public static final DerivedCodec<DebContents> CODEC =
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
        public byte[] encode(DebContents value) throws IOException {
          return DebContentsCache.encode(value);
        }

        @Override
        public DebContents decode(byte[] payload) throws IOException {
          return DebContentsCache.decode(payload);
        }

        /** Reads the .deb again: the contents must be what it holds now. */
        @Override
        public void audit(DerivedKey key, DebContents value, DerivedAudit context)
            throws IOException {
          if (key.inputs().size() != 1) {
            throw new IOException("it does not name one .deb");
          }
          Path deb =
              context
                  .blob(key.inputs().get(0).digest())
                  .orElseThrow(() -> new IOException("its .deb is not in the cache"));
          DebContents again;
          try {
            again = new DebContentsReader().read("the .deb " + deb.getFileName(), deb);
          } catch (VerificationException | IllegalArgumentException e) {
            throw new IOException("its .deb cannot be read: " + e.getMessage(), e);
          }
          if (!again.equals(value)) {
            throw new IOException("it is not what its .deb holds");
          }
        }
      };

  private final DerivedCache<DebContents> entries;
  private final DebContentsReader reader;

  public DebContentsCache(Cache cache, DebContentsReader reader, EventListener events) {
    this.entries = new DerivedCache<>(cache, CODEC, events);
    this.reader = reader;
  }

  /** The contents of {@code deb}, whose SHA-256 is {@code digest}; {@code label} names it. */
  public DebContents read(String label, Path deb, Sha256Digest digest) {
    try {
      return entries.get(key(digest), label, () -> reader.read(label, deb));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the contents of " + label, e);
    }
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
    JsonNode doc;
    try {
      doc = JSON.readTree(bytes);
    } catch (JacksonException e) {
      throw new IOException("it is not JSON", e);
    }
    if (doc == null) {
      throw new IOException("it is empty");
    }
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

  /** The entry's key: kind {@value #KIND}, format {@value #FORMAT}, input the .deb. */
  static DerivedKey key(Sha256Digest deb) {
    return CODEC.key().input("deb", deb);
  }
}
