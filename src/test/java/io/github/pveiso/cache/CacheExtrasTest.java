package io.github.pveiso.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.TempFiles;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.net.HttpFetcher;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheExtrasTest {

  @TempDir Path root;

  private Cache cache() {
    return Cache.open(
        root,
        HttpFetcher.create(EventListener.NONE),
        Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
        EventListener.NONE);
  }

  @Test
  void putStoresBytesUnderTheirDigestOnce() throws IOException {
    byte[] bytes = "made here".getBytes(StandardCharsets.UTF_8);

    Sha256Digest digest = cache().put(bytes);
    cache().put(bytes);

    assertThat(digest).isEqualTo(Sha256Digest.of(bytes));
    assertThat(Files.readAllBytes(root.resolve("blobs/sha256/" + digest.hex()))).isEqualTo(bytes);
    assertThat(cache().find(URI.create("file:/x"), digest).orElseThrow().size()).isEqualTo(9);
  }

  @Test
  void aSecondClaimOnTheSameUrlGetsItsOwnPartFile() {
    CacheWriter writer = new CacheWriter(new CacheStorageFiles(root));
    URI url = URI.create("http://127.0.0.1/x");

    try (CacheWriter.PartFile first = writer.claim(url);
        CacheWriter.PartFile second = writer.claim(url)) {
      assertThat(first.path()).isEqualTo(new CacheStorageFiles(root).partFile(url));
      assertThat(second.path()).isNotEqualTo(first.path());
      assertThat(second.path().toString()).endsWith(".part");
    }
    try (CacheWriter.PartFile again = writer.claim(url)) {
      assertThat(again.path()).isEqualTo(new CacheStorageFiles(root).partFile(url));
    }
  }

  @Test
  void aFailedDownloadKeepsOnlyItsResumablePartFileAndAStoppedOneKeepsNone() throws IOException {
    CacheWriter writer = new CacheWriter(new CacheStorageFiles(root));
    URI url = URI.create("http://127.0.0.1/x");
    Path resumable;
    Path own;
    try (CacheWriter.PartFile first = writer.claim(url);
        CacheWriter.PartFile second = writer.claim(url)) {
      resumable = Files.writeString(first.path(), "half");
      own = Files.writeString(second.path(), "half");
      assertThat(TempFiles.tracked()).contains(resumable, own);
    }
    assertThat(resumable).hasContent("half"); // the next fetch of the URL resumes it
    assertThat(own).doesNotExist(); // nobody could resume it
    assertThat(TempFiles.tracked()).doesNotContain(resumable, own);

    try (CacheWriter.PartFile again = writer.claim(url)) {
      assertThat(again.path()).isEqualTo(resumable);
      Thread.currentThread().interrupt(); // a signal stops the download
    } finally {
      assertThat(Thread.interrupted()).isTrue();
    }
    assertThat(resumable).doesNotExist();
  }

  @Test
  void aDamagedIndexEntryIsDroppedAsALostHint() throws IOException {
    URI url = URI.create("http://127.0.0.1/x");
    Path entry = new CacheStorageFiles(root).indexFile(url);
    Files.createDirectories(entry.getParent());
    Files.writeString(entry, "{not json");

    assertThat(cache().list()).isEmpty();
    assertThat(entry).doesNotExist();
  }

  @Test
  void digestsAreCheckedAndParsedInEitherCase() {
    assertThat(Sha256Digest.parse(" " + "AB".repeat(32) + " ").hex()).isEqualTo("ab".repeat(32));
    assertThat(Sha256Digest.isValid("xyz")).isFalse();
    assertThatThrownBy(() -> new Sha256Digest("ABC"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a SHA-256 digest: 'ABC'");
    assertThatThrownBy(() -> Sha256Digest.ofFile(root.resolve("missing")))
        .hasMessageStartingWith("cannot read " + root.resolve("missing") + ": ");
  }

  @Test
  void parsedKindsAreNamesNotPaths() {
    assertThatThrownBy(() -> new CacheStorageFiles(root).parsedDirectory("../x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad parsed-entry kind '../x'");
  }

  @Test
  void verifyAndPruneRemoveStrayFiles() throws IOException {
    Path stray = root.resolve("blobs/sha256/junk");
    Files.createDirectories(stray.getParent());
    Files.writeString(stray, "x");
    Path oldTmp = root.resolve("tmp/old.part");
    Files.createDirectories(oldTmp.getParent());
    Files.writeString(oldTmp, "partial");
    Files.setLastModifiedTime(
        oldTmp, java.nio.file.attribute.FileTime.from(Instant.parse("2025-01-01T00:00:00Z")));

    assertThat(cache().verify().checked()).isEqualTo(1);
    // made after verify, which would drop it as damaged (see DerivedEntriesTest)
    Path parsedOrphan = root.resolve("parsed/packages-index/" + "c".repeat(64));
    Files.createDirectories(parsedOrphan.getParent());
    Files.writeString(parsedOrphan, "x");
    CacheMaintenance.PruneReport report =
        cache()
            .prune(
                new CacheMaintenance.PruneRequest(
                    java.util.Optional.of(Instant.parse("2025-06-01T00:00:00Z")),
                    java.util.Optional.of(java.util.Set.of())));

    assertThat(stray).doesNotExist();
    assertThat(oldTmp).doesNotExist();
    assertThat(parsedOrphan).doesNotExist();
    assertThat(report.freedBytes()).isEqualTo(8);
  }
}
