package io.github.pveiso.pipeline.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.debian.CraftedDeb;
import io.github.pveiso.events.Event;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.pipeline.plan.DebContentsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted .debs against every place that extracts or reads package data: each is refused with the
 * exact message and exception, and nothing is ever written outside the work folder.
 */
class HostileDebsTest {

  @TempDir Path dir;

  Path work;
  Path debs;
  Path outside;
  final List<String> log = new CopyOnWriteArrayList<>();
  final EventListener events =
      event -> {
        if (event instanceof Event.Log l && l.level() != Event.Level.DEBUG) {
          log.add(l.level() + " " + l.message());
        }
      };

  @BeforeEach
  void folders() throws IOException {
    work = Files.createDirectories(dir.resolve("work"));
    debs = Files.createDirectories(dir.resolve("debs"));
    outside = Files.createDirectories(dir.resolve("outside"));
  }

  @AfterEach
  void nothingWasWrittenOutsideTheWorkFolder() throws IOException {
    try (Stream<Path> files = Files.walk(outside)) {
      assertThat(files.map(p -> outside.relativize(p).toString())).containsExactly("");
    }
  }

  StageFirmwareTreeStep.Source source(CraftedDeb deb, String name, String version)
      throws IOException {
    Path file = deb.write(debs);
    return new StageFirmwareTreeStep.Source(name, version, file, Sha256Digest.ofFile(file));
  }

  FirmwareFolder stage(StageFirmwareTreeStep.Source... sources) {
    return new StageFirmwareTreeStep(work.resolve("firmware")).call(List.of(sources));
  }

  Cache cache() {
    return Cache.open(
        dir.resolve("cache"),
        (uri, target, limit) -> {
          throw new AssertionError("nothing is downloaded: " + uri);
        },
        Clock.systemUTC(),
        events);
  }

  // ---- entries below a link ----

