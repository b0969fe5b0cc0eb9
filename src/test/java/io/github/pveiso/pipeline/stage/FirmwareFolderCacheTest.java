package io.github.pveiso.pipeline.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.cache.DerivedKey;
import io.github.pveiso.debian.DebWriter.Item;
import io.github.pveiso.events.Event;
import io.github.pveiso.events.EventListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirmwareFolderCacheTest {

  @TempDir Path dir;

  final List<String> log = new CopyOnWriteArrayList<>();
  final EventListener events =
      event -> {
        if (event instanceof Event.Log l && l.level() != Event.Level.DEBUG) {
          log.add(l.level() + " " + l.message());
        }
      };

  List<StageFirmwareTreeStep.Source> sources;
  Path root;

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
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

  @BeforeEach
  void debs() throws IOException {
    Path debs = Files.createDirectories(dir.resolve("debs"));
    Path a =
        TestDebs.deb(
            debs,
            "firmware-a",
            "1.0",
            Map.of(),
            List.of(
                Item.file("lib/firmware/a/one.bin", 0644, b("one")),
                Item.file("lib/firmware/a/same.bin", 0644, b("two")),
                Item.symlink("lib/firmware/a/link.bin", "/lib/firmware/a/one.bin"),
                Item.symlink("lib/firmware/rel.bin", "a/one.bin"),
                Item.file("usr/share/doc/firmware-a/copyright", 0644, b("c"))));
    Path c =
        TestDebs.deb(
            debs,
            "firmware-c",
            "2.0",
            Map.of(),
            List.of(
                Item.file("usr/lib/firmware/c/two.bin", 0644, b("two")),
                Item.file("usr/lib/firmware/c/empty.bin", 0644, b("")),
                Item.file("usr/lib/firmware/a/one.bin", 0644, b("different"))));
    sources =
        List.of(
            new StageFirmwareTreeStep.Source("firmware-a", "1.0", a, Sha256Digest.ofFile(a)),
            new StageFirmwareTreeStep.Source("firmware-c", "2.0", c, Sha256Digest.ofFile(c)));
    root = dir.resolve("stage/firmware");
  }

  FirmwareFolder stage() {
    return new FirmwareFolderCache(cache(), events).stage(root, sources);
  }

  /** Every path under the root with "file <bytes>" or "link <target>", sorted. */
  static Map<String, String> listing(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        String rel = root.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          out.put(rel, "link " + Files.readSymbolicLink(p));
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          out.put(rel, "file " + new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
        } else {
          out.put(rel, "dir");
        }
      }
    }
    return out;
  }

  /** Makes the .debs unreadable as packages: a stage from them could only fail. */
  void spoilDebs() throws IOException {
    for (StageFirmwareTreeStep.Source s : sources) {
      Files.write(s.deb(), b("not a deb any more"));
    }
  }

  Path blobOf(String content) {
    return cache().files().blobFile(Sha256Digest.of(b(content)));
  }

  @Test
  void theWarmStageReadsNoDebAndGivesTheColdTreeByteForByte() throws IOException {
    FirmwareFolder cold = stage();
    Map<String, String> coldListing = listing(root);
    spoilDebs();
    log.clear();

    FirmwareFolder warm = stage();

    assertThat(warm).isEqualTo(cold);
    assertThat(listing(root)).isEqualTo(coldListing);
    assertThat(coldListing)
        .containsEntry("Contents-firmware", "file " + indexText())
        .containsEntry("a/link.bin", "link one.bin")
        .containsEntry("rel.bin", "link a/one.bin")
        .containsEntry("a/one.bin", "file one")
        .containsEntry("c/empty.bin", "file ");
    assertThat(cold.warnings())
        .containsExactly(
            "/firmware/a/one.bin: firmware-c ships other content than firmware-a; keeping"
                + " firmware-a's");
    assertThat(log)
        .containsExactly(
            "INFO stage: reused the firmware tree from the cache (6 entries), same packages as"
                + " before");
    // a file is a link to its checked blob; a second file with the same content is a copy
    assertThat(Files.isSameFile(root.resolve("a/one.bin"), blobOf("one"))).isTrue();
    assertThat(
            Files.isSameFile(root.resolve("a/same.bin"), blobOf("two"))
                ^ Files.isSameFile(root.resolve("c/two.bin"), blobOf("two")))
        .isTrue();
    // the index is written, a file of its own
    assertThat(Files.getAttribute(root.resolve("Contents-firmware"), "unix:nlink")).isEqualTo(1);
  }

  static String indexText() {
    return String.join(
        "\n",
        "# pveiso: firmware files on this ISO and the Debian package each came from.",
        "# The Proxmox installer does not read this folder.",
        "a/link.bin firmware-a 1.0",
        "a/one.bin firmware-a 1.0",
        "a/same.bin firmware-a 1.0",
        "c/empty.bin firmware-c 2.0",
        "c/two.bin firmware-c 2.0",
        "rel.bin firmware-a 1.0",
        "");
  }

  @Test
  void aColdStageOverALinkedTreeLeavesTheBlobsAlone() throws IOException {
    stage();
    stage(); // linked from the blobs now
    Files.writeString(root.resolve("stale.bin"), "from an earlier build");
    // another package set, same stage folder: extracted, over the linked files
    Path other =
        TestDebs.deb(
            dir.resolve("debs"),
            "firmware-b",
            "1.0",
            Map.of(),
            List.of(Item.file("lib/firmware/a/one.bin", 0644, b("ONE, changed"))));
    sources =
        List.of(
            new StageFirmwareTreeStep.Source(
                "firmware-b", "1.0", other, Sha256Digest.ofFile(other)));

    stage();

    assertThat(listing(root))
        .containsOnlyKeys("", "Contents-firmware", "a", "a/one.bin")
        .containsEntry("a/one.bin", "file ONE, changed");
    assertThat(blobOf("one")).hasContent("one");
    assertThat(blobOf("two")).hasContent("two");
    assertThat(cache().verify().dropped()).isEmpty();
  }

  @Test
  void aTamperedBlobIsDroppedAndThePackagesAreExtractedAgain() throws IOException {
    FirmwareFolder cold = stage();
    Map<String, String> coldListing = listing(root);
    Files.writeString(blobOf("one"), "onE");
    log.clear();

    FirmwareFolder again = stage();

    assertThat(again).isEqualTo(cold);
    assertThat(listing(root)).isEqualTo(coldListing);
    assertThat(log)
        .containsExactly(
            "WARN cache: dropped "
                + blobOf("one")
                + " because its content now hashes to "
                + Sha256Digest.of(b("onE"))
                + "; it will be fetched again",
            "WARN cache: a file of the firmware tree "
                + FirmwareFolderCache.key(sources).digest().hex()
                + " is gone; extracting again");
    assertThat(blobOf("one")).hasContent("one"); // stored again
  }

  @Test
  void aMissingBlobMeansAFullExtraction() throws IOException {
    FirmwareFolder cold = stage();
    Files.delete(blobOf("two"));
    log.clear();

    assertThat(stage()).isEqualTo(cold);
    assertThat(log)
        .containsExactly(
            "WARN cache: a file of the firmware tree "
                + FirmwareFolderCache.key(sources).digest().hex()
                + " is gone; extracting again");
    log.clear();
    spoilDebs();
    assertThat(stage()).isEqualTo(cold);
    assertThat(log).singleElement().asString().startsWith("INFO stage: reused");
  }

  @Test
  void aMalformedEntryIsReportedAndThePackagesAreExtractedAgain() throws IOException {
    FirmwareFolder cold = stage();
    DerivedKey key = FirmwareFolderCache.key(sources);
    List<String> wrong = new ArrayList<>();
    for (String json :
        List.of(
            "[1]",
            "{\"entries\":[],\"warnings\":[7]}",
            "{\"entries\":[{\"path\":\"../up\",\"link\":\"x\",\"sha256\":\"\",\"size\":0,"
                + "\"package\":\"p\",\"version\":\"1\"}],\"warnings\":[]}",
            "{\"entries\":[{\"path\":\"a\",\"link\":\"\",\"sha256\":\"00\",\"size\":0,"
                + "\"package\":\"p\",\"version\":\"1\"}],\"warnings\":[]}",
            "{\"entries\":[{\"path\":\"a\",\"link\":\"x\",\"sha256\":\"\",\"size\":-1,"
                + "\"package\":\"p\",\"version\":\"1\"}],\"warnings\":[]}",
            "{\"entries\":[{\"path\":\"b\",\"link\":\"x\",\"sha256\":\"\",\"size\":0,"
                + "\"package\":\"p\",\"version\":\"1\"},{\"path\":\"a\",\"link\":\"x\","
                + "\"sha256\":\"\",\"size\":0,\"package\":\"p\",\"version\":\"1\"}],"
                + "\"warnings\":[]}",
            "{\"entries\":[{\"path\":\"a\",\"link\":\"x\",\"sha256\":\"\",\"size\":0,"
                + "\"version\":\"1\"}],\"warnings\":[]}")) {
      cache().writeParsed(key, b(json));
      log.clear();
      assertThat(stage()).isEqualTo(cold);
      assertThat(log)
          .singleElement()
          .asString()
          .startsWith(
              "WARN cache: dropped firmware-folder entry of firmware-a 1.0, firmware-c 2.0: ")
          .endsWith("; making it again");
      wrong.add(log.get(0).replaceFirst("^[^:]*:[^:]*: (.*); making it again$", "$1"));
    }
    assertThat(wrong)
        .containsExactly(
            "entries or warnings is missing",
            "warning is missing or not a string",
            "path '../up' is not a plain relative path",
            "a is neither a file with a digest nor a link",
            "size of a is not a byte count",
            "path a is out of order or repeated",
            "package of a is missing or not a string");
  }

  @Test
  void anEntryThatPutsAFileBelowALinkIsExtractedAgain() throws IOException {
    FirmwareFolder cold = stage();
    Sha256Digest one = Sha256Digest.of(b("one"));
    // forged consistently: the packages' file lists say so too, so only the linker can refuse it
    cache()
        .writeParsed(
            DebFirmwareList.key(sources.get(0)),
            b(
                "{\"entries\":[{\"path\":\"a\",\"link\":\"c\",\"sha256\":\"\",\"size\":0},"
                    + "{\"path\":\"a/x\",\"link\":\"\",\"sha256\":\""
                    + one.hex()
                    + "\",\"size\":3}]}"));
    cache().writeParsed(DebFirmwareList.key(sources.get(1)), b("{\"entries\":[]}"));
    cache()
        .writeParsed(
            FirmwareFolderCache.key(sources),
            b(
                "{\"entries\":[{\"path\":\"a\",\"link\":\"c\",\"sha256\":\"\",\"size\":0,"
                    + "\"package\":\"firmware-a\",\"version\":\"1.0\"},{\"path\":\"a/x\","
                    + "\"link\":\"\",\"sha256\":\""
                    + one.hex()
                    + "\",\"size\":3,\"package\":\"firmware-a\",\"version\":\"1.0\"}],"
                    + "\"warnings\":[]}"));
    log.clear();

    assertThat(stage()).isEqualTo(cold);
    assertThat(log)
        .containsExactly(
            "WARN cache: cannot make the firmware tree in "
                + root
                + " from the cache (entry a/x would leave the tree or sit below a link);"
                + " extracting the packages again");
  }

  @Test
  void theKeyFollowsTheSourcesAndTheirOrder() {
    DerivedKey key = FirmwareFolderCache.key(sources);
    assertThat(FirmwareFolderCache.key(List.of(sources.get(1), sources.get(0)))).isNotEqualTo(key);
    assertThat(FirmwareFolderCache.key(sources.subList(0, 1))).isNotEqualTo(key);
    StageFirmwareTreeStep.Source a = sources.get(0);
    assertThat(
            FirmwareFolderCache.key(
                List.of(
                    new StageFirmwareTreeStep.Source(
                        a.name(), a.version(), a.deb(), Sha256Digest.of(b("x"))),
                    sources.get(1))))
        .isNotEqualTo(key);
    assertThat(key.text())
        .isEqualTo(
            "derived firmware-folder 1\ninput "
                + a.sha256().hex()
                + " firmware-a 1.0\ninput "
                + sources.get(1).sha256().hex()
                + " firmware-c 2.0\n");
  }

  @Test
  void whereLinkingFailsTheBlobsAreCopied() throws IOException {
    Path shm = Path.of("/dev/shm");
    Assumptions.assumeTrue(
        Files.isDirectory(shm) && !Files.getFileStore(shm).equals(Files.getFileStore(dir)),
        "needs a second file system at /dev/shm");
    Path other = Files.createTempDirectory(shm, "pveiso-test-");
    try {
      Cache elsewhere =
          Cache.open(
              other.resolve("cache"),
              (uri, target, limit) -> {
                throw new AssertionError("nothing is downloaded: " + uri);
              },
              Clock.systemUTC(),
              events);
      FirmwareFolder cold = new FirmwareFolderCache(elsewhere, events).stage(root, sources);
      Map<String, String> coldListing = listing(root);
      spoilDebs();

      FirmwareFolder warm = new FirmwareFolderCache(elsewhere, events).stage(root, sources);

      assertThat(warm).isEqualTo(cold);
      assertThat(listing(root)).isEqualTo(coldListing);
      Path blob = elsewhere.files().blobFile(Sha256Digest.of(b("one")));
      assertThat(Files.isSameFile(root.resolve("a/one.bin"), blob)).isFalse();
    } finally {
      StageFirmwareTreeStep.deleteTree(other);
    }
  }
}
