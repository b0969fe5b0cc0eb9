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
 * The validators of kept files: a parsed entry of kind {@value #KIND} keyed by the kept blob's
 * digest, holding the URL it was fetched from and the ETag and Last-Modified its server sent. Keyed
 * by the blob, it lives and goes with it like any parsed entry.
 */
final class KeptValidators {

  /** The parsed-entry kind. */
  static final String KIND = "http-validators";

  /** The stored form. */
  record Stored(String url, @Nullable String etag, @Nullable String lastModified) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ParsedEntries parsed;
  private final EventListener listener;

  KeptValidators(ParsedEntries parsed, EventListener listener) {
    this.parsed = parsed;
    this.listener = listener;
  }

  /**
   * The validators kept for {@code url}'s blob {@code digest}; none when missing, damaged, or
   * written for another URL that had the same content.
   */
  Optional<Validators> read(URI url, Sha256Digest digest) {
    Optional<byte[]> bytes = parsed.read(KIND, digest);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    Stored stored;
    try {
      stored = JSON.readValue(bytes.get(), Stored.class);
    } catch (IOException e) {
      listener.warn("cache: the validators of " + url + " are unreadable; fetching it in full");
      return Optional.empty();
    }
    if (!url.toString().equals(stored.url())) {
      return Optional.empty();
    }
    return Optional.of(
        new Validators(
            Optional.ofNullable(stored.etag()), Optional.ofNullable(stored.lastModified())));
  }

  /** Writes {@code validators} for {@code url}'s blob {@code digest} unless they are there. */
  void write(URI url, Sha256Digest digest, Validators validators) {
    if (read(url, digest).filter(validators::equals).isPresent()) {
      return;
    }
    Stored stored =
        new Stored(
            url.toString(), validators.etag().orElse(null), validators.lastModified().orElse(null));
    try {
      parsed.write(KIND, digest, JSON.writeValueAsBytes(stored));
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot encode the validators of " + url, e);
    }
  }
}
