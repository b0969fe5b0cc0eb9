package io.github.pveiso.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.VerificationException;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.cache.Sha256Digest;
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
}
