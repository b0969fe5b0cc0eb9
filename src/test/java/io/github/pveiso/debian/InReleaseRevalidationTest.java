package io.github.pveiso.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.cache.KeptFile;
import io.github.pveiso.events.Event;
import io.github.pveiso.net.HttpFetcher;
import io.github.pveiso.net.LoopbackServer;
import io.github.pveiso.net.LoopbackServer.Answer;
import io.github.pveiso.net.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The InRelease kept in the cache, asked for again with a conditional request. */
class InReleaseRevalidationTest {

  private static final PGPKeyPair KEY = TestSigner.ed25519();
  private static final Instant NOW = Instant.parse("2026-01-10T00:00:00Z");
  private static final Instant PUBLISHED = NOW.minus(Duration.ofDays(1));
  private static final Optional<Instant> VALID = Optional.of(NOW.plus(Duration.ofDays(7)));
  private static final String IN_RELEASE = "/debian/dists/trixie/InRelease";

  @TempDir Path temp;

  private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
  private TestRepository repo;
  private LoopbackServer server;
  private Path cacheRoot;

  @BeforeEach
  void start() throws IOException {
    repo = new TestRepository(temp.resolve("served/debian"), "trixie");
    repo.add(
        "main",
        new TestDeb("iucode-tool", "2.3.1-3", "amd64").file("./usr/sbin/iucode_tool", "tool"));
    repo.add(
        "non-free-firmware",
        new TestDeb("firmware-realtek", "20250410-2", "all")
            .file("./lib/firmware/rtl_nic/rtl8125a-3.fw", "rtl"));
    server = LoopbackServer.serving(temp.resolve("served"));
    cacheRoot = temp.resolve("cache");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private DebianRepository repository(URI mirror) {
    return new DebianRepository(
        mirror,
        "trixie",
        List.of("main", "non-free-firmware"),
        List.of("amd64"),
        TestSigner.trust(KEY));
  }

  private DebianRepository repository() {
    return repository(server.uri("debian/"));
  }

  private HttpFetcher fetcher() {
    return new HttpFetcher(
        RetryPolicy.DEFAULT.withSleeper(d -> {}), Duration.ofSeconds(10), events::add);
  }

  private Cache cache() {
    return Cache.open(cacheRoot, fetcher(), Clock.fixed(NOW, ZoneOffset.UTC), events::add);
  }

  private DebianRepositoryClient client(Instant now) {
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    return new DebianRepositoryClient(
        Cache.open(cacheRoot, fetcher(), clock, events::add),
        fetcher(),
        clock,
        temp.resolve("work"),
        events::add);
  }

  private DebianRepositoryClient client() {
    return client(NOW);
  }

  /** The indexes of {@code repo} as the pipeline reads them: its Release file, then its indexes. */
  private static List<RepositoryIndex> indexes(
      DebianRepositoryClient client, DebianRepository repo) {
    return client.indexes(repo, client.release(repo));
  }

  private String publish(Instant date, Optional<Instant> validUntil) {
    return repo.publish(date, validUntil, true, text -> TestSigner.clearsign(text, KEY));
  }

  private byte[] served() throws IOException {
    return Files.readAllBytes(repo.root().resolve("dists/trixie/InRelease"));
  }

  private List<Answer> answersSince(int before) {
    List<Answer> answers = server.answers();
    return answers.subList(before, answers.size());
  }

  private static List<String> logs(List<Event> events, Event.Level level) {
    return events.stream()
        .filter(e -> e instanceof Event.Log log && log.level() == level)
        .map(e -> ((Event.Log) e).message())
        .toList();
  }

  @Test
  void aSecondRunIsAnswered304AndVerifiesTheKeptCopy() throws IOException {
    String text = publish(PUBLISHED, VALID);
    List<RepositoryIndex> cold = indexes(client(), repository());
    KeptFile kept = cache().kept(server.uri(IN_RELEASE)).orElseThrow();
    int before = server.answers().size();
    events.clear();

    List<RepositoryIndex> warm = indexes(client(), repository());
    VerifiedRelease release = client().release(repository());

    assertThat(answersSince(before))
        .containsExactly(new Answer(IN_RELEASE, 304, 0), new Answer(IN_RELEASE, 304, 0));
    assertThat(kept.bytes()).isEqualTo(served());
    assertThat(kept.validators().etag()).contains("\"" + Sha256Digest.of(served()).hex() + "\"");
    assertThat(release.text()).isEqualTo(text);
    assertThat(warm)
        .extracting(RepositoryIndex::sha256)
        .isEqualTo(cold.stream().map(RepositoryIndex::sha256).toList());
    assertThat(warm.get(1).index().named("firmware-realtek")).hasSize(1);
    assertThat(logs(events, Event.Level.DEBUG))
        .contains(
            server.uri(IN_RELEASE)
                + " is not modified ("
                + kept.validators().describe()
                + "); using the kept copy "
                + kept.digest());
    assertThat(logs(events, Event.Level.WARN)).isEmpty();
    assertThat(logs(events, Event.Level.INFO)).isEmpty();
  }

  @Test
  void aChangedInReleaseIsDownloadedUsedAndKept() throws IOException {
    publish(PUBLISHED, VALID);
    indexes(client(), repository());
    String newer = publish(PUBLISHED.plus(Duration.ofHours(1)), VALID);
    int before = server.answers().size();

    VerifiedRelease release = client().release(repository());

    assertThat(release.text()).isEqualTo(newer);
    assertThat(answersSince(before)).containsExactly(new Answer(IN_RELEASE, 200, served().length));
    assertThat(cache().kept(server.uri(IN_RELEASE)).orElseThrow().bytes()).isEqualTo(served());
    int again = server.answers().size();
    assertThat(client().release(repository()).text()).isEqualTo(newer);
    assertThat(answersSince(again)).containsExactly(new Answer(IN_RELEASE, 304, 0));
  }

  @Test
  void aKeptInReleaseWhoseValidUntilPassedIsRefusedAsBefore() throws IOException {
    publish(PUBLISHED, Optional.of(NOW.plus(Duration.ofDays(1))));
    client().release(repository());
    int before = server.answers().size();
    Instant later = NOW.plus(Duration.ofDays(3));

    assertThatThrownBy(() -> indexes(client(later), repository()))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            server.uri(IN_RELEASE)
                + ": expired on 2026-01-11T00:00:00Z (Valid-Until; clock says"
                + " 2026-01-13T00:00:00Z); the mirror is stale, use another one");
    assertThat(answersSince(before)).containsExactly(new Answer(IN_RELEASE, 304, 0));
  }

