package io.github.pveiso.pipeline.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.cache.CacheMaintenance;
import io.github.pveiso.debian.TestDeb;
import io.github.pveiso.events.Event;
import io.github.pveiso.events.EventListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebContentsCacheTest {

  @TempDir Path tmp;

  Cache cache() {
    return Cache.open(
        tmp.resolve("cache"),
        (url, to, limit) -> {
          throw new AssertionError("nothing is downloaded: " + url);
        },
        Clock.systemUTC(),
        EventListener.NONE);
  }

  @Test
  void theSecondReadOfTheSameDebComesFromTheCacheWithTheSameValues() throws IOException {
    Path deb =
        Files.write(
            tmp.resolve("firmware-x.deb"),
            new TestDeb("firmware-x", "1.0", "all")
                .file("./usr/lib/firmware/intel-ucode/06-01-01", "ucode")
                .file("./usr/lib/firmware/x/a.bin", "a")
                .build());
    Sha256Digest digest = Sha256Digest.ofFile(deb);
    DebContentsReader reader = new DebContentsReader();
    DebContents first =
        new DebContentsCache(cache(), reader, EventListener.NONE).read("x", deb, digest);
    // the .deb is gone: a second read can only come from the cache
    Files.delete(deb);
    DebContents second =
        new DebContentsCache(cache(), reader, EventListener.NONE).read("x", deb, digest);
    assertThat(second).isEqualTo(first);
    assertThat(first.firmwareFiles()).containsExactly("intel-ucode/06-01-01", "x/a.bin");
    assertThat(first.intelMicrocode()).containsExactly("intel-ucode/06-01-01");
  }

  @Test
  void anEntryThatDoesNotDecodeIsReadAgainAndReplaced() throws IOException {
    Path deb =
        Files.write(
            tmp.resolve("tool.deb"),
            new TestDeb("tool", "1.0", "amd64").file("./usr/bin/tool", "x").build());
    Sha256Digest digest = Sha256Digest.ofFile(deb);
    Cache cache = cache();
    cache.writeParsed(
        DebContentsCache.key(digest), "{\"firmwareFiles\":[]}".getBytes(StandardCharsets.UTF_8));
    List<String> warnings = new ArrayList<>();
    EventListener events =
        e -> {
          if (e instanceof Event.Log log && log.level() == Event.Level.WARN) {
            warnings.add(log.message());
          }
        };
    DebContentsReader reader = new DebContentsReader();
    DebContents read = new DebContentsCache(cache, reader, events).read("tool", deb, digest);
    assertThat(read).isEqualTo(new DebContents(List.of(), List.of(), List.of(), false));
    assertThat(warnings)
        .containsExactly(
            "cache: dropped deb-contents entry of tool: needsDkms is missing; making it again");
    // the entry was replaced: with the .deb gone, the next read still works
    Files.delete(deb);
    assertThat(new DebContentsCache(cache, reader, events).read("tool", deb, digest))
        .isEqualTo(read);
  }

  @Test
  void cacheVerifyReadsEachDebAgainAndDropsContentsThatAreNotIts() throws IOException {
    Path deb =
        Files.write(
            tmp.resolve("tool.deb"),
            new TestDeb("tool", "1.0", "amd64").file("./usr/bin/tool", "x").build());
    Cache cache = cache();
    Sha256Digest digest = cache.putFile(deb);
    new DebContentsCache(cache, new DebContentsReader(), EventListener.NONE)
        .read("tool", deb, digest);
    Path other =
        Files.write(
            tmp.resolve("other.deb"),
            new TestDeb("other", "1.0", "amd64").file("./usr/bin/other", "y").build());
    Sha256Digest otherDigest = cache.putFile(other);
    cache.writeParsed(
        DebContentsCache.key(otherDigest),
        DebContentsCache.encode(new DebContents(List.of(), List.of(), List.of(), true)));

    CacheMaintenance.VerifyReport report = cache.verify(List.of(DebContentsCache.CODEC));

    assertThat(report.derivedChecked()).isEqualTo(2);
    assertThat(report.derivedDropped())
        .containsExactly(
            new CacheMaintenance.DroppedEntry(
                "parsed/deb-contents/" + DebContentsCache.key(otherDigest).digest().hex(),
                "it is not what its .deb holds"));
  }

  @Test
  void encodingRoundTrips() throws IOException {
    DebContents c =
        new DebContents(List.of("a", "amd-ucode/b"), List.of(), List.of("amd-ucode/b"), true);
    assertThat(DebContentsCache.decode(DebContentsCache.encode(c))).isEqualTo(c);
    assertThat(new String(DebContentsCache.encode(c), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"firmwareFiles\":[\"a\",\"amd-ucode/b\"],\"intelMicrocode\":[],"
                + "\"amdMicrocode\":[\"amd-ucode/b\"],\"needsDkms\":true}");
  }
}
