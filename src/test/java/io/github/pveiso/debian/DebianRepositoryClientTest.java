package io.github.pveiso.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.cache.CacheMaintenance;
import io.github.pveiso.cache.ContentCheck;
import io.github.pveiso.cache.DerivedKey;
import io.github.pveiso.events.Event;
import io.github.pveiso.net.HttpFetcher;
import io.github.pveiso.net.LoopbackServer;
import io.github.pveiso.net.ParallelDownloads;
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
import java.util.stream.Stream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebianRepositoryClientTest {

  private static final PGPKeyPair KEY = TestSigner.ed25519();
  private static final PGPKeyPair STRANGER = TestSigner.ed25519();
  private static final PGPKeyPair RSA = TestSigner.rsa();
  private static final Instant NOW = Instant.parse("2026-01-10T00:00:00Z");
  private static final Instant PUBLISHED = NOW.minus(Duration.ofDays(1));
  private static final Optional<Instant> VALID = Optional.of(NOW.plus(Duration.ofDays(7)));

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
        new TestDeb("intel-microcode", "3.20250512.1", "amd64")
            .file("./lib/firmware/intel-ucode/06-01-01", "ucode"),
        "Depends: iucode-tool (>= 1.0)");
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

  private DebianRepository repository(TrustedKeys keys) {
    return new DebianRepository(
        server.uri("debian/"),
        "trixie",
        List.of("main", "non-free-firmware"),
        List.of("amd64"),
        keys);
  }

  private DebianRepository repository() {
    return repository(TestSigner.trust(KEY, RSA));
  }

  private Cache cache() {
    return Cache.open(cacheRoot, fetcher(), Clock.fixed(NOW, ZoneOffset.UTC), events::add);
  }

  private HttpFetcher fetcher() {
    return new HttpFetcher(
        RetryPolicy.DEFAULT.withSleeper(d -> {}), Duration.ofSeconds(10), events::add);
  }

  private DebianRepositoryClient client() {
    return new DebianRepositoryClient(
        cache(), fetcher(), Clock.fixed(NOW, ZoneOffset.UTC), temp.resolve("work"), events::add);
  }

  /** The indexes of {@code repo} as the pipeline reads them: its Release file, then its indexes. */
  private static List<RepositoryIndex> indexes(
      DebianRepositoryClient client, DebianRepository repo) {
    return client.indexes(repo, client.release(repo));
  }

  private String publish() {
    return repo.publish(PUBLISHED, VALID, true, text -> TestSigner.clearsign(text, KEY));
  }

  private URI inRelease() {
    return server.uri("debian/dists/trixie/InRelease");
  }

  /** The blob of the served InRelease, which the cache keeps once it verified. */
  private Path keptInRelease() throws IOException {
    return cacheRoot
        .resolve("blobs/sha256")
        .resolve(Sha256Digest.ofFile(repo.root().resolve("dists/trixie/InRelease")).hex());
  }

  private List<Path> blobs() throws IOException {
    Path dir = cacheRoot.resolve("blobs");
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> stream = Files.walk(dir)) {
      return stream.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void verifiesTheReleaseAndFetchesIndexesByHash() throws IOException {
    String releaseText = publish();
    DebianRepositoryClient client = client();

    VerifiedRelease release = client.release(repository());
    List<RepositoryIndex> indexes = client.indexes(repository(), release);

    assertThat(release.text()).isEqualTo(releaseText);
    assertThat(release.keyFingerprint()).isEqualTo(TrustedKeys.fingerprint(KEY.getPublicKey()));
    assertThat(indexes)
        .extracting(RepositoryIndex::component)
        .containsExactly("main", "non-free-firmware");
    assertThat(indexes.get(1).index().packages())
        .extracting(BinaryPackage::name)
        .containsExactly("intel-microcode", "firmware-realtek");
    Sha256Digest xz =
        Sha256Digest.ofFile(repo.root().resolve("dists/trixie/main/binary-amd64/Packages.gz"));
    assertThat(indexes.get(0).sha256()).isEqualTo(xz);
    assertThat(server.requests())
        .containsExactly(
            "GET /debian/dists/trixie/InRelease",
            "GET /debian/dists/trixie/main/binary-amd64/by-hash/SHA256/" + xz,
            "GET /debian/dists/trixie/non-free-firmware/binary-amd64/by-hash/SHA256/"
                + indexes.get(1).sha256());
  }

  @Test
  void aWarmRunParsesNothingAgain() {
    publish();
    List<RepositoryIndex> cold = client().indexes(repository(), client().release(repository()));
    events.clear();

    List<RepositoryIndex> again = client().indexes(repository(), client().release(repository()));

    assertThat(again.get(0).index().named("iucode-tool")).hasSize(1);
    for (int i = 0; i < cold.size(); i++) {
      assertThat(again.get(i).index().packages().stream().map(PackagesIndexTest::everything))
          .containsExactlyElementsOf(
              cold.get(i).index().packages().stream().map(PackagesIndexTest::everything).toList());
    }
    assertThat(again.get(1).index().named("intel-microcode").get(0).depends().toString())
        .isEqualTo("[iucode-tool (>= 1.0)]");
    assertThat(events)
        .filteredOn(e -> e instanceof Event.Log log && log.message().startsWith("parsed "))
        .isEmpty();
    assertThat(events)
        .filteredOn(e -> e instanceof Event.Log log && log.message().startsWith("read the parsed "))
        .hasSize(2);
  }

  @Test
  void aBadSignatureIsRefusedWithAWarmCache() {
    publish();
    indexes(client(), repository());
    repo.publish(
        PUBLISHED,
        VALID,
        true,
        text -> TestSigner.clearsign(text, KEY).replace("Label: Test", "Label: Evil"));
    int before = server.requests().size();

    assertThatThrownBy(() -> indexes(client(), repository()))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            inRelease()
                + ": BAD signature by key 0x"
                + TrustedKeys.keyId(KEY.getKeyID())
                + " ("
                + TrustedKeys.fingerprint(KEY.getPublicKey())
                + "); the file was altered or damaged, do not use this mirror's copy");
    assertThat(server.requests().subList(before, server.requests().size()))
        .containsExactly("GET /debian/dists/trixie/InRelease");
  }

  @Test
  void withoutInReleaseTheIndexesAreReadThroughReleaseGpg() throws IOException {
    byte[] release = publish().getBytes(StandardCharsets.UTF_8);
    Files.delete(repo.root().resolve("dists/trixie/InRelease"));
    PGPSignature signature =
        TestSigner.sign(KEY, HashAlgorithmTags.SHA256, PGPSignature.BINARY_DOCUMENT, release);
    repo.write(
        "dists/trixie/Release.gpg",
        TestSigner.armor(List.of(signature)).getBytes(StandardCharsets.US_ASCII));

    List<RepositoryIndex> indexes = indexes(client(), repository());

    assertThat(indexes.get(1).index().named("intel-microcode")).hasSize(1);
    assertThat(server.requests()).contains("GET /debian/dists/trixie/Release.gpg");
  }

  @Test
  void withoutByHashTheIndexIsFetchedByName() {
    repo.publish(PUBLISHED, VALID, false, text -> TestSigner.clearsign(text, KEY));
    DebianRepositoryClient client = client();

    client.indexes(repository(), client.release(repository()));

    assertThat(server.requests())
        .contains("GET /debian/dists/trixie/main/binary-amd64/Packages.gz");
  }

  @Test
  void fallsBackToReleaseAndReleaseGpgWithoutInRelease() throws IOException {
    String text = publish();
    Files.delete(repo.root().resolve("dists/trixie/InRelease"));
    byte[] release = text.getBytes(StandardCharsets.UTF_8);
    PGPSignature signature =
        TestSigner.sign(KEY, HashAlgorithmTags.SHA256, PGPSignature.BINARY_DOCUMENT, release);
    repo.write(
        "dists/trixie/Release.gpg",
        TestSigner.armor(List.of(signature)).getBytes(StandardCharsets.US_ASCII));

    VerifiedRelease verified = client().release(repository());

    assertThat(verified.text()).isEqualTo(text);
    assertThat(server.requests())
        .containsExactly(
            "GET /debian/dists/trixie/InRelease",
            "GET /debian/dists/trixie/Release",
            "GET /debian/dists/trixie/Release.gpg");
  }

  @Test
  void refusesAnInReleaseWithABadSignature() throws IOException {
    repo.publish(
        PUBLISHED,
        VALID,
        true,
        text -> TestSigner.clearsign(text, KEY).replace("Label: Test", "Label: Evil"));

    assertThatThrownBy(() -> client().release(repository()))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            inRelease()
                + ": BAD signature by key 0x"
                + TrustedKeys.keyId(KEY.getKeyID())
                + " ("
                + TrustedKeys.fingerprint(KEY.getPublicKey())
                + "); the file was altered or damaged, do not use this mirror's copy");
    assertThat(blobs()).isEmpty();
  }

  @Test
  void refusesAnInReleaseSignedOnlyByAnUnknownKey() throws IOException {
    repo.publish(PUBLISHED, VALID, true, text -> TestSigner.clearsign(text, STRANGER));

    assertThatThrownBy(() -> client().release(repository()))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            inRelease()
                + ": signed only by unknown key 0x"
                + TrustedKeys.keyId(STRANGER.getKeyID())
                + "; add the repository's key to the trusted keys if you trust it");
    assertThat(blobs()).isEmpty();
  }

  @Test
  void refusesAnUnsignedLineAfterTheSignature() throws IOException {
    repo.publish(
        PUBLISHED, VALID, true, text -> TestSigner.clearsign(text, KEY) + "\nSuite: evil\n");

    assertThatThrownBy(() -> client().release(repository()))
        .isInstanceOf(VerificationException.class)
        .hasMessage(inRelease() + ": unsigned text after the signature: 'Suite: evil'");
    assertThat(blobs()).isEmpty();
  }

  @Test
  void refusesAnInReleaseDatedInTheFuture() throws IOException {
    repo.publish(
        NOW.plus(Duration.ofHours(1)), VALID, true, text -> TestSigner.clearsign(text, KEY));

    assertThatThrownBy(() -> client().release(repository()))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            inRelease()
                + ": Date 2026-01-10T01:00:00Z is in the future (clock says 2026-01-10T00:00:00Z);"
                + " check this machine's clock or the mirror");
    assertThat(blobs()).isEmpty();
  }

  @Test
  void refusesAnExpiredInRelease() throws IOException {
    repo.publish(
        PUBLISHED.minus(Duration.ofDays(9)),
        Optional.of(NOW.minus(Duration.ofDays(2))),
        true,
        text -> TestSigner.clearsign(text, KEY));

    assertThatThrownBy(() -> client().release(repository()))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            inRelease()
                + ": expired on 2026-01-08T00:00:00Z (Valid-Until; clock says"
                + " 2026-01-10T00:00:00Z); the mirror is stale, use another one");
    assertThat(blobs()).isEmpty();
  }

  @Test
  void refusesAnInReleaseSignedWithSha1Only() throws IOException {
    repo.publish(
        PUBLISHED, VALID, true, text -> TestSigner.clearsign(text, HashAlgorithmTags.SHA1, RSA));

    assertThatThrownBy(() -> client().release(repository()))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            inRelease()
                + ": no acceptable signature: key 0x"
                + TrustedKeys.keyId(RSA.getKeyID())
                + " uses the weak digest SHA1");
    assertThat(blobs()).isEmpty();
  }

  @Test
  void refusesAPackagesIndexThatDiffersFromTheReleaseFile() throws IOException {
    publish();
    Path xz = repo.root().resolve("dists/trixie/main/binary-amd64/Packages.gz");
    Sha256Digest listed = Sha256Digest.ofFile(xz);
    byte[] bytes = Files.readAllBytes(xz);
    bytes[bytes.length / 2] ^= 1;
    repo.write("dists/trixie/main/binary-amd64/by-hash/SHA256/" + listed, bytes);
    DebianRepositoryClient client = client();
    VerifiedRelease release = client.release(repository());

    assertThatThrownBy(() -> client.indexes(repository(), release))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            server.uri("debian/dists/trixie/main/binary-amd64/by-hash/SHA256/" + listed)
                + ": SHA-256 is "
                + Sha256Digest.of(bytes)
                + " but the Release file says "
                + listed
                + "; the download was dropped");
    assertThat(blobs()).containsExactly(keptInRelease()); // it verified; the index did not
  }

  @Test
  void aComponentTheSuiteDoesNotHaveIsTheUsersMistake() {
    publish();
    DebianRepository wrong =
        new DebianRepository(
            server.uri("debian/"),
            "trixie",
            List.of("contrib"),
            List.of("amd64"),
            TestSigner.trust(KEY));
    DebianRepositoryClient client = client();
    VerifiedRelease release = client.release(wrong);

    assertThatThrownBy(() -> client.indexes(wrong, release))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "debian component 'contrib' is not in trixie at "
                + server.uri("debian/")
                + " (it has main, non-free-firmware)");
  }

  private List<FetchedDeb> download(DebDownloader downloader, String... names) {
    DebianRepositoryClient client = client();
    List<RepositoryIndex> indexes = client.indexes(repository(), client.release(repository()));
    List<DebDownloader.Wanted> wanted = new ArrayList<>();
    for (String name : names) {
      for (RepositoryIndex index : indexes) {
        index
            .index()
            .named(name)
            .forEach(p -> wanted.add(new DebDownloader.Wanted(p, index.component())));
      }
    }
    return downloader.download(server.uri("debian/"), wanted);
  }

  private DebDownloader downloader() {
    return new DebDownloader(cache(), new ParallelDownloads(4), ContentCheck.NONE);
  }

  @Test
  void downloadsDebsCheckedAgainstPackages() throws IOException {
    publish();

    List<FetchedDeb> debs = download(downloader(), "intel-microcode", "iucode-tool");

    Path pool =
        repo.root()
            .resolve(
                "pool/non-free-firmware/i/intel-microcode/intel-microcode_3.20250512.1_amd64.deb");
    Sha256Digest digest = Sha256Digest.ofFile(pool);
    FetchedDeb first = debs.get(0);
    assertThat(first.name()).isEqualTo("intel-microcode");
    assertThat(first.version()).isEqualTo(DebianVersion.parse("3.20250512.1"));
    assertThat(first.architecture()).isEqualTo("amd64");
    assertThat(first.component()).isEqualTo("non-free-firmware");
    assertThat(first.url())
        .isEqualTo(
            server.uri(
                "debian/pool/non-free-firmware/i/intel-microcode/intel-microcode_3.20250512.1_amd64.deb"));
    assertThat(first.sha256()).isEqualTo(digest);
    assertThat(first.size()).isEqualTo(Files.size(pool));
    assertThat(first.path()).isEqualTo(cacheRoot.resolve("blobs/sha256/" + digest.hex()));
    assertThat(Files.mismatch(first.path(), pool)).isEqualTo(-1);
    assertThat(debs.get(1).component()).isEqualTo("main");
  }

  @Test
  void aTamperedCachedDebAmongSeveralIsDroppedAndFetchedAgainInOrder() throws IOException {
    publish();
    List<FetchedDeb> cold =
        download(downloader(), "intel-microcode", "iucode-tool", "firmware-realtek");
    Path tampered = cold.get(1).path();
    byte[] bytes = Files.readAllBytes(tampered);
    bytes[bytes.length - 1] ^= 1;
    Files.write(tampered, bytes);
    int before = server.requests().size();
    events.clear();

    List<FetchedDeb> warm =
        download(downloader(), "intel-microcode", "iucode-tool", "firmware-realtek");

    assertThat(warm).isEqualTo(cold);
    assertThat(Sha256Digest.ofFile(tampered)).isEqualTo(cold.get(1).sha256());
    assertThat(events)
        .filteredOn(e -> e instanceof Event.Log log && log.level() == Event.Level.WARN)
        .containsExactly(
            new Event.Log(
                Event.Level.WARN,
                "cache: dropped "
                    + tampered
                    + " because its content now hashes to "
                    + Sha256Digest.of(bytes)
                    + "; it will be fetched again"));
    assertThat(server.requests().subList(before, server.requests().size()))
        .filteredOn(r -> r.contains("/pool/"))
        .containsExactly("GET /debian/pool/main/i/iucode-tool/iucode-tool_2.3.1-3_amd64.deb");
    assertThat(Thread.getAllStackTraces().keySet())
        .extracting(Thread::getName)
        .noneMatch(n -> n.startsWith(ParallelDownloads.PREFIX));
  }

  @Test
  void refusesADebWhoseDigestDiffersFromPackages() throws IOException {
    publish();
    String file = "pool/non-free-firmware/f/firmware-realtek/firmware-realtek_20250410-2_all.deb";
    byte[] bytes = Files.readAllBytes(repo.root().resolve(file));
    Sha256Digest listed = Sha256Digest.of(bytes);
    bytes[bytes.length - 1] ^= 1;
    repo.write(file, bytes);

    assertThatThrownBy(() -> download(downloader(), "firmware-realtek"))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            server.uri("debian/" + file)
                + ": SHA-256 is "
                + Sha256Digest.of(bytes)
                + " but Packages says "
                + listed
                + "; the download was dropped");
    assertThat(blobs()).hasSize(3); // the kept InRelease, the two Packages indexes, no .deb
  }

  @Test
  void refusesATruncatedDeb() throws IOException {
    publish();
    String file = "pool/non-free-firmware/f/firmware-realtek/firmware-realtek_20250410-2_all.deb";
    byte[] bytes = Files.readAllBytes(repo.root().resolve(file));
    repo.write(file, java.util.Arrays.copyOf(bytes, 100));

    assertThatThrownBy(() -> download(downloader(), "firmware-realtek"))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            server.uri("debian/" + file)
                + ": size is 100 bytes but Packages says "
                + bytes.length
                + "; the download was dropped");
    assertThat(blobs()).hasSize(3).contains(keptInRelease());
  }

  @Test
  void aDebWhoseConnectionDropsHalfWayIsResumed() throws IOException {
    publish();
    String file = "pool/non-free-firmware/f/firmware-realtek/firmware-realtek_20250410-2_all.deb";
    server.dropHalfwayOnce("debian/" + file);

    List<FetchedDeb> debs = download(downloader(), "firmware-realtek");

    assertThat(Files.mismatch(debs.get(0).path(), repo.root().resolve(file))).isEqualTo(-1);
    assertThat(server.requests()).filteredOn(r -> r.contains("firmware-realtek")).hasSize(2);
    assertThat(server.requests().getLast()).startsWith("GET /debian/" + file + " bytes=");
  }

  @Test
  void refusesADebWithADotDotEntryOnFetchAndKeepsNothing() throws IOException {
    String file =
        repo.add(
            "non-free-firmware", new TestDeb("firmware-evil", "1", "all").file("../escape", "x"));
    publish();
    DebDownloader checking =
        new DebDownloader(cache(), new ParallelDownloads(4), DebStructureCheck.INSTANCE);

    assertThatThrownBy(() -> download(checking, "firmware-evil"))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            server.uri("debian/" + file)
                + ": data.tar.gz entry '../escape' escapes the package root");
    assertThat(blobs()).hasSize(3).contains(keptInRelease());
  }

  @Test
  void refusesADebWithASymlinkOutOfTheRootOnFetchAndKeepsNothing() throws IOException {
    String file =
        repo.add(
            "non-free-firmware",
            new TestDeb("firmware-evil", "1", "all")
                .symlink("./lib/firmware/evil", "/../../../etc/shadow"));
    publish();
    DebDownloader checking =
        new DebDownloader(cache(), new ParallelDownloads(4), DebStructureCheck.INSTANCE);

    assertThatThrownBy(() -> download(checking, "firmware-evil"))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            server.uri("debian/" + file)
                + ": data.tar.gz entry './lib/firmware/evil' is a symlink to"
                + " '/../../../etc/shadow' outside the package root");
    assertThat(blobs()).hasSize(3).contains(keptInRelease());
  }

  @Test
  void aWellFormedDebPassesTheStructureCheck() {
    publish();
    DebDownloader checking =
        new DebDownloader(cache(), new ParallelDownloads(4), DebStructureCheck.INSTANCE);

    assertThat(download(checking, "firmware-realtek", "intel-microcode")).hasSize(2);
  }

  @Test
  void fallsBackToThePlainIndexWhenByHashIsMissing() throws IOException {
    publish();
    Path xz = repo.root().resolve("dists/trixie/main/binary-amd64/Packages.gz");
    Files.delete(
        repo.root()
            .resolve("dists/trixie/main/binary-amd64/by-hash/SHA256/" + Sha256Digest.ofFile(xz)));
    DebianRepositoryClient client = client();

    List<RepositoryIndex> indexes = client.indexes(repository(), client.release(repository()));

    assertThat(indexes.get(0).index().named("iucode-tool")).hasSize(1);
    assertThat(server.requests())
        .contains("GET /debian/dists/trixie/main/binary-amd64/Packages.gz");
  }

  @Test
  void anArchitectureTheSuiteDoesNotHaveIsTheUsersMistake() {
    publish();
    DebianRepository wrong =
        new DebianRepository(
            server.uri("debian/"),
            "trixie",
            List.of("main"),
            List.of("riscv64"),
            TestSigner.trust(KEY));
    DebianRepositoryClient client = client();
    VerifiedRelease release = client.release(wrong);

    assertThatThrownBy(() -> client.indexes(wrong, release))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "architecture 'riscv64' is not in trixie at "
                + server.uri("debian/")
                + " (it has amd64, arm64)");
  }

  @Test
  void anUnreadableParsedEntryIsParsedAgain() {
    publish();
    List<RepositoryIndex> first = indexes(client(), repository());
    cache()
        .writeParsed(ParsedIndexes.key("Packages.gz", first.get(0).sha256()), new byte[] {1, 2, 3});
    events.clear();
    int before = server.requests().size();

    List<RepositoryIndex> again = indexes(client(), repository());

    assertThat(again.get(0).index().named("iucode-tool")).hasSize(1);
    assertThat(again)
        .extracting(RepositoryIndex::sha256)
        .isEqualTo(first.stream().map(RepositoryIndex::sha256).toList());
    for (int i = 0; i < first.size(); i++) {
      assertThat(again.get(i).index().packages().stream().map(PackagesIndexTest::everything))
          .containsExactlyElementsOf(
              first.get(i).index().packages().stream().map(PackagesIndexTest::everything).toList());
    }
    assertThat(events)
        .filteredOn(e -> e instanceof Event.Log log && log.level() != Event.Level.DEBUG)
        .containsExactly(
            new Event.Log(
                Event.Level.WARN,
                "cache: dropped packages-index entry of "
                    + server.uri("debian/dists/trixie/main/binary-amd64/Packages.gz")
                    + ": not a pveiso Packages index cache (bad magic); making it again"));
    assertThat(events)
        .filteredOn(e -> e instanceof Event.Log log && log.message().startsWith("read the parsed "))
        .containsExactly(
            new Event.Log(
                Event.Level.DEBUG,
                "read the parsed "
                    + server.uri("debian/dists/trixie/non-free-firmware/binary-amd64/Packages.gz")
                    + " from the cache"));
    assertThat(server.requests().subList(before, server.requests().size()))
        .containsExactly("GET /debian/dists/trixie/InRelease");
  }

  @Test
  void cacheVerifyParsesEachIndexAgainAndDropsAParsedFormThatIsNotIts() {
    publish();
    DebianRepositoryClient client = client();
    List<RepositoryIndex> first = client.indexes(repository(), client.release(repository()));
    DerivedKey forged = ParsedIndexes.key("Packages.gz", first.get(0).sha256());
    cache().derived(ParsedIndexes.CODEC).write(forged, first.get(1).index());

    CacheMaintenance.VerifyReport report = cache().verify(List.of(ParsedIndexes.CODEC));

    assertThat(report.derivedDropped())
        .containsExactly(
            new CacheMaintenance.DroppedEntry(
                "parsed/packages-index/" + forged.digest().hex(),
                "it is not what its index file holds"));
    assertThat(cache().verify(List.of(ParsedIndexes.CODEC)).derivedDropped()).isEmpty();
  }

  @Test
  void aParsedEntryInTheOlderFormatIsParsedAgain() {
    publish();
    DebianRepositoryClient client = client();
    List<RepositoryIndex> first = client.indexes(repository(), client.release(repository()));
    byte[] old = PackagesIndexTest.formatOne(first.get(0).index());
    cache().writeParsed(ParsedIndexes.key("Packages.gz", first.get(0).sha256()), old);

    List<RepositoryIndex> again = client().indexes(repository(), client().release(repository()));

    assertThat(again.get(0).index().packages()).isEqualTo(first.get(0).index().packages());
    assertThat(events)
        .contains(
            new Event.Log(
                Event.Level.WARN,
                "cache: dropped packages-index entry of "
                    + server.uri("debian/dists/trixie/main/binary-amd64/Packages.gz")
                    + ": a Packages index cache in another format than PVEISO-PKGIDX-2;"
                    + " making it again"));
  }

  @Test
  void aLocalArchiveWithoutInReleaseUsesReleaseGpg() throws IOException {
    String text = publish();
    Files.delete(repo.root().resolve("dists/trixie/InRelease"));
    byte[] release = text.getBytes(StandardCharsets.UTF_8);
    PGPSignature signature =
        TestSigner.sign(KEY, HashAlgorithmTags.SHA256, PGPSignature.BINARY_DOCUMENT, release);
    repo.write(
        "dists/trixie/Release.gpg",
        TestSigner.armor(List.of(signature)).getBytes(StandardCharsets.US_ASCII));
    DebianRepository local =
        new DebianRepository(
            repo.root().toUri(),
            "trixie",
            List.of("main"),
            List.of("amd64"),
            TestSigner.trust(KEY));

    assertThat(client().release(local).text()).isEqualTo(text);
  }

  @Test
  void aFilenameOutsideTheArchiveIsRefused() {
    PackagesIndex index =
        PackagesIndex.of(
            "test",
            List.of(
                Stanza.of(
                    java.util.Map.of(
                        "Package", "evil",
                        "Version", "1",
                        "Architecture", "all",
                        "Filename", "pool/../../etc/passwd",
                        "Size", "1",
                        "SHA256", "a".repeat(64)))));
    DebDownloader.Wanted wanted = new DebDownloader.Wanted(index.packages().get(0), "main");

    assertThatThrownBy(() -> downloader().download(server.uri("debian/"), List.of(wanted)))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "Packages index of "
                + server.uri("debian/")
                + ": package evil_1_all has Filename 'pool/../../etc/passwd' outside the archive");
  }
}
