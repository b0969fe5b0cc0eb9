package io.github.pveiso.pipeline.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.cache.CacheMaintenance;
import io.github.pveiso.cache.DerivedKey;
import io.github.pveiso.debian.DebWriter.Item;
import io.github.pveiso.events.Event;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.initrd.EarlyMicrocode;
import io.github.pveiso.initrd.MicrocodeFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlyMicrocodeCacheTest {

  static final long MTIME = 1_700_000_000L;
  static final String FAM17 = "DMA\0family 17h container";
  static final String FAM19 = "DMA\0family 19h container";

  @TempDir Path dir;

  final List<String> log = new CopyOnWriteArrayList<>();
  final EventListener events =
      event -> {
        if (event instanceof Event.Log l && l.level() != Event.Level.DEBUG) {
          log.add(l.level() + " " + l.message());
        }
      };

  List<EarlyMicrocodeCache.Source> sources;

  Cache cache() {
    return Cache.open(
        dir.resolve("cache"),
        (uri, target, limit) -> {
          throw new AssertionError("nothing is downloaded: " + uri);
        },
        Clock.systemUTC(),
        events);
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @BeforeEach
  void debs() throws IOException {
    Path deb =
        TestDebs.deb(
            dir,
            "amd64-microcode",
            "3.20250311.1",
            Map.of(),
            List.of(
                Item.file("lib/firmware/amd-ucode/microcode_amd_fam19h.bin", 0644, b(FAM19)),
                Item.file("lib/firmware/amd-ucode/microcode_amd_fam17h.bin", 0644, b(FAM17)),
                Item.file("lib/firmware/amd-ucode/README", 0644, b("not microcode"))));
    sources =
        List.of(
            new EarlyMicrocodeCache.Source(
                "amd64-microcode", "3.20250311.1", deb, Sha256Digest.ofFile(deb)));
  }

  EarlyMicrocodeCache.Made build() throws IOException {
    return new EarlyMicrocodeCache(cache(), events).build(sources, MTIME);
  }

  /** What the step made before the cache: the archive straight from the package's files. */
  static EarlyMicrocode direct() {
    return EarlyMicrocode.build(
        List.of(
            new MicrocodeFile("lib/firmware/amd-ucode/microcode_amd_fam19h.bin", b(FAM19)),
            new MicrocodeFile("lib/firmware/amd-ucode/microcode_amd_fam17h.bin", b(FAM17))),
        List.of("amd64-microcode=3.20250311.1"),
        MTIME);
  }

  static byte[] prepended(EarlyMicrocode early) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    early.prepend(new ByteArrayInputStream(new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3}), out);
    return out.toByteArray();
  }

  @Test
  void theWarmArchiveIsTheColdOneByteForByteWithoutReadingThePackage() throws IOException {
    EarlyMicrocodeCache.Made cold = build();
    Files.write(sources.get(0).deb(), b("not a deb any more"));
    log.clear();

    EarlyMicrocodeCache.Made warm = build();

    assertThat(cold.sources()).containsExactly("amd64-microcode=3.20250311.1");
    assertThat(cold.early().bytes()).isEqualTo(direct().bytes());
    assertThat(warm.early().bytes()).isEqualTo(cold.early().bytes());
    assertThat(warm.early().vendors()).isEqualTo(cold.early().vendors());
    assertThat(warm.early().marker()).isEqualTo(cold.early().marker());
    assertThat(warm.early().archive()).isEqualTo(cold.early().archive());
    assertThat(warm.sources()).isEqualTo(cold.sources());
    assertThat(prepended(warm.early())).isEqualTo(prepended(direct()));
    assertThat(log)
        .containsExactly(
            "INFO stage: reused the early microcode archive from the cache ("
                + Sha256Digest.of(cold.early().bytes()).hex()
                + ")");
  }

  @Test
  void aTamperedArchiveIsDroppedAndBuiltAgain() throws IOException {
    EarlyMicrocodeCache.Made cold = build();
    Path blob = cache().files().blobFile(Sha256Digest.of(cold.early().bytes()));
    byte[] bad = cold.early().bytes();
    bad[bad.length - 1] ^= 1;
    Files.write(blob, bad);
    log.clear();

    assertThat(build().early().bytes()).isEqualTo(cold.early().bytes());
    assertThat(log)
        .containsExactly(
            "WARN cache: dropped "
                + blob
                + " because its content now hashes to "
                + Sha256Digest.of(bad)
                + "; it will be fetched again",
            "INFO stage: the cached early microcode archive is gone; building it again");
    assertThat(blob).hasBinaryContent(cold.early().bytes());
  }

  @Test
  void aBlobThatIsNotExactlyTheEntrysArchiveIsRefusedWhenLoaded() throws IOException {
    EarlyMicrocodeCache.Made cold = build();
    byte[] bytes = cold.early().bytes();
    EarlyMicrocodeEntry entry = EarlyMicrocodeEntry.of(cold, cold.early().digest());
    assertThat(cold.early().digest()).isEqualTo(Sha256Digest.of(bytes));
    Path same = Files.write(dir.resolve("same.cpio"), bytes);
    assertThat(entry.load(same, MTIME).early().bytes()).isEqualTo(bytes);

    byte[] padded = java.util.Arrays.copyOf(bytes, bytes.length + 512);
    Path longer = Files.write(dir.resolve("longer.cpio"), padded);
    assertThatThrownBy(() -> entry.load(longer, MTIME))
        .isInstanceOf(IOException.class)
        .hasMessage("the blob holds more than the archive");

    // the first entry's mode (a directory, 000041ED) in lowercase hex reads the same, and what is
    // written is the archive written back: the entry's bytes
    byte[] lower = bytes.clone();
    assertThat(new String(lower, 14, 8, StandardCharsets.US_ASCII)).isEqualTo("000041ED");
    lower[20] = 'e';
    lower[21] = 'd';
    Path lowercase = Files.write(dir.resolve("lowercase.cpio"), lower);
    assertThat(entry.load(lowercase, MTIME).early().bytes()).isEqualTo(bytes);

    // another mtime in the first header: another archive
    byte[] other = bytes.clone();
    assertThat(new String(other, 46, 8, StandardCharsets.US_ASCII))
        .isEqualTo(String.format("%08X", MTIME));
    other[53] ^= 1;
    Path changed = Files.write(dir.resolve("changed.cpio"), other);
    assertThatThrownBy(() -> entry.load(changed, MTIME))
        .isInstanceOf(IOException.class)
        .hasMessage("the archive does not write back to the entry's bytes");
  }

  @Test
  void malformedEntriesAreReportedAndTheArchiveIsBuiltAgain() throws IOException {
    EarlyMicrocodeCache.Made cold = build();
    DerivedKey key = EarlyMicrocodeCache.key(sources, MTIME);
    String archive = Sha256Digest.of(cold.early().bytes()).hex();
    Sha256Digest notCpio = cache().put(b("not a cpio archive at all, long enough to be read"));
    for (String json :
        List.of(
            "not json",
            "{\"archive\":\"00\"}",
            "{\"archive\":\"" + archive + "\",\"marker\":\"m\",\"sources\":[],\"vendors\":[{}]}",
            "{\"archive\":\"" + archive + "\",\"marker\":\"m\",\"vendors\":[]}",
            "{\"archive\":\""
                + notCpio.hex()
                + "\",\"marker\":\"m\",\"sources\":[],\"vendors\":[]}")) {
      cache().writeParsed(key, b(json));
      log.clear();
      assertThat(build().early().bytes()).isEqualTo(cold.early().bytes());
      assertThat(log)
          .singleElement()
          .asString()
          .startsWith(
              "WARN cache: dropped early-microcode entry of amd64-microcode 3.20250311.1: ");
    }
    log.clear();
    assertThat(build()).isNotNull();
    assertThat(log).singleElement().asString().startsWith("INFO stage: reused");
  }

  @Test
  void anEntryThatNamesAnArchiveStampedAtAnotherTimeIsDroppedAndVerifyBuildsItAgain()
      throws IOException {
    cache().putFile(sources.get(0).deb()); // a downloaded .deb is a blob
    EarlyMicrocodeCache.Made cold = build();
    EarlyMicrocodeCache.Made later =
        new EarlyMicrocodeCache(cache(), events).build(sources, MTIME + 1);
    DerivedKey key = EarlyMicrocodeCache.key(sources, MTIME);
    Sha256Digest laterBlob = Sha256Digest.of(later.early().bytes());
    cache().writeParsed(key, EarlyMicrocodeEntry.encode(EarlyMicrocodeEntry.of(later, laterBlob)));
    log.clear();

    assertThat(build().early().bytes()).isEqualTo(cold.early().bytes());
    assertThat(log)
        .containsExactly(
            "WARN cache: dropped early-microcode entry of amd64-microcode 3.20250311.1: the"
                + " archive's kernel is not stamped 1700000000; making it again");

    cache().writeParsed(key, EarlyMicrocodeEntry.encode(EarlyMicrocodeEntry.of(later, laterBlob)));
    CacheMaintenance.VerifyReport report = cache().verify(StageCaches.codecs());
    assertThat(report.derivedChecked()).isEqualTo(2);
    assertThat(report.derivedDropped())
        .containsExactly(
            new CacheMaintenance.DroppedEntry(
                "parsed/early-microcode/" + key.digest().hex(),
                "it is not the archive its packages make"));
  }

  @Test
  void theKeyFollowsThePackagesAndTheTime() {
    DerivedKey key = EarlyMicrocodeCache.key(sources, MTIME);
    assertThat(EarlyMicrocodeCache.key(sources, MTIME + 1)).isNotEqualTo(key);
    assertThat(EarlyMicrocodeCache.key(List.of(), MTIME)).isNotEqualTo(key);
    assertThat(key.text())
        .isEqualTo(
            "derived early-microcode 1\ninput "
                + sources.get(0).sha256().hex()
                + " amd64-microcode 3.20250311.1\nparam mtime 1700000000\n");
  }
}
