package io.github.pveiso.cache;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.net.Validators;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The validators of kept files: a derived entry of kind {@value #KIND} whose one input is the kept
 * blob, holding the URL it was fetched from and the ETag and Last-Modified its server sent. Bound
 * to the blob, it lives and goes with it like any derived entry.
 */
final class KeptValidators {

  /** The derived-entry kind. */
  static final String KIND = "http-validators";

  /** The stored form. */
  record Stored(String url, @Nullable String etag, @Nullable String lastModified) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The entries' codec: the stored form as JSON. */
  static final DerivedCodec<Stored> CODEC =
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
        public byte[] encode(Stored value) throws IOException {
          return JSON.writeValueAsBytes(value);
        }

        @Override
        public Stored decode(byte[] payload) throws IOException {
          Stored stored;
          try {
            stored = JSON.readValue(payload, Stored.class);
          } catch (JacksonException e) {
            throw new IOException("it is not the JSON pveiso writes", e);
          }
          if (stored == null || stored.url() == null) {
            throw new IOException("it names no URL");
          }
          return stored;
        }
      };

  private final DerivedCache<Stored> entries;

  KeptValidators(ParsedEntries parsed, EventListener listener) {
    this.entries = new DerivedCache<>(parsed, CODEC, listener);
  }

  /** The key of the validators of the kept blob {@code digest}. */
  static DerivedKey key(Sha256Digest digest) {
    return CODEC.key().input("kept", digest);
  }

  /**
   * The validators kept for {@code url}'s blob {@code digest}; none when missing, damaged, or
   * written for another URL that had the same content.
   */
  Optional<Validators> read(URI url, Sha256Digest digest) {
    return entries
        .read(key(digest), url.toString())
        .filter(stored -> url.toString().equals(stored.url()))
        .map(
            stored ->
                new Validators(
                    Optional.ofNullable(stored.etag()),
                    Optional.ofNullable(stored.lastModified())));
  }

  /** Writes {@code validators} for {@code url}'s blob {@code digest} unless they are there. */
  void write(URI url, Sha256Digest digest, Validators validators) {
    if (read(url, digest).filter(validators::equals).isPresent()) {
      return;
    }
    entries.write(
        key(digest),
        new Stored(
            url.toString(),
            validators.etag().orElse(null),
            validators.lastModified().orElse(null)));
  }
}
