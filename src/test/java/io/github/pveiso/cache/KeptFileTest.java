package io.github.pveiso.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.events.Event;
import io.github.pveiso.net.HttpFetcher;
import io.github.pveiso.net.Validators;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Cache#keep} and {@link Cache#kept}: a file kept with its server's validators. */
class KeptFileTest {

  private static final URI URL = URI.create("http://127.0.0.1:9/debian/dists/trixie/InRelease");
  private static final URI OTHER = URI.create("http://127.0.0.2:9/debian/dists/trixie/InRelease");
  private static final byte[] BYTES = "Suite: trixie\n".getBytes(StandardCharsets.UTF_8);
  private static final Validators VALIDATORS =
      new Validators(Optional.of("\"v1\""), Optional.of("Fri, 09 Jan 2026 00:00:00 GMT"));

  @TempDir Path root;

  private final List<Event> events = Collections.synchronizedList(new ArrayList<>());

  private Cache cache() {
    return Cache.open(
        root,
        HttpFetcher.create(events::add),
        Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
        events::add);
  }

  @Test
  void aKeptFileComesBackWithItsValidatorsAndIsListed() {
    cache().keep(URL, BYTES, VALIDATORS);

    KeptFile kept = cache().kept(URL).orElseThrow();

    assertThat(kept.bytes()).isEqualTo(BYTES);
    assertThat(kept.digest()).isEqualTo(Sha256Digest.of(BYTES));
    assertThat(kept.validators()).isEqualTo(VALIDATORS);
    assertThat(kept.url()).isEqualTo(URL);
    assertThat(cache().list()).extracting(CacheEntry::url).containsExactly(URL);
    assertThat(cache().kept(OTHER)).isEmpty();
  }

  @Test
  void keepingTheSameFileAgainWritesNothingButFreshValidators() throws IOException {
    cache().keep(URL, BYTES, VALIDATORS);
    Path entry = cache().files().parsedFile(KeptValidators.key(Sha256Digest.of(BYTES)));
    Files.setLastModifiedTime(entry, java.nio.file.attribute.FileTime.fromMillis(0));

    cache().keep(URL, BYTES, VALIDATORS);
    assertThat(Files.getLastModifiedTime(entry).toMillis()).isZero();

    Validators fresh = new Validators(Optional.of("\"v2\""), VALIDATORS.lastModified());
    cache().keep(URL, BYTES, fresh);
    assertThat(cache().kept(URL).orElseThrow().validators()).isEqualTo(fresh);
  }

  @Test
  void validatorsWrittenForAnotherUrlWithTheSameContentAreNotSent() {
    cache().keep(URL, BYTES, VALIDATORS);
    cache().keep(OTHER, BYTES, new Validators(Optional.of("\"other\""), Optional.empty()));

    assertThat(cache().kept(URL)).isEmpty();
    assertThat(cache().kept(OTHER).orElseThrow().validators().etag()).contains("\"other\"");
  }

  @Test
  void unreadableValidatorsAreReportedAndTheFileIsFetchedInFull() {
    cache().keep(URL, BYTES, VALIDATORS);
    cache().writeParsed(KeptValidators.key(Sha256Digest.of(BYTES)), new byte[] {'{'});

    assertThat(cache().kept(URL)).isEmpty();
    assertThat(events)
        .containsExactly(
            new Event.Log(
                Event.Level.WARN,
                "cache: dropped http-validators entry of "
                    + URL
                    + ": it is not the JSON pveiso writes; making it again"));
  }

  @Test
  void aKeptFileWhoseBlobIsGoneIsNotKept() throws IOException {
    cache().keep(URL, BYTES, VALIDATORS);
    Files.delete(root.resolve("blobs/sha256/" + Sha256Digest.of(BYTES).hex()));

    assertThat(cache().kept(URL)).isEmpty();
  }
}
