package io.github.pveiso.proxmox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.debian.DpkgPackage;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.Xorriso;
import io.github.pveiso.iso.bytes.Extent;
import io.github.pveiso.proc.SystemProcessRunner;
import io.github.pveiso.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BaseSystemReaderTest {

  static final SystemProcessRunner RUNNER = new SystemProcessRunner();

  @TempDir Path dir;

  BaseSystem read(Path iso) {
    try (IsoImage image = IsoImage.open(iso)) {
      return new BaseSystemReader(RUNNER, dir.resolve("tmp")).read(image);
    }
  }

  /** An ISO of {@code tree} with {@code squashfs} (if any) as /pve-base.squashfs. */
  Path iso(String name, byte[] squashfs) throws IOException {
    Path tree = Files.createDirectories(dir.resolve(name + "-tree"));
    Files.writeString(tree.resolve("README"), "not Proxmox\n");
    if (squashfs.length > 0) {
      Files.write(tree.resolve("pve-base.squashfs"), squashfs);
    }
    return Xorriso.mkisofs(dir.resolve(name + ".iso"), tree, "-R", "-V", "DATA");
  }

  static byte[] fixtureSquashfs() {
    try (IsoImage image = IsoImage.open(Fixtures.Fixture.MKRESCUE.iso())) {
      return image.readAllBytes(image.find(BaseSystem.SQUASHFS).orElseThrow());
    }
  }

  @ParameterizedTest
  @EnumSource(Fixtures.Fixture.class)
  void readsTheInstalledPackagesOfEachFixture(Fixtures.Fixture fixture) throws IOException {
    BaseSystem base = read(fixture.iso());
    String arch = fixture.arch();
    assertThat(base.state()).isEqualTo(BaseSystem.State.READ);
    assertThat(base.detail())
        .isEqualTo("11 packages installed in /pve-base.squashfs (var/lib/dpkg/status)");
    assertThat(base.packages())
        .extracting(p -> p.name() + ":" + p.architecture() + " " + p.version())
        .containsExactly(
            "base-files:" + arch + " 13.8",
            "debconf:all 1.5.91",
            "dpkg:" + arch + " 1.22.21",
            "gcc-14-base:" + arch + " 14.2.0-19",
            "libc6:" + arch + " 2.41-12",
            "libfoo1:" + arch + " 1.0-1",
            "libgcc-s1:" + arch + " 14.2.0-19",
            "libzstd1:" + arch + " 1.5.7+dfsg-1",
            "mawk:" + arch + " 1.3.4.20250131-1",
            "perl-base:" + arch + " 5.40.1-6",
            "zlib1g:" + arch + " 1:1.3.dfsg+really1.3.1-1+b1");
    DpkgPackage libgcc = base.packages().get(6);
    assertThat(libgcc.multiArch()).isEqualTo("same");
    assertThat(libgcc.provides().toString()).isEqualTo("[libgcc1 (= 1:14.2.0-19)]");
    try (Stream<Path> left = Files.list(dir.resolve("tmp"))) {
      assertThat(left).as("the temporary folder is removed").isEmpty();
    }
  }

  @Test
  void anIsoWithoutSquashfsHasAnEmptyBaseSystem() throws IOException {
    BaseSystem base = read(iso("plain", new byte[0]));
    assertThat(base)
        .isEqualTo(
            new BaseSystem(
                BaseSystem.State.NO_SQUASHFS,
                "none: the ISO has no /pve-base.squashfs; no packages count as installed",
                List.of()));
  }

  @Test
  void aSquashfsWithoutStatusHasAnEmptyBaseSystem() throws IOException {
    BaseSystem base = read(iso("nostatus", squashfsWithoutStatus()));
    assertThat(base)
        .isEqualTo(
            new BaseSystem(
                BaseSystem.State.NO_STATUS,
                "none: /pve-base.squashfs has no var/lib/dpkg/status; no packages count as"
                    + " installed",
                List.of()));
  }

  @Test
  void aFileThatIsNotASquashfsIsAVerificationError() throws IOException {
    Path iso = iso("standin", "base stand-in\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThatThrownBy(() -> read(iso))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "standin.iso:/pve-base.squashfs is not a squashfs (no 'hsqs' superblock); download the"
                + " ISO again");
  }

  @Test
  void aTruncatedSquashfsIsAVerificationError() throws IOException {
    byte[] whole = fixtureSquashfs();
    Path iso = iso("truncated", Arrays.copyOf(whole, 1000));
    assertThatThrownBy(() -> read(iso))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "truncated.iso:/pve-base.squashfs is truncated: its superblock says "
                + ByteBuffer.wrap(whole).order(ByteOrder.LITTLE_ENDIAN).getLong(40)
                + " bytes, the file has 1000; download the ISO again");
  }

  @Test
  void aDamagedSquashfsIsAVerificationErrorWithUnsquashfsReason() throws IOException {
    byte[] bytes = fixtureSquashfs();
    Arrays.fill(bytes, 96, bytes.length, (byte) 'z');
    Path iso = iso("corrupt", bytes);
    assertThatThrownBy(() -> read(iso))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "corrupt.iso:/pve-base.squashfs is damaged: unsquashfs exited with 1: FATAL ERROR: File"
                + " system corruption detected; download the ISO again");
  }

  @Test
  void aCachedStatusIsReadWithoutUnsquashfsAndWithoutWaitingForTheCheck() {
    Cache cache = cache();
    Sha256Digest digest = Sha256Digest.of(new byte[] {1});
    List<String> calls = new java.util.ArrayList<>();
    BaseSystem first;
    try (IsoImage image = IsoImage.open(Fixtures.Fixture.MKRESCUE.iso())) {
      first =
          new BaseSystemReader(RUNNER, dir.resolve("tmp"))
              .read(image, cache, digest, () -> calls.add("checked"));
    }
    assertThat(calls).as("unsquashfs waits for the check").containsExactly("checked");
    assertThat(first).isEqualTo(read(Fixtures.Fixture.MKRESCUE.iso()));
    BaseSystemReader noProgram =
        new BaseSystemReader(RUNNER, dir.resolve("tmp"), "/nonexistent/unsquashfs");
    try (IsoImage image = IsoImage.open(Fixtures.Fixture.MKRESCUE.iso())) {
      BaseSystem second = noProgram.read(image, cache, digest, () -> calls.add("again"));
      assertThat(second).isEqualTo(first);
    }
    assertThat(calls).as("a cached status needs neither the check nor unsquashfs").hasSize(1);
  }

  @Test
  void aFailedCheckStopsBeforeUnsquashfsAndCachesNothing() {
    Cache cache = cache();
    Sha256Digest digest = Sha256Digest.of(new byte[] {2});
    BaseSystemReader noProgram =
        new BaseSystemReader(RUNNER, dir.resolve("tmp"), "/nonexistent/unsquashfs");
    try (IsoImage image = IsoImage.open(Fixtures.Fixture.MKRESCUE.iso())) {
      assertThatThrownBy(
              () ->
                  noProgram.read(
                      image,
                      cache,
                      digest,
                      () -> {
                        throw new VerificationException(
                            "x.iso: SHA-256 is a but iso_sha256 says b");
                      }))
          .isInstanceOf(VerificationException.class)
          .hasMessage("x.iso: SHA-256 is a but iso_sha256 says b");
    }
    assertThat(cache.readParsed(BaseSystemReader.key(digest))).isEmpty();
  }

  @Test
  void aSquashfsWithoutStatusIsCachedAsSuch() throws IOException {
    Cache cache = cache();
    Path iso = iso("nostatus-cached", squashfsWithoutStatus());
    Sha256Digest digest = Sha256Digest.ofFile(iso);
    try (IsoImage image = IsoImage.open(iso)) {
      BaseSystemReader reader = new BaseSystemReader(RUNNER, dir.resolve("tmp"));
      assertThat(reader.read(image, cache, digest, () -> {}).state())
          .isEqualTo(BaseSystem.State.NO_STATUS);
      BaseSystemReader noProgram =
          new BaseSystemReader(RUNNER, dir.resolve("tmp"), "/nonexistent/unsquashfs");
      assertThat(noProgram.read(image, cache, digest, () -> {}).state())
          .isEqualTo(BaseSystem.State.NO_STATUS);
    }
  }

  @Test
  void cacheEntriesAreReadOnlyInTheirOwnFormat() {
    byte[] status = "Package: a\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(BaseSystemReader.decode(BaseSystemReader.encode(java.util.Optional.of(status))))
        .hasValueSatisfying(s -> assertThat(s).hasValue(status));
    assertThat(BaseSystemReader.decode(BaseSystemReader.encode(java.util.Optional.empty())))
        .hasValue(java.util.Optional.empty());
    assertThat(
            BaseSystemReader.decode(
                "pveiso base-system-status 0 read\nPackage: a\n"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isEmpty();
    assertThat(BaseSystemReader.decode(new byte[0])).isEmpty();
  }

  @Test
  void aStatusDatabaseBeyondItsLimitIsRefusedBeforeItIsRead() throws IOException {
    Path status = Files.createDirectories(dir.resolve("big/var/lib/dpkg")).resolve("status");
    try (var file =
        java.nio.channels.FileChannel.open(
            status,
            java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE)) {
      // sparse: a squashfs of a few KiB
      file.write(ByteBuffer.wrap(new byte[] {'\n'}), io.github.pveiso.debian.DebLimits.STATUS_FILE);
    }
    Path sq = dir.resolve("big.squashfs");
    RUNNER.runChecked(
        List.of(
            "mksquashfs",
            dir.resolve("big").toString(),
            sq.toString(),
            "-noappend",
            "-quiet",
            "-no-progress",
            "-all-root"));
    assertThat(Files.size(sq)).isLessThan(64 << 10);
    Path iso = iso("bigstatus", Files.readAllBytes(sq));
    assertThatThrownBy(() -> read(iso))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "bigstatus.iso:/pve-base.squashfs: var/lib/dpkg/status is 268435457 bytes, more than"
                + " pveiso's limit of 256 MiB for a dpkg status database");
    try (Stream<Path> left = Files.list(dir.resolve("tmp"))) {
      assertThat(left).as("the temporary folder is removed").isEmpty();
    }
  }

  byte[] squashfsWithoutStatus() throws IOException {
    Path root = Files.createDirectories(dir.resolve("root/etc"));
    Files.writeString(root.resolve("hostname"), "pve\n");
    Path sq = dir.resolve("nostatus.squashfs");
    RUNNER.runChecked(
        List.of(
            "mksquashfs",
            dir.resolve("root").toString(),
            sq.toString(),
            "-noappend",
            "-quiet",
            "-no-progress",
            "-all-root"));
    return Files.readAllBytes(sq);
  }

  Cache cache() {
    return Cache.open(
        dir.resolve("cache"),
        io.github.pveiso.net.HttpFetcher.create(io.github.pveiso.events.EventListener.NONE),
        java.time.Clock.systemUTC(),
        io.github.pveiso.events.EventListener.NONE);
  }

  @Test
  void aMissingUnsquashfsNamesItsPackage() {
    BaseSystemReader reader =
        new BaseSystemReader(RUNNER, dir.resolve("tmp"), "/nonexistent/unsquashfs");
    try (IsoImage image = IsoImage.open(Fixtures.Fixture.MKRESCUE.iso())) {
      assertThatThrownBy(() -> reader.read(image))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageStartingWith("cannot run unsquashfs: ")
          .hasMessageEndingWith(
              "; unsquashfs reads the base system's packages from /pve-base.squashfs: install"
                  + " squashfs-tools (apt-get install squashfs-tools)");
    }
  }

  @Test
  void onlyAContiguousSquashfsIsRead() {
    assertThat(
            BaseSystemReader.offset(
                "x.iso:/pve-base.squashfs", List.of(new Extent(10, 4096), new Extent(12, 100))))
        .isEqualTo(20480);
    assertThatThrownBy(
            () ->
                BaseSystemReader.offset(
                    "x.iso:/pve-base.squashfs", List.of(new Extent(10, 4096), new Extent(20, 100))))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "x.iso:/pve-base.squashfs is stored in 2 extents that are not contiguous; pveiso reads"
                + " the base system only from a contiguous file: rewrite the ISO with xorriso"
                + " first");
    assertThatThrownBy(() -> BaseSystemReader.offset("x.iso:/pve-base.squashfs", List.of()))
        .isInstanceOf(VerificationException.class)
        .hasMessage("x.iso:/pve-base.squashfs is empty; download the ISO again");
  }
}
