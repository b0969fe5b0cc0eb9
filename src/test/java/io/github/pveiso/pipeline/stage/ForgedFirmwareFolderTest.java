package io.github.pveiso.pipeline.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.cache.CacheMaintenance;
import io.github.pveiso.cache.DerivedKey;
import io.github.pveiso.debian.CraftedDeb;
import io.github.pveiso.debian.DebWriter.Item;
import io.github.pveiso.events.Event;
import io.github.pveiso.events.EventListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, finding 11: a {@code parsed/firmware-folder} entry forged with its checksum recomputed
 * put a file into the output's {@code /firmware} that the manifest credited to a real package. Now
 * a tree entry must be what its packages' file lists make, an entry is bound to its key, and {@code
 * cache verify} checks derived entries too.
 */
class ForgedFirmwareFolderTest {

  @TempDir Path dir;

  final List<String> log = new CopyOnWriteArrayList<>();
  final EventListener events =
      event -> {
        if (event instanceof Event.Log l && l.level() != Event.Level.DEBUG) {
          log.add(l.level() + " " + l.message());
        }
      };

  StageFirmwareTreeStep.Source a;
  StageFirmwareTreeStep.Source b;
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

  FirmwareFolder stage(StageFirmwareTreeStep.Source... sources) {
    return new FirmwareFolderCache(cache(), events).stage(root, List.of(sources));
  }

  Path entry(DerivedKey key) {
    return cache().files().parsedFile(key);
  }

  /** Two firmware packages, each also a blob of the cache (as a downloaded .deb is). */
  @BeforeEach
  void debs() throws IOException {
    Path debs = Files.createDirectories(dir.resolve("debs"));
    a = source(debs, "firmware-a", "a/one.bin", "one");
    b = source(debs, "firmware-b", "b/two.bin", "two");
    root = dir.resolve("stage/firmware");
  }

  StageFirmwareTreeStep.Source source(Path debs, String name, String file, String content)
      throws IOException {
    Path deb =
        TestDebs.deb(
            debs,
            name,
            "1.0",
            Map.of(),
            List.of(Item.file("lib/firmware/" + file, 0644, b(content))));
    return new StageFirmwareTreeStep.Source(name, "1.0", deb, cache().putFile(deb));
  }

  /**
   * The tree entry of {@code a} with one more file, credited to {@code a}, that it does not ship.
   */
  String forgedTree(Sha256Digest evil) {
    return "{\"entries\":[{\"path\":\"a/evil.bin\",\"link\":\"\",\"sha256\":\""
        + evil.hex()
        + "\",\"size\":12,\"package\":\"firmware-a\",\"version\":\"1.0\"},"
        + "{\"path\":\"a/one.bin\",\"link\":\"\",\"sha256\":\""
        + Sha256Digest.of(b("one")).hex()
        + "\",\"size\":3,\"package\":\"firmware-a\",\"version\":\"1.0\"}],\"warnings\":[]}";
  }

  @Test
  void aForgedEntryWithItsChecksumRecomputedPutsNothingIntoTheTree() throws IOException {
    FirmwareFolder cold = stage(a);
    Sha256Digest evil = cache().put(b("not firmware"));
    cache().writeParsed(FirmwareFolderCache.key(List.of(a)), b(forgedTree(evil)));
    log.clear();

    FirmwareFolder warm = stage(a);

    assertThat(warm).isEqualTo(cold);
    assertThat(root.resolve("a/evil.bin")).doesNotExist();
    assertThat(Files.readString(root.resolve(FirmwareFolder.INDEX))).doesNotContain("evil");
    assertThat(log)
        .containsExactly(
            "WARN cache: dropped firmware-folder entry of firmware-a 1.0: its files are not what"
                + " its packages ship; making it again");
    log.clear();
    assertThat(stage(a)).isEqualTo(cold);
    assertThat(log)
        .containsExactly(
            "INFO stage: reused the firmware tree from the cache (1 entries), same packages as before");
  }

  @Test
  void anEntryMovedUnderAnotherKeyIsRefused() throws IOException {
    stage(a);
    FirmwareFolder coldB = new StageFirmwareTreeStep(dir.resolve("b")).call(List.of(b));
    Path moved = entry(FirmwareFolderCache.key(List.of(b)));
    Files.createDirectories(moved.getParent());
    Files.copy(entry(FirmwareFolderCache.key(List.of(a))), moved);
    log.clear();

    FirmwareFolder warm = stage(b);

    assertThat(warm.files()).isEqualTo(coldB.files());
    assertThat(root.resolve("a")).doesNotExist();
    assertThat(log)
        .containsExactly(
            "WARN cache: dropped firmware-folder entry of firmware-b 1.0: its header names other"
                + " inputs or parameters (it was moved or made for another key); making it again");
  }