  @Test
  void aTamperedKeptInReleaseIsDroppedWithAWarningAndFetchedInFull() throws IOException {
    String text = publish(PUBLISHED, VALID);
    client().release(repository());
    Path blob = cacheRoot.resolve("blobs/sha256").resolve(Sha256Digest.of(served()).hex());
    byte[] tampered = Files.readAllBytes(blob);
    tampered[tampered.length / 2] ^= 1;
    Files.write(blob, tampered);
    int before = server.answers().size();
    events.clear();

    VerifiedRelease release = client().release(repository());

    assertThat(release.text()).isEqualTo(text);
    assertThat(answersSince(before)).containsExactly(new Answer(IN_RELEASE, 200, served().length));
    assertThat(logs(events, Event.Level.WARN))
        .containsExactly(
            "cache: dropped "
                + blob
                + " because its content now hashes to "
                + Sha256Digest.of(tampered)
                + "; it will be fetched again");
    assertThat(Files.readAllBytes(blob)).isEqualTo(served());
  }

  @Test
  void aTamperedValidatorsEntryIsDroppedWithAWarningAndTheFileFetchedInFull() throws IOException {
    String text = publish(PUBLISHED, VALID);
    client().release(repository());
    Path entry =
        cache()
            .files()
            .parsedFile(
                io.github.pveiso.cache.DerivedKey.of("http-validators", 1)
                    .input("kept", Sha256Digest.of(served())));
    byte[] bytes = Files.readAllBytes(entry);
    bytes[bytes.length - 3] ^= 1;
    Files.write(entry, bytes);
    int before = server.answers().size();
    events.clear();

    assertThat(client().release(repository()).text()).isEqualTo(text);

    assertThat(answersSince(before)).containsExactly(new Answer(IN_RELEASE, 200, served().length));
    assertThat(logs(events, Event.Level.WARN))
        .containsExactly(
            "cache: dropped http-validators entry of "
                + server.uri(IN_RELEASE)
                + ": its checksum does not match; making it again");
    assertThat(cache().kept(server.uri(IN_RELEASE))).isPresent();
  }

  @Test
  void anInReleaseThatFailsVerificationIsNotKept() throws IOException {
    publish(PUBLISHED, VALID);
    client().release(repository());
    byte[] good = served();
    repo.publish(
        PUBLISHED.plus(Duration.ofHours(1)),
        VALID,
        true,
        text -> TestSigner.clearsign(text, KEY).replace("Label: Test", "Label: Evil"));

    assertThatThrownBy(() -> indexes(client(), repository()))
        .isInstanceOf(VerificationException.class)
        .hasMessageStartingWith(server.uri(IN_RELEASE) + ": BAD signature by key 0x");
    assertThatThrownBy(() -> client().release(repository()))
        .isInstanceOf(VerificationException.class)
        .hasMessageStartingWith(server.uri(IN_RELEASE) + ": BAD signature by key 0x");

    assertThat(cache().kept(server.uri(IN_RELEASE)).orElseThrow().bytes()).isEqualTo(good);
    assertThat(cacheRoot.resolve("blobs/sha256").resolve(Sha256Digest.of(served()).hex()))
        .doesNotExist();
  }

  @Test
  void releaseAndReleaseGpgAreKeptAndRevalidatedToo() throws IOException {
    byte[] release = publish(PUBLISHED, VALID).getBytes(StandardCharsets.UTF_8);
    Files.delete(repo.root().resolve("dists/trixie/InRelease"));
    PGPSignature signature =
        TestSigner.sign(KEY, HashAlgorithmTags.SHA256, PGPSignature.BINARY_DOCUMENT, release);
    repo.write(
        "dists/trixie/Release.gpg",
        TestSigner.armor(List.of(signature)).getBytes(StandardCharsets.US_ASCII));
    indexes(client(), repository());
    int before = server.answers().size();

    VerifiedRelease verified = client().release(repository());

    assertThat(verified.text()).isEqualTo(new String(release, StandardCharsets.UTF_8));
    assertThat(answersSince(before))
        .containsExactly(
            new Answer(IN_RELEASE, 404, 0),
            new Answer("/debian/dists/trixie/Release", 304, 0),
            new Answer("/debian/dists/trixie/Release.gpg", 304, 0));
  }

  @Test
  void aLocalArchiveIsReadEachTimeAndNotKept() throws IOException {
    String text = publish(PUBLISHED, VALID);
    DebianRepository local = repository(repo.root().toUri());

    assertThat(client().release(local).text()).isEqualTo(text);
    assertThat(indexes(client(), local)).hasSize(2);

    assertThat(cache().kept(repo.root().resolve("dists/trixie/InRelease").toUri())).isEmpty();
    assertThat(cacheRoot.resolve("parsed/http-validators")).doesNotExist();
  }
}
