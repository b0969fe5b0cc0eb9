package io.github.pveiso.pipeline.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.debian.CraftedDeb;
import io.github.pveiso.events.Event;
import io.github.pveiso.events.EventListener;
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
        (uri, target) -> {
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
    assertThat(cache.readParsed(FirmwareFolderCache.KIND, FirmwareFolderCache.key(List.of(evil))))
        .isEmpty();
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
}