  @Test
  void aTruncatedEntryIsMadeAgainWithOneWarning() throws IOException {
    FirmwareFolder cold = stage(a);
    Path file = entry(FirmwareFolderCache.key(List.of(a)));
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 10));
    int payload = FirmwareFolderEntry.encode(FirmwareFolderEntry.of(cold)).length;
    log.clear();

    assertThat(stage(a)).isEqualTo(cold);
    assertThat(log)
        .containsExactly(
            "WARN cache: dropped firmware-folder entry of firmware-a 1.0: it is truncated ("
                + (payload - 10)
                + " of "
                + payload
                + " payload bytes); making it again");
    log.clear();
    assertThat(stage(a)).isEqualTo(cold);
    assertThat(log).singleElement().asString().startsWith("INFO stage: reused");
  }

  @Test
  void cacheVerifyDropsForgedMovedAndTruncatedEntries() throws IOException {
    stage(a);
    stage(b);
    Sha256Digest evil = cache().put(b("not firmware"));
    DerivedKey treeA = FirmwareFolderCache.key(List.of(a));
    DerivedKey treeB = FirmwareFolderCache.key(List.of(b));
    DerivedKey treeAb = FirmwareFolderCache.key(List.of(a, b));
    cache().writeParsed(treeA, b(forgedTree(evil)));
    Files.copy(entry(treeB), entry(treeAb));
    Path listB = entry(DebFirmwareList.key(b));
    byte[] bytes = Files.readAllBytes(listB);
    Files.write(listB, Arrays.copyOf(bytes, bytes.length - 1));
    int listPayload =
        DebFirmwareList.CODEC.encode(DebFirmwareList.read("firmware-b", b.deb())).length;

    CacheMaintenance.VerifyReport report = cache().verify(StageCaches.codecs());

    assertThat(report.derivedChecked()).isEqualTo(5);
    assertThat(report.derivedDropped())
        .containsExactlyInAnyOrder(
            dropped(
                DebFirmwareList.key(b),
                "it is truncated (" + (listPayload - 1) + " of " + listPayload + " payload bytes)"),
            dropped(treeA, "its files are not what its packages ship"),
            dropped(treeB, "the file list of firmware-b 1.0 to check it against is missing"),
            dropped(
                treeAb,
                "its header names other inputs or parameters (it was moved or made for another"
                    + " key)"));
    assertThat(cache().verify(StageCaches.codecs()).derivedDropped()).isEmpty();
    log.clear();
    stage(a);
    assertThat(log).isEmpty(); // extracted again, silently: the forged entry is gone
  }

  @Test
  void aForgeryOfTheListsAndTheTreeTogetherIsFoundByCacheVerify() throws IOException {
    stage(a);
    Sha256Digest evil = cache().put(b("not firmware"));
    // whoever can write the cache can forge both consistently; a build cannot tell without
    // decompressing the package, which is what the cache is there to spare (see DerivedCache)
    cache()
        .writeParsed(
            DebFirmwareList.key(a),
            b(
                "{\"entries\":[{\"path\":\"a/evil.bin\",\"link\":\"\",\"sha256\":\""
                    + evil.hex()
                    + "\",\"size\":12},{\"path\":\"a/one.bin\",\"link\":\"\",\"sha256\":\""
                    + Sha256Digest.of(b("one")).hex()
                    + "\",\"size\":3}]}"));
    cache().writeParsed(FirmwareFolderCache.key(List.of(a)), b(forgedTree(evil)));

    CacheMaintenance.VerifyReport report = cache().verify(StageCaches.codecs());

    assertThat(report.derivedDropped())
        .containsExactly(
            dropped(DebFirmwareList.key(a), "it is not what firmware-a 1.0's data holds"),
            dropped(
                FirmwareFolderCache.key(List.of(a)),
                "the file list of firmware-a 1.0 to check it against is missing"));
    log.clear();
    stage(a);
    assertThat(root.resolve("a/evil.bin")).doesNotExist();
  }

  @Test
  void cacheVerifyKeepsWhatABuildMadeAndDropsWhatLostItsPackage() throws IOException {
    stage(a, b);
    assertThat(cache().verify(StageCaches.codecs()).derivedDropped()).isEmpty();
    Files.delete(cache().files().blobFile(b.sha256()));

    CacheMaintenance.VerifyReport report = cache().verify(StageCaches.codecs());

    String orphaned =
        "orphaned: its input firmware-b 1.0 (" + b.sha256().hex() + ") is no longer in the cache";
    assertThat(report.derivedChecked()).isEqualTo(3);
    assertThat(report.derivedDropped())
        .containsExactlyInAnyOrder(
            dropped(DebFirmwareList.key(b), orphaned),
            dropped(FirmwareFolderCache.key(List.of(a, b)), orphaned));
  }

  @Test
  void aPackagesListReadAgainIsWhatStagingItRecorded() throws IOException {
    Path deb =
        new CraftedDeb("firmware-x", "2.0")
            .dir("./lib/firmware/")
            .file("./lib/firmware/x/f.bin", "f")
            .symlink("./lib/firmware/x/abs.bin", "/lib/firmware/x/f.bin")
            .symlink("./lib/firmware/rel", "x")
            .hardLink("./lib/firmware/x/h.bin", "./lib/firmware/x/f.bin")
            .file("./usr/lib/firmware/x/f.bin", "another f")
            .file("./usr/share/doc/firmware-x/copyright", "c")
            .write(dir.resolve("debs"));
    var source =
        new StageFirmwareTreeStep.Source("firmware-x", "2.0", deb, Sha256Digest.ofFile(deb));

    StageFirmwareTreeStep.Extracted staged =
        new StageFirmwareTreeStep(root).extract(List.of(source));

    DebFirmwareList list = staged.lists().get(0);
    assertThat(DebFirmwareList.read("firmware-x", deb)).isEqualTo(list);
    assertThat(list.entries())
        .extracting(i -> i.path() + " " + i.link() + " " + i.size())
        .containsExactly("x/f.bin  1", "x/abs.bin f.bin 0", "rel x 0", "x/h.bin  1", "x/f.bin  9");
    assertThat(
            FirmwareFolderEntry.merge(
                List.of(new FirmwareFolderEntry.Shipped("firmware-x", "2.0", list))))
        .isEqualTo(FirmwareFolderEntry.of(staged.folder()));
    assertThat(staged.folder().warnings())
        .containsExactly(
            "/firmware/x/f.bin: firmware-x ships other content than firmware-x; keeping"
                + " firmware-x's");
  }

  CacheMaintenance.DroppedEntry dropped(DerivedKey key, String reason) {
    return new CacheMaintenance.DroppedEntry(
        "parsed/" + key.kind() + "/" + key.digest().hex(), reason);
  }
}
