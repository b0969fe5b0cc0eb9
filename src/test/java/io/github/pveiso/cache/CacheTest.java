package io.github.pveiso.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import io.github.pveiso.events.Event;
import io.github.pveiso.net.HttpFetcher;
import io.github.pveiso.net.LoopbackServer;
import io.github.pveiso.net.ParallelDownloads;
import io.github.pveiso.net.RetryPolicy;
import io.github.pveiso.net.SizeLimit;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheTest {

  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
  private static final SizeLimit ANY_SIZE = SizeLimit.plausible(1 << 20, "a test file");

  @TempDir Path served;
  @TempDir Path root;

  private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
  private LoopbackServer server;
  private byte[] hello;
  private Sha256Digest helloDigest;

  @BeforeEach
  void start() throws IOException {
    hello = "hello, cache\n".getBytes(StandardCharsets.UTF_8);
    helloDigest = Sha256Digest.of(hello);
    Files.write(served.resolve("hello.txt"), hello);
    server = LoopbackServer.serving(served);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Cache cache(Instant now) {
    RetryPolicy retry = RetryPolicy.DEFAULT.withSleeper(d -> {});
    return Cache.open(
        root,
        new HttpFetcher(retry, Duration.ofSeconds(10), events::add),
        Clock.fixed(now, ZoneOffset.UTC),
        events::add);
  }

  private List<Path> filesUnder(String dir) throws IOException {
    Path path = root.resolve(dir);
    if (!Files.exists(path)) {
      return List.of();
    }
    try (Stream<Path> stream = Files.walk(path)) {
      return stream.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void storesADownloadUnderItsDigestAndServesItAgainWithoutAsking() throws IOException {
    URI url = server.uri("hello.txt");

    CachedFile first = cache(T0).fetch(url, Expected.of(helloDigest, hello.length, "test"));
    CachedFile second =
        cache(T0.plusSeconds(60)).fetch(url, Expected.of(helloDigest, hello.length, "test"));

    Path blob = root.resolve("blobs/sha256/" + helloDigest.hex());
    assertThat(first).isEqualTo(new CachedFile(url, blob, helloDigest, hello.length, false));
    assertThat(second).isEqualTo(new CachedFile(url, blob, helloDigest, hello.length, true));
    assertThat(Files.readAllBytes(blob)).isEqualTo(hello);
    assertThat(server.requests()).containsExactly("GET /hello.txt");
    assertThat(cache(T0).list())
        .containsExactly(new CacheEntry(url, helloDigest, hello.length, T0, T0.plusSeconds(60)));
  }

  @Test
  void aDigestMismatchNamesUrlAndBothDigestsAndKeepsNothing() throws IOException {
    URI url = server.uri("hello.txt");
    Sha256Digest wrong = Sha256Digest.of(new byte[] {1});

    assertThatThrownBy(() -> cache(T0).fetch(url, Expected.sha256(wrong, "Packages", ANY_SIZE)))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            url
                + ": SHA-256 is "
                + helloDigest
                + " but Packages says "
                + wrong
                + "; the download was dropped");
    assertThat(filesUnder("blobs")).isEmpty();
    assertThat(filesUnder("tmp")).allMatch(p -> p.toString().endsWith(".lock"));
    assertThat(filesUnder("index")).isEmpty();
  }

  @Test
  void anEndlessDownloadStopsAtTheSizePackagesGivesAndKeepsNoPartialFile() throws IOException {
    server.endless("hello.txt");
    URI url = server.uri("hello.txt");

    assertThatThrownBy(() -> cache(T0).fetch(url, Expected.of(helloDigest, 692, "Packages")))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            url
                + ": the server sent more than the 692 bytes Packages says; the download was dropped");
    assertThat(filesUnder("blobs")).isEmpty();
    assertThat(filesUnder("tmp")).allMatch(p -> p.toString().endsWith(".lock"));
    assertThat(filesUnder("index")).isEmpty();
  }

  @Test
  void anEndlessUnverifiedDownloadStopsAtItsLimit() throws IOException {
    server.endless("hello.txt");
    URI url = server.uri("hello.txt");

    assertThatThrownBy(() -> cache(T0).fetchUnverified(url, ANY_SIZE))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            url
                + ": the server sent more than the 1048576 bytes pveiso accepts for a test file;"
                + " the download was dropped");
    assertThat(filesUnder("tmp")).allMatch(p -> p.toString().endsWith(".lock"));
  }

  @Test
  void aTruncatedDownloadIsASizeMismatchAndKeepsNothing() throws IOException {
    URI url = server.uri("hello.txt");

    assertThatThrownBy(
            () -> cache(T0).fetch(url, Expected.of(helloDigest, hello.length + 100, "Packages")))
        .isInstanceOf(VerificationException.class)
        .hasMessage(url + ": size is 13 bytes but Packages says 113; the download was dropped");
    assertThat(filesUnder("blobs")).isEmpty();
    assertThat(filesUnder("tmp")).allMatch(p -> p.toString().endsWith(".lock"));
  }

  @Test
  void aBlobThatNoLongerMatchesIsDroppedAndFetchedAgain() throws IOException {
    URI url = server.uri("hello.txt");
    CachedFile first = cache(T0).fetch(url, Expected.sha256(helloDigest, "test", ANY_SIZE));
    Files.writeString(first.path(), "tampered");

    CachedFile second = cache(T0).fetch(url, Expected.sha256(helloDigest, "test", ANY_SIZE));

    assertThat(second.reused()).isFalse();
    assertThat(Files.readAllBytes(second.path())).isEqualTo(hello);
    assertThat(server.requests()).containsExactly("GET /hello.txt", "GET /hello.txt");
    assertThat(events)
        .contains(
            new Event.Log(
                Event.Level.WARN,
                "cache: dropped "
                    + first.path()
                    + " because its content now hashes to "
                    + Sha256Digest.of("tampered".getBytes(StandardCharsets.UTF_8))
                    + "; it will be fetched again"));
  }

  @Test
  void aPartialDownloadLeftByAKilledProcessIsResumed() throws IOException {
    URI url = server.uri("hello.txt");
    Path part = new CacheStorageFiles(root).partFile(url);
    Files.createDirectories(part.getParent());
    Files.write(part, java.util.Arrays.copyOf(hello, 5));

    CachedFile file = cache(T0).fetch(url, Expected.sha256(helloDigest, "test", ANY_SIZE));

    assertThat(Files.readAllBytes(file.path())).isEqualTo(hello);
    assertThat(server.requests()).containsExactly("GET /hello.txt bytes=5-");
    assertThat(part).doesNotExist();
  }

  @Test
  void manyThreadsFetchingTheSameFilesAllSucceed() throws IOException {
    List<Sha256Digest> digests = writeFiles(8);
    Cache cache = cache(T0);

    List<CachedFile> results =
        new ParallelDownloads(16)
            .map(
                IntStream.range(0, 64).boxed().toList(),
                i ->
                    cache.fetch(
                        server.uri("f" + (i % 8)),
                        Expected.sha256(digests.get(i % 8), "test", ANY_SIZE)));

    assertThat(results).extracting(CachedFile::sha256).hasSize(64).containsAll(digests);
    assertThat(filesUnder("blobs")).hasSize(8);
    assertThat(cache.list()).hasSize(8);
  }

  @Test
  void twoProcessesSharingTheCacheBothSucceed() throws Exception {
    List<Sha256Digest> digests = writeFiles(30);
    List<String> args = new ArrayList<>();
    for (int i = 0; i < digests.size(); i++) {
      args.add(server.uri("f" + i) + "=" + digests.get(i));
    }

    Process one = startFetchProcess(args);
    Process two = startFetchProcess(args.reversed());

    assertThat(one.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(two.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(one.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
    assertThat(new String(two.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
    assertThat(one.exitValue()).isZero();
    assertThat(two.exitValue()).isZero();
    assertThat(filesUnder("blobs")).hasSize(30);
    assertThat(cache(T0).verify().dropped()).isEmpty();
    assertThat(cache(T0).list()).hasSize(30);
  }

  @Test
  void verifyDropsBlobsThatNoLongerMatchAndTheirEntries() throws IOException {
    List<Sha256Digest> digests = writeFiles(3);
    Cache cache = cache(T0);
    for (int i = 0; i < 3; i++) {
      cache.fetch(server.uri("f" + i), Expected.sha256(digests.get(i), "test", ANY_SIZE));
    }
    Files.writeString(root.resolve("blobs/sha256/" + digests.get(1).hex()), "bit rot");

    CacheMaintenance.VerifyReport report = cache.verify();

    assertThat(report.checked()).isEqualTo(3);
    assertThat(report.dropped()).containsExactly(digests.get(1));
    assertThat(report.dangling()).extracting(CacheEntry::url).containsExactly(server.uri("f1"));
    assertThat(cache.list())
        .extracting(CacheEntry::digest)
        .containsExactly(digests.get(0), digests.get(2));
  }

  @Test
  void pruneByAgeRemovesEntriesUnusedSinceAndTheirOldBlobs() throws IOException {
    List<Sha256Digest> digests = writeFiles(2);
    cache(T0).fetch(server.uri("f0"), Expected.sha256(digests.get(0), "test", ANY_SIZE));
    cache(T0.plus(Duration.ofDays(20)))
        .fetch(server.uri("f1"), Expected.sha256(digests.get(1), "test", ANY_SIZE));
    ageAllFiles();

    CacheMaintenance.PruneReport report =
        cache(T0.plus(Duration.ofDays(30)))
            .prune(
                CacheMaintenance.PruneRequest.olderThan(
                    Duration.ofDays(14),
                    Clock.fixed(T0.plus(Duration.ofDays(30)), ZoneOffset.UTC)));

    assertThat(report.removedEntries())
        .extracting(CacheEntry::url)
        .containsExactly(server.uri("f0"));
    assertThat(report.removedBlobs()).containsExactly(digests.get(0));
    assertThat(report.freedBytes()).isEqualTo(6);
    assertThat(filesUnder("blobs"))
        .containsExactly(root.resolve("blobs/sha256/" + digests.get(1).hex()));
  }

  @Test
  void pruneKeepOnlyRemovesWhatTheConfigurationDoesNotNeed() throws IOException {
    List<Sha256Digest> digests = writeFiles(3);
    Cache cache = cache(T0);
    for (int i = 0; i < 3; i++) {
      cache.fetch(server.uri("f" + i), Expected.sha256(digests.get(i), "test", ANY_SIZE));
    }
    DerivedKey parsed = DerivedKey.of("packages", 1).input("index", digests.get(0));
    cache.writeParsed(parsed, new byte[] {1, 2, 3});
    ageAllFiles();

    CacheMaintenance.PruneReport report =
        cache.prune(CacheMaintenance.PruneRequest.keepOnly(Set.of(digests.get(2))));

    assertThat(report.removedBlobs()).containsExactly(sorted(digests.get(0), digests.get(1)));
    assertThat(cache.list()).extracting(CacheEntry::digest).containsExactly(digests.get(2));
    assertThat(cache.readParsed(parsed)).isEmpty();
  }

  @Test
  void parsedEntriesRoundTripAndAreDroppedWhenDamaged() throws IOException {
    Cache cache = cache(T0);
    DerivedKey key = DerivedKey.of("packages", 1).input("index", helloDigest);
    cache.writeParsed(key, new byte[] {9, 8, 7});

    assertThat(cache.readParsed(key)).contains(new byte[] {9, 8, 7});
    Path file = root.resolve("parsed/packages/" + key.digest().hex());
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 1] = 0;
    Files.write(file, bytes);
    assertThat(cache.readParsed(key)).isEqualTo(Optional.empty());
    assertThat(file).doesNotExist();
    Files.write(file, java.util.Arrays.copyOf(bytes, 71)); // shorter than the header
    assertThat(cache.readParsed(key)).isEqualTo(Optional.empty());
    assertThat(file).doesNotExist();
    cache.writeParsed(key, new byte[0]);
    assertThat(cache.readParsed(key)).contains(new byte[0]);
  }

  private Sha256Digest[] sorted(Sha256Digest a, Sha256Digest b) {
    return a.compareTo(b) < 0 ? new Sha256Digest[] {a, b} : new Sha256Digest[] {b, a};
  }

  private void ageAllFiles() throws IOException {
    try (Stream<Path> stream = Files.walk(root)) {
      for (Path p : stream.filter(Files::isRegularFile).toList()) {
        Files.setLastModifiedTime(p, FileTime.from(T0.minus(Duration.ofDays(1))));
      }
    }
  }

  private List<Sha256Digest> writeFiles(int count) throws IOException {
    List<Sha256Digest> digests = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] bytes = ("file " + i).getBytes(StandardCharsets.UTF_8);
      Files.write(served.resolve("f" + i), bytes);
      digests.add(Sha256Digest.of(bytes));
    }
    return digests;
  }

  private Process startFetchProcess(List<String> urls) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CacheFetchMain.class.getName());
    command.add(root.toString());
    command.addAll(urls);
    return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }
}
