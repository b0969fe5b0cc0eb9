package io.github.pveiso.proxmox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.events.Event;
import io.github.pveiso.net.HttpFetcher;
import io.github.pveiso.net.LoopbackServer;
import io.github.pveiso.net.LoopbackServer.Answer;
import io.github.pveiso.net.RetryPolicy;
import io.github.pveiso.net.SizeLimit;
import java.io.IOException;
import java.net.URI;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsoAcquirerTest {

  @TempDir Path temp;

  private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
  private Path served;
  private Path cacheRoot;
  private IsoDirectory isos;
  private LoopbackServer server;
  private IsoAcquirer acquirer;
  private Cache cache;
  private IsoReleaseResolver resolver;

  @BeforeEach
  void start() throws IOException {
    served = Files.createDirectories(temp.resolve("served/iso"));
    cacheRoot = temp.resolve("cache");
    isos = new IsoDirectory(served, Files.createDirectories(temp.resolve("content")));
    server = LoopbackServer.serving(temp.resolve("served"));
    HttpFetcher fetcher =
        new HttpFetcher(
            RetryPolicy.DEFAULT.withSleeper(d -> {}), Duration.ofSeconds(10), events::add);
    cache =
        Cache.open(
            cacheRoot,
            fetcher,
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
            events::add);
    resolver = new IsoReleaseResolver(cache, fetcher, temp.resolve("work"), events::add);
    acquirer = new IsoAcquirer(cache, resolver, events::add);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private URI base() {
    return server.uri("iso/");
  }

  @Test
  void aVersionResolvesToTheNewestIsoReleaseComparedAsNumbers() throws IOException {
    isos.addIso("9.0-1");
    isos.addIso("9.1-2");
    Sha256Digest newest = isos.addIso("9.1-10");
    isos.addIso("10.0-1");
    isos.writeSums("0000000000000000000000000000000000000000000000000000000000000000  other.txt");

    AcquiredIso iso = acquirer.acquire(new IsoSource.Version("9.1", base()));

    URI uri = server.uri("iso/proxmox-ve_9.1-10.iso");
    assertThat(iso)
        .isEqualTo(
            new AcquiredIso(
                cacheRoot.resolve("blobs/sha256/" + newest.hex()),
                newest,
                Files.size(served.resolve("proxmox-ve_9.1-10.iso")),
                true,
                uri,
                Optional.of(new IsoRelease("9.1", 10, "proxmox-ve_9.1-10.iso", newest, uri))));
    assertThat(Files.mismatch(iso.path(), served.resolve("proxmox-ve_9.1-10.iso"))).isEqualTo(-1);
    assertThat(events)
        .contains(new Event.Log(Event.Level.INFO, "Proxmox VE 9.1 is proxmox-ve_9.1-10.iso"));
  }

  @Test
  void anExactIsoReleaseCanBeAskedFor() throws IOException {
    Sha256Digest two = isos.addIso("9.1-2");
    isos.addIso("9.1-10");
    isos.writeSums();

    AcquiredIso iso = acquirer.acquire(new IsoSource.Version("9.1-2", base()));

    assertThat(iso.sha256()).isEqualTo(two);
  }

  @Test
  void aCachedIsoIsReusedWithoutDownloadingItAgain() throws IOException {
    isos.addIso("9.1-1");
    isos.writeSums();

    acquirer.acquire(new IsoSource.Version("9.1", base()));
    AcquiredIso again = acquirer.acquire(new IsoSource.Version("9.1", base()));

    assertThat(again.verified()).isTrue();
    assertThat(server.requests())
        .containsExactly(
            "GET /iso/SHA256SUMS", "GET /iso/proxmox-ve_9.1-1.iso", "GET /iso/SHA256SUMS");
    assertThat(server.answers().getLast()).isEqualTo(new Answer("/iso/SHA256SUMS", 304, 0));
  }

  @Test
  void aChangedListIsReadAgainAndKept() throws IOException {
    isos.addIso("9.1-1");
    isos.writeSums();
    acquirer.acquire(new IsoSource.Version("9.1", base()));
    Sha256Digest newer = isos.addIso("9.1-2");
    isos.writeSums();

    AcquiredIso iso = acquirer.acquire(new IsoSource.Version("9.1", base()));
    acquirer.acquire(new IsoSource.Version("9.1", base()));

    assertThat(iso.sha256()).isEqualTo(newer);
    long size = Files.size(served.resolve("SHA256SUMS"));
    assertThat(server.answers())
        .filteredOn(a -> a.path().endsWith("SHA256SUMS"))
        .extracting(Answer::status, Answer::bodyBytes)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(200, server.answers().get(0).bodyBytes()),
            org.assertj.core.groups.Tuple.tuple(200, size),
            org.assertj.core.groups.Tuple.tuple(304, 0L));
  }

  @Test
  void aDroppedIsoDownloadIsResumed() throws IOException {
    Sha256Digest digest = isos.addIso("9.1-1");
    isos.writeSums();
    server.dropHalfwayOnce("iso/proxmox-ve_9.1-1.iso");

    AcquiredIso iso = acquirer.acquire(new IsoSource.Version("9.1", base()));

    assertThat(Sha256Digest.ofFile(iso.path())).isEqualTo(digest);
    assertThat(server.requests()).hasSize(3);
    assertThat(server.requests().get(2)).startsWith("GET /iso/proxmox-ve_9.1-1.iso bytes=");
  }

  @Test
  void aVersionTheListDoesNotNameIsTheUsersMistake() throws IOException {
    isos.addIso("8.4-1");
    isos.addIso("9.1-1");
    isos.writeSums();

    assertThatThrownBy(() -> acquirer.acquire(new IsoSource.Version("9.2", base())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "proxmox_version 9.2 is not in "
                + server.uri("iso/SHA256SUMS")
                + ", which lists 8.4-1, 9.1-1; set proxmox_version to one of those");
  }

  @Test
  void aMalformedVersionIsRefused() {
    assertThatThrownBy(() -> acquirer.acquire(new IsoSource.Version("nine", base())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("proxmox_version 'nine' is not MAJOR.MINOR or MAJOR.MINOR-N (e.g. 9.1)");
  }

  @Test
  void aMalformedChecksumLineIsRefused() throws IOException {
    isos.addIso("9.1-1");
    isos.writeSums("deadbeef proxmox-ve_9.1-2.iso");

    assertThatThrownBy(() -> acquirer.acquire(new IsoSource.Version("9.1", base())))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            server.uri("iso/SHA256SUMS")
                + " line 2 is not '<sha256>  <file name>': 'deadbeef proxmox-ve_9.1-2.iso'");
    assertThat(blobs()).isEmpty(); // a list that does not parse is not kept
  }

  @Test
  void anIsoThatDoesNotMatchTheListIsRefusedAndNotCached() throws IOException {
    Sha256Digest listed = isos.addIso("9.1-1");
    isos.writeSums();
    Files.write(
        served.resolve("proxmox-ve_9.1-1.iso"),
        new byte[] {'x'},
        java.nio.file.StandardOpenOption.APPEND);
    Sha256Digest actual = Sha256Digest.ofFile(served.resolve("proxmox-ve_9.1-1.iso"));

    assertThatThrownBy(() -> acquirer.acquire(new IsoSource.Version("9.1", base())))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            server.uri("iso/proxmox-ve_9.1-1.iso")
                + ": SHA-256 is "
                + actual
                + " but SHA256SUMS says "
                + listed
                + "; the download was dropped");
    assertThat(blobs()) // only the list, kept to ask next time whether it changed
        .containsExactly(
            cacheRoot
                .resolve("blobs/sha256")
                .resolve(Sha256Digest.ofFile(served.resolve("SHA256SUMS")).hex()));
  }

  @Test
  void aLocalIsoWithADigestIsCheckedInPlace() throws IOException {
    Sha256Digest digest = isos.addIso("9.1-1");
    Path local = served.resolve("proxmox-ve_9.1-1.iso");

    AcquiredIso iso =
        acquirer.acquire(new IsoSource.Location(local.toString(), Optional.of(digest)));

    assertThat(iso)
        .isEqualTo(
            new AcquiredIso(
                local, digest, Files.size(local), true, local.toUri(), Optional.empty()));
    assertThat(blobs()).isEmpty();
  }

  @Test
  void anIsoIsClaimedOnlyWhenItsPlaceAndDigestAreKnownWithoutHashing() throws IOException {
    Sha256Digest digest = isos.addIso("9.1-1");
    isos.writeSums();
    Path local = served.resolve("proxmox-ve_9.1-1.iso");
    URI url = server.uri("iso/proxmox-ve_9.1-1.iso");
    Sha256Digest wrong = Sha256Digest.of(new byte[0]);

    assertThat(acquirer.claimed(new IsoSource.Location(local.toString(), Optional.of(wrong))))
        .as("a local file is claimed unchecked: the check comes later")
        .hasValue(new IsoAcquirer.Claimed(local, wrong));
    assertThat(acquirer.claimed(new IsoSource.Location(local.toString(), Optional.empty())))
        .isEmpty();
    assertThat(acquirer.claimed(new IsoSource.Location(url.toString(), Optional.of(digest))))
        .as("a URL not in the cache yet")
        .isEmpty();
    assertThat(acquirer.claimed(new IsoSource.Version("9.1", base()))).isEmpty();
    assertThat(
            acquirer.claimed(
                new IsoSource.Location(
                    temp.resolve("missing.iso").toString(), Optional.of(digest))))
        .isEmpty();

    acquirer.acquire(new IsoSource.Location(url.toString(), Optional.of(digest)));
    assertThat(acquirer.claimed(new IsoSource.Location(url.toString(), Optional.of(digest))))
        .hasValue(
            new IsoAcquirer.Claimed(cacheRoot.resolve("blobs/sha256/" + digest.hex()), digest));
  }

  @Test
  void aLocalIsoWithAWrongDigestIsRefused() throws IOException {
    Sha256Digest digest = isos.addIso("9.1-1");
    Path local = served.resolve("proxmox-ve_9.1-1.iso");
    Sha256Digest wrong = Sha256Digest.of(new byte[0]);

    assertThatThrownBy(
            () -> acquirer.acquire(new IsoSource.Location(local.toString(), Optional.of(wrong))))
        .isInstanceOf(VerificationException.class)
        .hasMessage(local + ": SHA-256 is " + digest + " but iso_sha256 says " + wrong);
  }

  @Test
  void aLocalIsoWithoutADigestIsUsedButReportedUnverified() throws IOException {
    Sha256Digest digest = isos.addIso("9.1-1");
    Path local = served.resolve("proxmox-ve_9.1-1.iso");

    AcquiredIso iso = acquirer.acquire(new IsoSource.Location(local.toString(), Optional.empty()));

    assertThat(iso.verified()).isFalse();
    assertThat(iso.sha256()).isEqualTo(digest);
    assertThat(events)
        .contains(
            new Event.Log(
                Event.Level.WARN,
                "ISO " + local.toUri() + " is unverified: no iso_sha256 was given"));
  }

  @Test
  void aMissingLocalIsoIsTheUsersMistake() {
    Path missing = temp.resolve("missing.iso");

    assertThatThrownBy(
            () -> acquirer.acquire(new IsoSource.Location(missing.toString(), Optional.empty())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("iso '" + missing + "' is not a file; give the path of a Proxmox VE ISO");
  }

  @Test
  void anIsoUrlWithADigestIsDownloadedCheckedAndCached() throws IOException {
    Sha256Digest digest = isos.addIso("9.1-1");
    URI uri = server.uri("iso/proxmox-ve_9.1-1.iso");

    AcquiredIso iso = acquirer.acquire(new IsoSource.Location(uri.toString(), Optional.of(digest)));

    assertThat(iso.path()).isEqualTo(cacheRoot.resolve("blobs/sha256/" + digest.hex()));
    assertThat(iso.verified()).isTrue();
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
  void anIsoUrlWithoutADigestIsDownloadedAndReportedUnverified() throws IOException {
    Sha256Digest digest = isos.addIso("9.1-1");
    URI uri = server.uri("iso/proxmox-ve_9.1-1.iso");

    AcquiredIso iso = acquirer.acquire(new IsoSource.Location(uri.toString(), Optional.empty()));

    assertThat(iso.verified()).isFalse();
    assertThat(iso.sha256()).isEqualTo(digest);
    assertThat(events)
        .contains(
            new Event.Log(
                Event.Level.WARN, "ISO " + uri + " is unverified: no iso_sha256 was given"));
  }

  private List<Path> filesUnder(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> stream = Files.walk(dir)) {
      return stream.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void anEndlessIsoWithoutContentLengthStopsAtTheLimitAndKeepsNoPartialFile() throws IOException {
    Sha256Digest digest = isos.addIso("9.1-1");
    isos.writeSums();
    server.endless("iso/proxmox-ve_9.1-1.iso");
    IsoAcquirer bounded =
        new IsoAcquirer(
            cache, resolver, events::add, SizeLimit.plausible(1 << 20, "an installer ISO"));

    assertThatThrownBy(() -> bounded.acquire(new IsoSource.Version("9.1", base())))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            server.uri("iso/proxmox-ve_9.1-1.iso")
                + ": the server sent more than the 1048576 bytes pveiso accepts for an installer"
                + " ISO; the download was dropped");
    assertThat(blobs()).noneMatch(p -> p.endsWith(digest.hex()));
    assertThat(filesUnder(cacheRoot.resolve("tmp"))).allMatch(p -> p.toString().endsWith(".lock"));
  }

  @Test
  void anEndlessIsoUrlWithoutADigestStopsAtTheLimit() throws IOException {
    isos.addIso("9.1-1");
    server.endless("iso/proxmox-ve_9.1-1.iso");
    URI uri = server.uri("iso/proxmox-ve_9.1-1.iso");
    IsoAcquirer bounded =
        new IsoAcquirer(
            cache, resolver, events::add, SizeLimit.plausible(1 << 20, "an installer ISO"));

    assertThatThrownBy(
            () -> bounded.acquire(new IsoSource.Location(uri.toString(), Optional.empty())))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            uri
                + ": the server sent more than the 1048576 bytes pveiso accepts for an installer"
                + " ISO; the download was dropped");
    assertThat(filesUnder(cacheRoot.resolve("tmp"))).allMatch(p -> p.toString().endsWith(".lock"));
  }

  @Test
  void theDefaultIsoLimitIsSixteenGibibytes() {
    assertThat(IsoAcquirer.ISO_LIMIT).isEqualTo(SizeLimit.plausible(16L << 30, "an installer ISO"));
  }

  @Test
  void anEndlessChecksumListStopsAtEightMebibytes() throws IOException {
    isos.addIso("9.1-1");
    isos.writeSums();
    server.endless("iso/SHA256SUMS");

    assertThatThrownBy(() -> acquirer.acquire(new IsoSource.Version("9.1", base())))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            server.uri("iso/SHA256SUMS")
                + ": the server sent more than the 8388608 bytes pveiso accepts for a release file,"
                + " its signature or a checksum list; the download was dropped");
    assertThat(filesUnder(temp.resolve("work"))).isEmpty();
  }

  @Test
  void aChecksumListNamingAFileTwiceWithTwoDigestsIsRefused() {
    URI source = URI.create("http://h/iso/SHA256SUMS");
    String a = "a".repeat(64);
    String b = "b".repeat(64);

    assertThatThrownBy(() -> IsoChecksumList.parse(a + "  x.iso\n" + b + " *x.iso\n", source))
        .isInstanceOf(VerificationException.class)
        .hasMessage(source + " line 2 lists x.iso again with another digest");
  }
}