  @Test
  void aFileBelowAnAbsoluteSymlinkIsRefused() throws IOException {
    var evil =
        source(
            new CraftedDeb("firmware-evil", "1")
                .dir("./lib/firmware/")
                .symlink("./lib/firmware/evil", outside.toString())
                .file("./lib/firmware/evil/file", "owned"),
            "firmware-evil",
            "1");
    assertThatThrownBy(() -> stage(evil))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "firmware-evil: data.tar.gz entry './lib/firmware/evil/file' lies below the symlink"
                + " 'lib/firmware/evil' earlier in the package; pveiso never writes through a link");
  }

  @Test
  void aFolderBelowASymlinkIsRefused() throws IOException {
    var evil =
        source(
            new CraftedDeb("firmware-evil", "1")
                .symlink("./lib/firmware/evil", outside.toString())
                .dir("./lib/firmware/evil/sub/")
                .file("./lib/firmware/evil/sub/file", "owned"),
            "firmware-evil",
            "1");
    assertThatThrownBy(() -> stage(evil))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "firmware-evil: data.tar.gz entry './lib/firmware/evil/sub/' lies below the symlink"
                + " 'lib/firmware/evil' earlier in the package; pveiso never writes through a link");
  }

  @Test
  void anEntryBelowAFileIsRefused() throws IOException {
    var evil =
        source(
            new CraftedDeb("firmware-evil", "1")
                .file("./lib/firmware/a", "a")
                .file("./lib/firmware/a/b", "b"),
            "firmware-evil",
            "1");
    assertThatThrownBy(() -> stage(evil))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "firmware-evil: data.tar.gz entry './lib/firmware/a/b' lies below the file"
                + " 'lib/firmware/a' earlier in the package; pveiso never writes through a link");
  }

  @Test
  void aFileBelowAnotherPackagesSymlinkIsRefusedOnDisk() throws IOException {
    var a =
        source(
            new CraftedDeb("firmware-a", "1").symlink("./lib/firmware/evil", outside.toString()),
            "firmware-a",
            "1");
    var b =
        source(
            new CraftedDeb("firmware-b", "2").file("./lib/firmware/evil/file", "owned"),
            "firmware-b",
            "2");
    assertThatThrownBy(() -> stage(a, b))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "firmware-b: entry 'lib/firmware/evil/file' would be staged below"
                + " /firmware/evil, a symlink from firmware-a; pveiso never writes through a link");
    var c =
        source(
            new CraftedDeb("firmware-c", "3")
                .dir("./lib/firmware/evil/sub/")
                .file("./lib/firmware/evil/sub/file", "owned"),
            "firmware-c",
            "3");
    assertThatThrownBy(() -> stage(a, c))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "firmware-c: entry 'lib/firmware/evil/sub/file' would be staged below"
                + " /firmware/evil, a symlink from firmware-a; pveiso never writes through a link");
  }

  @Test
  void theTwoFirmwareFoldersOfOnePackageCannotCombineIntoAWriteThroughALink() throws IOException {
    var evil =
        source(
            new CraftedDeb("firmware-evil", "1")
                .symlink("./lib/firmware/evil", outside.toString())
                .file("./usr/lib/firmware/evil/file", "owned"),
            "firmware-evil",
            "1");
    assertThatThrownBy(() -> stage(evil))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "firmware-evil: entry 'usr/lib/firmware/evil/file' would be staged below"
                + " /firmware/evil, a symlink from firmware-evil; pveiso never writes through a"
                + " link");
  }

  @Test
  void theCachedPathFallsBackToAnExtractionThatRefusesTheSamePackage() throws IOException {
    var evil =
        source(
            new CraftedDeb("firmware-evil", "1")
                .symlink("./lib/firmware/evil", outside.toString())
                .file("./lib/firmware/evil/file", "owned"),
            "firmware-evil",
            "1");
    Cache cache = cache();
    FirmwareFolderCache folders = new FirmwareFolderCache(cache, events);
    for (int run = 0; run < 2; run++) {
      assertThatThrownBy(() -> folders.stage(work.resolve("firmware"), List.of(evil)))
          .isInstanceOf(VerificationException.class)
          .hasMessage(
              "firmware-evil: data.tar.gz entry './lib/firmware/evil/file' lies below the symlink"
                  + " 'lib/firmware/evil' earlier in the package; pveiso never writes through a"
                  + " link");
    }
    assertThat(cache.readParsed(FirmwareFolderCache.key(List.of(evil)))).isEmpty();
    assertThat(log).isEmpty();
  }

  @Test
  void linksThatStayInsideStillWork() throws IOException {
    var good =
        source(
            new CraftedDeb("firmware-good", "1")
                .dir("./lib/firmware/")
                .dir("./lib/firmware/real/")
                .file("./lib/firmware/real/a.bin", "a")
                .symlink("./lib/firmware/alias", "real")
                .symlink("./lib/firmware/abs.bin", "/lib/firmware/real/a.bin"),
            "firmware-good",
            "1");
    FirmwareFolder tree = stage(good);
    List<String> paths = new ArrayList<>();
    tree.files().forEach(e -> paths.add(e.path() + " " + e.linkTarget()));
    assertThat(paths).containsExactly("abs.bin real/a.bin", "alias real", "real/a.bin ");
  }

  // ---- hard links ----

  @Test
  void aFirmwareHardLinkToAFileOutsideTheFirmwareFolderIsRefused() throws IOException {
    var evil =
        source(
            new CraftedDeb("firmware-evil", "1")
                .file("./usr/share/doc/firmware-evil/copyright", "text")
                .hardLink("./lib/firmware/h.bin", "./usr/share/doc/firmware-evil/copyright"),
            "firmware-evil",
            "1");
    assertThatThrownBy(() -> stage(evil))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "firmware-evil: firmware hard link 'lib/firmware/h.bin' ->"
                + " 'usr/share/doc/firmware-evil/copyright' names a file outside the firmware"
                + " folder (lib/firmware, usr/lib/firmware); pveiso stages only firmware");
    try (Stream<Path> files = Files.list(work.resolve("firmware"))) {
      assertThat(files).isEmpty();
    }
    var repack =
        new io.github.pveiso.pipeline.stage.repack.RepackSource(evil.deb(), "firmware-evil", "1");
    assertThatThrownBy(
            () ->
                new io.github.pveiso.pipeline.stage.repack.FirmwareRepacker(0, events)
                    .repack(List.of(repack), work.resolve("repacked")))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "firmware-evil_1_all.deb: firmware hard link 'lib/firmware/h.bin' ->"
                + " 'usr/share/doc/firmware-evil/copyright' does not name an earlier firmware"
                + " file; pveiso cannot repack it");
  }

  @Test
  void aHardLinkMustNameAFileEarlierInThePackage() throws IOException {
    var absolute =
        source(
            new CraftedDeb("firmware-evil", "1").hardLink("./lib/firmware/h.bin", "/etc/shadow"),
            "firmware-evil",
            "1");
    assertThatThrownBy(() -> stage(absolute))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "firmware-evil: data.tar.gz entry './lib/firmware/h.bin' is a hard link to"
                + " '/etc/shadow' outside the root");
    var later =
        source(
            new CraftedDeb("firmware-later", "1")
                .hardLink("./lib/firmware/h.bin", "./lib/firmware/a.bin")
                .file("./lib/firmware/a.bin", "a"),
            "firmware-later",
            "1");
    assertThatThrownBy(() -> stage(later))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "firmware-later: data.tar.gz entry './lib/firmware/h.bin' is a hard link to"
                + " 'lib/firmware/a.bin', which is not a file earlier in the package");
    var toFolder =
        source(
            new CraftedDeb("firmware-dir", "1")
                .dir("./lib/firmware/")
                .hardLink("./lib/firmware/h.bin", "./lib/firmware"),
            "firmware-dir",
            "1");
    assertThatThrownBy(() -> stage(toFolder))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "firmware-dir: data.tar.gz entry './lib/firmware/h.bin' is a hard link to"
                + " 'lib/firmware', which is not a file earlier in the package");
  }

  @Test
  void hardLinksInsideTheFirmwareFolderAreStagedAsCopiesOfWhatThePackageShipped()
      throws IOException {
    var x =
        source(
            new CraftedDeb("firmware-x", "1").file("./lib/firmware/a.bin", "x"), "firmware-x", "1");
    var y =
        source(
            new CraftedDeb("firmware-y", "2")
                .file("./lib/firmware/a.bin", "y")
                .file("./usr/lib/firmware/c.bin", "c")
                .hardLink("./lib/firmware/b.bin", "./lib/firmware/a.bin")
                .hardLink("./lib/firmware/d.bin", "./usr/lib/firmware/c.bin"),
            "firmware-y",
            "2");
    FirmwareFolder tree = stage(x, y);
    Path root = work.resolve("firmware");
    List<String> staged = new ArrayList<>();
    for (FirmwareFolder.Entry e : tree.files()) {
      staged.add(
          e.path()
              + " "
              + e.pkg()
              + " "
              + e.size()
              + " "
              + Files.readString(root.resolve(e.path())));
    }
    assertThat(staged)
        .containsExactly(
            "a.bin firmware-x 1 x",
            "b.bin firmware-y 1 y",
            "c.bin firmware-y 1 c",
            "d.bin firmware-y 1 c");
    assertThat(Files.isSameFile(root.resolve("c.bin"), root.resolve("d.bin"))).isFalse();
    assertThat(tree.warnings())
        .containsExactly(
            "/firmware/a.bin: firmware-y ships other content than firmware-x; keeping firmware-x's");
    try (Stream<Path> files = Files.list(root)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted())
          .containsExactly("Contents-firmware", "a.bin", "b.bin", "c.bin", "d.bin");
    }
  }

  // ---- decompression bombs ----

  /** A package whose tar header says {@code path} is 3 GiB; only 4 KiB follow. */
  static CraftedDeb bomb(String name, String path) {
    return new CraftedDeb(name, "1")
        .entry(
            new CraftedDeb.Entry(
                path,
                org.apache.commons.compress.archivers.tar.TarConstants.LF_NORMAL,
                "",
                new byte[4096],
                3L << 30));
  }

  @Test
  void aFirmwareFileOfGigabytesIsRefusedBeforeItIsReadOnEveryTarget() throws IOException {
    var iso = source(bomb("firmware-bomb", "./lib/firmware/big.bin"), "firmware-bomb", "1");
    assertThatThrownBy(() -> stage(iso))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "firmware-bomb: firmware file 'lib/firmware/big.bin' is 3221225472 bytes, more than"
                + " pveiso's limit of 256 MiB for one firmware file");
    var system =
        new io.github.pveiso.pipeline.stage.repack.RepackSource(iso.deb(), "firmware-bomb", "1");
    assertThatThrownBy(
            () ->
                new io.github.pveiso.pipeline.stage.repack.FirmwareRepacker(0, events)
                    .repack(List.of(system), work.resolve("repacked")))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "firmware-bomb_1_all.deb: firmware file 'lib/firmware/big.bin' is 3221225472 bytes,"
                + " more than pveiso's limit of 256 MiB for one firmware file");
    try (Stream<Path> left = Files.list(work.resolve("repacked"))) {
      assertThat(left).as("nothing is left of the spool").isEmpty();
    }
    Path ucode = bomb("intel-microcode", "./lib/firmware/intel-ucode/06-55-04").write(debs);
    assertThatThrownBy(
            () -> {
              try (var in = Files.newInputStream(ucode)) {
                io.github.pveiso.initrd.MicrocodePackages.files(
                    io.github.pveiso.debian.DebArchive.open("intel-microcode", in));
              }
            })
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "intel-microcode: firmware file 'lib/firmware/intel-ucode/06-55-04' is 3221225472"
                + " bytes, more than pveiso's limit of 256 MiB for one firmware file");
  }

  // ---- every refusal is exit 3 with one line, on staging and on the planner's read ----

  static CraftedDeb crafted(String name) {
    return new CraftedDeb(name, "1");
  }

  static byte[] truncated(CraftedDeb deb, int cut) {
    byte[] bytes = deb.build();
    return java.util.Arrays.copyOf(bytes, bytes.length - cut);
  }

  /**
   * Reads {@code bytes} as package {@code name} as the planner does, then stages it; returns the
   * exit code and message of the planner's refusal, which staging repeats (it does not read the
   * control's relationships, so a bad Depends passes it).
   */
  String refusal(String name, byte[] bytes) throws IOException {
    Path file = Files.write(debs.resolve(name + ".deb"), bytes);
    var source = new StageFirmwareTreeStep.Source(name, "1", file, Sha256Digest.ofFile(file));
    Throwable planned =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> new DebContentsReader().read(name, file));
    assertThat(planned).as("reading %s", name).isNotNull();
    Throwable staged = org.assertj.core.api.Assertions.catchThrowable(() -> stage(source));
    if (!name.equals("depends")) {
      assertThat(staged).as("staging %s", name).hasMessage(planned.getMessage());
      assertThat(staged).isExactlyInstanceOf(planned.getClass());
    }
    return io.github.pveiso.cli.ExitCode.of(planned).code() + " " + planned.getMessage();
  }

  @Test
  void everyCraftedPackageIsRefusedWithExit3AndOneLine() throws IOException {
    String outsideLink = outside.toString();
    assertThat(
            refusal("dotdot", crafted("dotdot").file("./lib/firmware/../../../etc/x", "x").build()))
        .isEqualTo(
            "3 dotdot: data.tar.gz entry './lib/firmware/../../../etc/x' escapes the package root");
    assertThat(refusal("absolute", crafted("absolute").file("/lib/firmware/x", "x").build()))
        .isEqualTo("3 absolute: data.tar.gz entry '/lib/firmware/x' escapes the package root");
    assertThat(
            refusal(
                "escaping",
                crafted("escaping").symlink("./lib/firmware/x", "../../../../etc/shadow").build()))
        .isEqualTo(
            "3 escaping: data.tar.gz entry './lib/firmware/x' is a symlink to"
                + " '../../../../etc/shadow' outside the package root");
    assertThat(
            refusal(
                "below",
                crafted("below")
                    .symlink("./lib/firmware/d", outsideLink)
                    .file("./lib/firmware/d/x", "x")
                    .build()))
        .isEqualTo(
            "3 below: data.tar.gz entry './lib/firmware/d/x' lies below the symlink"
                + " 'lib/firmware/d' earlier in the package; pveiso never writes through a link");
    assertThat(
            refusal(
                "device",
                crafted("device")
                    .entry(
                        new CraftedDeb.Entry(
                            "./lib/firmware/sda",
                            org.apache.commons.compress.archivers.tar.TarConstants.LF_BLK,
                            "",
                            new byte[0],
                            0))
                    .build()))
        .isEqualTo(
            "3 device: data.tar.gz entry './lib/firmware/sda' is a device, fifo or other special"
                + " file");
    CraftedDeb big = crafted("truncated").file("./lib/firmware/x", new byte[5000]);
    assertThat(refusal("truncated", truncated(big, 40)))
        .isEqualTo(
            "3 truncated: the file ends inside ar member data.tar.gz, 40 of its "
                + big.members().get(2).content().length
                + " bytes missing (truncated, or a wrong size in its header)");
    assertThat(
            refusal(
                "depends",
                crafted("depends")
                    .controlText("Package: depends\nVersion: 1\nDepends: a (>> )\n")
                    .file("./lib/firmware/x", "x")
                    .build()))
        .isEqualTo("3 depends: control field Depends: bad version '' in relation 'a (>> )'");
  }

  @Test
  void anAbsoluteLinkOutOfTheFirmwareFolderIsStagedAsALinkAndNeverFollowed() throws IOException {
    Files.writeString(outside.resolve("secret"), "secret");
    var link =
        source(
            new CraftedDeb("firmware-link", "1")
                .symlink("./lib/firmware/secret", outside.resolve("secret").toString()),
            "firmware-link",
            "1");
    FirmwareFolder tree = stage(link);
    Path staged = work.resolve("firmware/secret");
    assertThat(Files.isSymbolicLink(staged)).isTrue();
    assertThat(tree.files())
        .containsExactly(
            new FirmwareFolder.Entry(
                "secret", outside.resolve("secret").toString(), "", 0, "firmware-link", "1"));
    Files.delete(outside.resolve("secret"));
  }
}
