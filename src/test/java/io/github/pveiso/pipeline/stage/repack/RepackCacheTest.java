package io.github.pveiso.pipeline.stage.repack;

import static io.github.pveiso.pipeline.stage.repack.TestDebs.deb;
import static io.github.pveiso.pipeline.stage.repack.TestDebs.file;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.events.Event;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.proxmox.ProxmoxFirmware;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepackCacheTest {

  @TempDir Path dir;

  final List<String> log = new CopyOnWriteArrayList<>();
  final EventListener events =
      event -> {
        if (event instanceof Event.Log l && l.level() != Event.Level.DEBUG) {
          log.add(l.level() + " " + l.message());
        }
      };

  Cache cache() {
    return Cache.open(
        dir.resolve("cache"),
        (uri, target) -> {
          throw new AssertionError("nothing is downloaded: " + uri);
        },
        Clock.systemUTC(),
        events);
  }

  List<RepackSource> sources() throws IOException {
    Files.createDirectories(dir.resolve("src"));
    return List.of(
        deb(
            dir.resolve("src"),
            "firmware-realtek",
            "20230625-2",
            file("lib/firmware/rtl_nic/b.fw", "realtek b\n")),
        deb(
            dir.resolve("src"),
            "firmware-misc-nonfree",
            "20230625-2",
            file("usr/lib/firmware/vendor/a.bin", "misc a\n")));
  }

  RepackCache.Repacked repack(List<RepackSource> sources, String out) throws IOException {
    return new RepackCache(cache(), events)
        .repack(new FirmwareRepacker(TestDebs.EPOCH, events), sources, dir.resolve(out));
  }

  @Test
  void theSecondRunTakesThePackageFromTheCache() throws IOException {
    List<RepackSource> sources = sources();
    RepackCache.Repacked first = repack(sources, "out1");
    RepackCache.Repacked second = repack(sources, "out2");

    assertThat(first.reused()).isFalse();
    assertThat(second.reused()).isTrue();
    assertThat(second.deb())
        .isEqualTo(dir.resolve("out2/pveiso-firmware_" + first.version() + "_all.deb"));
    assertThat(Files.readAllBytes(second.deb())).isEqualTo(Files.readAllBytes(first.deb()));
    assertThat(second)
        .isEqualTo(
            new RepackCache.Repacked(
                second.deb(),
                "pveiso-firmware",
                first.version(),
                first.sha256(),
                first.size(),
                2,
                true));
    assertThat(first.fileCount()).isEqualTo(2);
    assertThat(log)
        .containsExactly(
            "INFO repacked 2 firmware entries from 2 package(s)",
            "INFO repack: reused pveiso-firmware_"
                + first.version()
                + "_all.deb from the cache ("
                + first.sha256()
                + "), same inputs as before");
    Path entry =
        cache().files().parsedFile(RepackCache.KIND, RepackCache.key(sources, TestDebs.EPOCH));
    assertThat(new String(Files.readAllBytes(entry), StandardCharsets.UTF_8))
        .endsWith("deb " + first.sha256() + "\nversion " + first.version() + "\nfiles 2\n");
  }

  @Test
  void aTamperedPackageIsDroppedAndRepacked() throws IOException {
    List<RepackSource> sources = sources();
    RepackCache.Repacked first = repack(sources, "out1");
    byte[] good = Files.readAllBytes(first.deb());
    Path blob = cache().files().blobFile(new Sha256Digest(first.sha256()));
    byte[] bad = good.clone();
    bad[bad.length - 1] ^= 1;
    Files.write(blob, bad);
    log.clear();

    RepackCache.Repacked second = repack(sources, "out2");

    assertThat(second.reused()).isFalse();
    assertThat(Files.readAllBytes(second.deb())).isEqualTo(good);
    assertThat(log).hasSize(3);
    assertThat(log.get(0)).startsWith("WARN cache: dropped " + blob + " because ");
    assertThat(log.subList(1, 3))
        .containsExactly(
            "INFO repack: the cached pveiso-firmware is gone; repacking",
            "INFO repacked 2 firmware entries from 2 package(s)");
    assertThat(blob).hasBinaryContent(good);
    assertThat(repack(sources, "out3").reused()).isTrue();
  }

  @Test
  void otherInputsOrAnotherDateMissTheCache() throws IOException {
    List<RepackSource> sources = sources();
    Sha256Digest key = RepackCache.key(sources, TestDebs.EPOCH);
    assertThat(RepackCache.key(List.of(sources.get(1), sources.get(0)), TestDebs.EPOCH))
        .isEqualTo(key);
    assertThat(RepackCache.key(sources, TestDebs.EPOCH + 1)).isNotEqualTo(key);
    assertThat(RepackCache.key(sources.subList(0, 1), TestDebs.EPOCH)).isNotEqualTo(key);
    repack(sources, "out1");
    assertThat(repack(sources.subList(0, 1), "out2").reused()).isFalse();
  }

  @Test
  void thePackageOfWhatPveFirmwareLacksIsKeptUnderKeysOfItsOwn() throws IOException {
    List<RepackSource> sources = sources();
    ProxmoxFirmware pve =
        new ProxmoxFirmware(
            "/proxmox/packages/pve-firmware_3.14-1_all.deb", "3.14-1", List.of("rtl_nic/b.fw"));
    ProxmoxFirmware newer =
        new ProxmoxFirmware(
            "/proxmox/packages/pve-firmware_3.15-1_all.deb",
            "3.15-1",
            List.of("rtl_nic/b.fw", "vendor/a.bin"));
    Sha256Digest underUpdates = RepackCache.key(sources, TestDebs.EPOCH);
    Sha256Digest gaps = RepackCache.key(sources, TestDebs.EPOCH, Optional.of(pve));
    assertThat(RepackCache.key(sources, TestDebs.EPOCH, Optional.empty())).isEqualTo(underUpdates);
    assertThat(gaps).isNotEqualTo(underUpdates);
    assertThat(RepackCache.key(sources, TestDebs.EPOCH, Optional.of(newer))).isNotEqualTo(gaps);

    RepackCache cache = new RepackCache(cache(), events);
    FirmwareRepacker repacker = new FirmwareRepacker(TestDebs.EPOCH, events);
    RepackCache.Repacked first = cache.repack(repacker, sources, pve, dir.resolve("out1"));
    RepackCache.Repacked second = cache.repack(repacker, sources, pve, dir.resolve("out2"));
    RepackCache.Repacked all = cache.repack(repacker, sources, dir.resolve("out3"));
    assertThat(first.fileCount()).isEqualTo(1);
    assertThat(second.reused()).isTrue();
    assertThat(second.sha256()).isEqualTo(first.sha256());
    assertThat(all.reused()).isFalse();
    assertThat(all.fileCount()).isEqualTo(2);
    assertThat(log)
        .containsExactly(
            "INFO repacked 1 firmware entries from 2 package(s) that pve-firmware 3.14-1 lacks",
            "INFO repack: reused pveiso-firmware_"
                + first.version()
                + "_all.deb from the cache ("
                + first.sha256()
                + "), same inputs as before",
            "INFO repacked 2 firmware entries from 2 package(s)");
  }

  @Test
  void aMalformedEntryIsIgnored() throws IOException {
    List<RepackSource> sources = sources();
    cache()
        .writeParsed(
            RepackCache.KIND,
            RepackCache.key(sources, TestDebs.EPOCH),
            "deb nothex\n".getBytes(StandardCharsets.UTF_8));
    RepackCache.Repacked made = repack(sources, "out1");
    assertThat(made.reused()).isFalse();
    assertThat(log.get(0))
        .isEqualTo(
            "WARN cache: repacked-firmware entry "
                + RepackCache.key(sources, TestDebs.EPOCH).hex()
                + " is malformed; repacking");
    assertThat(repack(sources, "out2").reused()).isTrue();
  }

  @Test
  void theKeyTakesTheDigestsTheCallerKnowsWithoutReadingTheDebs() throws IOException {
    List<RepackSource> sources = sources();
    List<RepackSource> known =
        sources.stream()
            .map(
                s ->
                    new RepackSource(
                        s.deb(),
                        s.packageName(),
                        s.version(),
                        java.util.Optional.of(Sha256Digest.ofFile(s.deb()))))
            .toList();
    Sha256Digest key = RepackCache.key(sources, TestDebs.EPOCH);
    for (RepackSource s : sources) {
      Files.delete(s.deb());
    }
    assertThat(RepackCache.key(known, TestDebs.EPOCH)).isEqualTo(key);
  }

  @Test
  void aReusedPackageIsALinkToItsCheckedBlobAndReplacesAnEarlierFile() throws IOException {
    List<RepackSource> sources = sources();
    RepackCache.Repacked first = repack(sources, "out1");
    Path blob = cache().files().blobFile(new Sha256Digest(first.sha256()));
    Path earlier = dir.resolve("out2").resolve(first.deb().getFileName());
    Files.createDirectories(earlier.getParent());
    Files.writeString(earlier, "an earlier build's file");

    RepackCache.Repacked second = repack(sources, "out2");

    assertThat(second.deb()).isEqualTo(earlier);
    assertThat(Files.isSameFile(second.deb(), blob)).isTrue();
    assertThat(Files.isSameFile(first.deb(), blob)).isFalse();
    assertThat(blob).hasBinaryContent(Files.readAllBytes(first.deb()));
  }
}
