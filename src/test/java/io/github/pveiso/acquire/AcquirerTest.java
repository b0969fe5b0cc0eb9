package io.github.pveiso.acquire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.cache.ContentCheck;
import io.github.pveiso.debian.FetchedDeb;
import io.github.pveiso.debian.TestDeb;
import io.github.pveiso.debian.TestRepository;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.net.HttpFetcher;
import io.github.pveiso.net.LoopbackServer;
import io.github.pveiso.net.ParallelDownloads;
import io.github.pveiso.net.RetryPolicy;
import io.github.pveiso.proxmox.IsoDirectory;
import io.github.pveiso.proxmox.IsoSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcquirerTest {

  private static final Instant NOW = Instant.parse("2026-01-10T00:00:00Z");

  @TempDir Path temp;

  private LoopbackServer server;
  private Path keyring;
  private Sha256Digest newestIso;
  private Acquirer acquirer;

  @BeforeEach
  void start() throws IOException {
    TestRepository repo = new TestRepository(temp.resolve("served/debian"), "trixie");
    repo.add(
        "main", new TestDeb("iucode-tool", "2.3.1-3", "amd64").file("./usr/sbin/iucode_tool", "x"));
    repo.add(
        "non-free-firmware",
        new TestDeb("intel-microcode", "3.20250512.1", "amd64")
            .file("./lib/firmware/intel-ucode/x", "u"),
        "Depends: iucode-tool (>= 1.0)");
    repo.add(
        "non-free-firmware",
        new TestDeb("firmware-realtek", "20250410-2", "all")
            .file("./lib/firmware/rtl_nic/x.fw", "r"));
    repo.add(
        "non-free-firmware",
        new TestDeb("firmware-broken", "1", "all").file("./lib/firmware/b", "b"),
        "Depends: firmware-missing");
    keyring = temp.resolve("test-archive.gpg");
    repo.publishSigned(NOW.minus(Duration.ofDays(1)), keyring);
    IsoDirectory isos =
        new IsoDirectory(
            Files.createDirectories(temp.resolve("served/iso")),
            Files.createDirectories(temp.resolve("scratch")));
    isos.addIso("9.1-1");
    newestIso = isos.addIso("9.1-3");
    isos.writeSums();
    server = LoopbackServer.serving(temp.resolve("served"));
    HttpFetcher fetcher =
        new HttpFetcher(
            RetryPolicy.DEFAULT.withSleeper(d -> {}), Duration.ofSeconds(10), EventListener.NONE);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    acquirer =
        new Acquirer(
            Cache.open(temp.resolve("cache"), fetcher, clock, EventListener.NONE),
            fetcher,
            clock,
            temp.resolve("work"),
            new ParallelDownloads(4),
            ContentCheck.NONE,
            EventListener.NONE);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private AcquireRequest request(String... packages) {
    return new AcquireRequest(
        Optional.of(new IsoSource.Version("9.1", server.uri("iso/"))),
        Optional.of(
            new AcquireRequest.DebianPackages(
                server.uri("debian/"),
                "trixie",
                List.of("main", "non-free-firmware"),
                List.of(keyring),
                Map.of("amd64", List.of(packages)))));
  }

  @Test
  void fetchesTheIsoAndThePackagesWithTheirDependencies() {
    AcquireResult result = acquirer.acquire(request("intel-microcode", "firmware-realtek"));

    assertThat(result.iso().orElseThrow().sha256()).isEqualTo(newestIso);
    assertThat(result.iso().orElseThrow().release().orElseThrow().fullVersion()).isEqualTo("9.1-3");
    assertThat(result.packages())
        .extracting(FetchedDeb::id)
        .containsExactly(
            "firmware-realtek_20250410-2_all",
            "intel-microcode_3.20250512.1_amd64",
            "iucode-tool_2.3.1-3_amd64");
    assertThat(result.packages())
        .extracting(FetchedDeb::component)
        .containsExactly("non-free-firmware", "non-free-firmware", "main");
    assertThat(result.packages()).allMatch(p -> Files.isRegularFile(p.path()));
    assertThat(result.digests()).hasSize(6).contains(newestIso);
  }

  @Test
  void aSecondRunDownloadsNothing() {
    AcquireResult first = acquirer.acquire(request("intel-microcode"));
    int before = server.answers().size();

    AcquireResult again = acquirer.acquire(request("intel-microcode"));

    assertThat(again.digests()).isEqualTo(first.digests());
    assertThat(again.packages()).hasSize(2);
    assertThat(server.answers().subList(before, server.answers().size()))
        .containsExactly(
            new LoopbackServer.Answer("/iso/SHA256SUMS", 304, 0),
            new LoopbackServer.Answer("/debian/dists/trixie/InRelease", 304, 0));
  }

  @Test
  void aSecondRunWithTheSameReleaseAndRequestDoesNotReadTheIndexes() throws IOException {
    AcquireResult first = acquirer.acquire(request("intel-microcode"));
    Path parsed = temp.resolve("cache/parsed/packages-index");
    assertThat(listing(temp.resolve("cache/parsed/resolution"))).hasSize(1);
    deleteTree(parsed);

    AcquireResult again = acquirer.acquire(request("intel-microcode"));

    assertThat(parsed).doesNotExist(); // remembered: no index was read, parsed or stored again
    assertThat(again.packages()).isEqualTo(first.packages());
    assertThat(again.digests()).isEqualTo(first.digests());
    assertThat(again.skipped()).isEqualTo(first.skipped());
  }

  @Test
  void anotherRequestOrADamagedMemoIsResolvedAgain() throws IOException {
    acquirer.acquire(request("intel-microcode"));
    AcquireResult other = acquirer.acquire(request("firmware-realtek"));
    assertThat(other.packages()).extracting(FetchedDeb::name).containsExactly("firmware-realtek");
    assertThat(listing(temp.resolve("cache/parsed/resolution"))).hasSize(2);

    for (Path entry : listing(temp.resolve("cache/parsed/resolution"))) {
      byte[] bytes = Files.readAllBytes(entry);
      bytes[bytes.length - 1] ^= 1;
      Files.write(entry, bytes);
    }
    AcquireResult again = acquirer.acquire(request("intel-microcode"));
    assertThat(again.packages())
        .extracting(FetchedDeb::id)
        .containsExactly("intel-microcode_3.20250512.1_amd64", "iucode-tool_2.3.1-3_amd64");
  }

  private static List<Path> listing(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void anOptionalPackageNoIndexHoldsIsSkipped() {
    AcquireResult result = acquirer.acquire(request("firmware-realtek", "firmware-nowhere?"));

    assertThat(result.packages()).extracting(FetchedDeb::name).containsExactly("firmware-realtek");
    assertThat(result.skipped()).containsExactly("firmware-nowhere");
  }

  @Test
  void anUnmetDependencyIsReportedInOneLine() {
    assertThatThrownBy(() -> acquirer.acquire(request("firmware-broken")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "firmware-broken_1_all needs firmware-missing: firmware-missing is neither installed nor"
                + " in suite trixie; add the component that has it to debian components"
                + " (main non-free-firmware) or drop the package");
  }
}
