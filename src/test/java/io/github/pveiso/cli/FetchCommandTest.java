package io.github.pveiso.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.debian.TestDeb;
import io.github.pveiso.debian.TestRepository;
import io.github.pveiso.net.LoopbackServer;
import io.github.pveiso.proxmox.IsoDirectory;
import io.github.pveiso.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchCommandTest {

  @TempDir Path dir;

  private LoopbackServer server;
  private Sha256Digest iso;

  @BeforeEach
  void start() throws IOException {
    TestRepository repo = new TestRepository(dir.resolve("served/debian"), "trixie");
    repo.add("main", new TestDeb("iucode-tool", "2.3.1-3", "amd64").file("./usr/sbin/x", "x"));
    repo.add(
        "non-free-firmware",
        new TestDeb("intel-microcode", "3.2", "amd64").file("./lib/firmware/u", "u"),
        "Depends: iucode-tool");
    repo.publishSigned(Instant.parse("2025-12-31T00:00:00Z"), dir.resolve("test.gpg"));
    IsoDirectory isos =
        new IsoDirectory(
            Files.createDirectories(dir.resolve("served/iso")),
            Files.createDirectories(dir.resolve("scratch")));
    iso = isos.addIso("9.1-1", Fixtures.Fixture.MKRESCUE.iso());
    isos.writeSums();
    Files.writeString(
        dir.resolve("catalog.yaml"),
        "sets:\n  test:\n    description: test\n    packages:\n"
            + "      - {name: intel-microcode, kind: microcode, architectures: [amd64]}\n");
    server = LoopbackServer.serving(dir.resolve("served"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private CliRun run(String... args) {
    return CliRun.run(dir, Map.of(), args);
  }

  private String[] fetch(String... more) {
    String[] base = {
      "fetch",
      "--iso-base-url",
      server.uri("iso/").toString(),
      "--debian-mirror",
      server.uri("debian/").toString(),
      "--debian-components",
      "main,non-free-firmware",
      "--keyrings",
      "test.gpg",
      "--firmware-catalog",
      "catalog.yaml",
      "--firmware-sets",
      "test",
      "--include-nvidia=false",
      "--include-amd=false",
      "--include-intel=false",
      "--extra-packages",
      "firmware-nowhere?",
      "--firmware-cache",
      "cache",
      "--work-dir",
      "work"
    };
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void fetchesAndListsWhatItVerified() {
    CliRun run = run(fetch());

    assertThat(run.exitCode()).as(run.err()).isZero();
    String blob = dir.resolve("cache/blobs/sha256/" + iso.hex()).toString();
    assertThat(run.out())
        .startsWith(
            "ISO "
                + server.uri("iso/proxmox-ve_9.1-1.iso")
                + "\n    "
                + blob
                + " sha256 "
                + iso
                + "\n")
        .contains("intel-microcode_3.2_amd64")
        .contains("iucode-tool_2.3.1-3_amd64")
        .contains("skipped (optional, not found): firmware-nowhere\n")
        .endsWith("2 packages verified in " + dir.resolve("cache") + "\n");
  }

  @Test
  void jsonNamesEachPackage() {
    String[] fetch = fetch();
    String[] args = new String[fetch.length + 1];
    args[0] = "--json";
    System.arraycopy(fetch, 0, args, 1, fetch.length);
    CliRun run = run(args);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"name\" : \"iucode-tool\"").contains("\"verified\" : true");
  }

  @Test
  void cacheListVerifyAndPruneWorkOnWhatFetchStored() throws IOException {
    run(fetch());
    Path blob = dir.resolve("cache/blobs/sha256/" + iso.hex());
    Files.writeString(blob, "damaged");

    CliRun list = run("cache", "list", "--firmware-cache", "cache");
    // fetch inspects the ISO like build does, so its base system is cached, bound to the ISO's
    // digest: verify drops that derived entry with the dropped ISO blob, as orphaned
    Path derivedEntry;
    try (var walk = Files.list(dir.resolve("cache/parsed/base-system-status"))) {
      derivedEntry = walk.findFirst().orElseThrow();
    }
    long derived = Files.size(derivedEntry);
    assertThat(derived).isPositive();
    CliRun verify = run("cache", "verify", "--firmware-cache", "cache");
    CliRun prune = run("cache", "prune", "--older-than", "0", "--firmware-cache", "cache");

    assertThat(list.out())
        .endsWith("7 entries\n") // 2 indexes, 2 .debs, the ISO, and the kept InRelease, SHA256SUMS
        .contains(server.uri("iso/proxmox-ve_9.1-1.iso").toString())
        .contains(server.uri("debian/dists/trixie/InRelease").toString())
        .contains(server.uri("iso/SHA256SUMS").toString());
    assertThat(verify.out())
        .startsWith(
            "dropped "
                + iso
                + " (mismatch)\nforgot "
                + server.uri("iso/proxmox-ve_9.1-1.iso")
                + "\n")
        .contains(
            "dropped parsed/base-system-status/"
                + derivedEntry.getFileName()
                + " (orphaned: its input iso ("
                + iso.hex()
                + ") is no longer in the cache)\n")
        .endsWith(
            "7 index entries checked, 1 dropped\n"
                // 2 indexes, the resolution, InRelease's signers, base system, 2 validators
                + "7 derived entries checked, 1 dropped\n"
                + "7 blobs checked, 1 dropped\n");
    assertThat(derivedEntry).doesNotExist();
    assertThat(prune.exitCode()).isZero();
    assertThat(prune.out()).endsWith("0 blobs removed, 0 bytes freed\n");
  }

  @Test
  void aLocalIsoWithItsDigestIsUsedInPlace() {
    Path local = dir.resolve("served/iso/proxmox-ve_9.1-1.iso");

    CliRun run = run(fetch("--iso", local.toString(), "--iso-sha256", iso.hex()));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("ISO " + local.toUri() + "\n    " + local + " sha256 " + iso);
  }

  @Test
  void aLocalIsoWithoutADigestIsMarkedUnverified() {
    Path local = dir.resolve("served/iso/proxmox-ve_9.1-1.iso");

    CliRun run = run(fetch("--iso", local.toString()));

    assertThat(run.out()).startsWith("ISO " + local.toUri() + " (unverified)\n");
  }

  @Test
  void aWrongIsoDigestExitsWith3() {
    Path local = dir.resolve("served/iso/proxmox-ve_9.1-1.iso");
    String wrong = "0".repeat(64);

    CliRun run = run(fetch("--iso", local.toString(), "--iso-sha256", wrong));

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains(local + ": SHA-256 is " + iso + " but iso_sha256 says " + wrong);
  }
}
