package io.github.pveiso.pipeline.stage.repack;

import static io.github.pveiso.pipeline.stage.repack.TestDebs.deb;
import static io.github.pveiso.pipeline.stage.repack.TestDebs.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.cache.CacheMaintenance;
import io.github.pveiso.cache.DerivedKey;
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
        (uri, target, limit) -> {
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
    Path entry = cache().files().parsedFile(RepackCache.key(sources, TestDebs.EPOCH));
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
    DerivedKey key = RepackCache.key(sources, TestDebs.EPOCH);
    assertThat(RepackCache.key(List.of(sources.get(1), sources.get(0)), TestDebs.EPOCH))
        .isEqualTo(key);
    assertThat(RepackCache.key(sources, TestDebs.EPOCH + 1)).isNotEqualTo(key);
    assertThat(RepackCache.key(sources.subList(0, 1), TestDebs.EPOCH)).isNotEqualTo(key);
    repack(sources, "out1");
    assertThat(repack(sources.subList(0, 1), "out2").reused()).isFalse();
  }

  @Test
  void aPackageOfAnotherMemberFormatIsKeptUnderAKeyOfItsOwn() throws IOException {
    List<RepackSource> sources = sources();
    DerivedKey xz = RepackCache.key(sources, TestDebs.EPOCH);
    DerivedKey zstd =
        RepackCache.key(sources, TestDebs.EPOCH, Optional.empty(), RepackFormat.zstd());
    assertThat(zstd.text()).endsWith("param members ZSTD 6\n");
    assertThat(zstd).isNotEqualTo(xz);
    // zstd's workers do not change the bytes, so they are not in the key
    assertThat(
            RepackCache.key(
                sources,
                TestDebs.EPOCH,
                Optional.empty(),
                io.github.pveiso.debian.DebWriter.MemberFormat.zstd(6, 1)))
        .isEqualTo(zstd);

    RepackCache.Repacked withXz = repack(sources, "xz");
    RepackCache.Repacked withZstd =
        new RepackCache(cache(), events)
            .repack(
                new FirmwareRepacker(TestDebs.EPOCH, RepackFormat.zstd(), events),
                sources,
                dir.resolve("zstd"));
    assertThat(withZstd.reused()).isFalse();
    assertThat(withZstd.version()).isEqualTo(withXz.version());
    assertThat(withZstd.sha256()).isNotEqualTo(withXz.sha256());
    assertThat(repack(sources, "xz-again").sha256()).isEqualTo(withXz.sha256());
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
    DerivedKey underUpdates = RepackCache.key(sources, TestDebs.EPOCH);
    DerivedKey gaps = RepackCache.key(sources, TestDebs.EPOCH, Optional.of(pve));
    assertThat(gaps.text())
        .endsWith(
            "param source-date-epoch "
                + TestDebs.EPOCH
                + "\nparam members XZ 6\nparam folder usr/lib/pveiso-firmware\nparam scripts "
                + FirmwareLinkScripts.digest()
                + "\nparam proxmox-firmware "
                + pve.digest().hex()
                + "\n");
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

  static final ProxmoxFirmware PVE =
      new ProxmoxFirmware(
          "/proxmox/packages/pve-firmware_3.14-1_all.deb", "3.14-1", List.of("rtl_nic/b.fw"));

  RepackCache.Repacked repackGaps(List<RepackSource> sources, ProxmoxFirmware pve, String out)
      throws IOException {
    return new RepackCache(cache(), events)
        .repack(new FirmwareRepacker(TestDebs.EPOCH, events), sources, pve, dir.resolve(out));
  }

  @Test
  void theEntryOfWhatPveFirmwareLacksHoldsItsListAndAnotherListIsDropped() throws IOException {
    List<RepackSource> sources = sources();
    RepackCache.Repacked first = repackGaps(sources, PVE, "out1");
    DerivedKey key = RepackCache.key(sources, TestDebs.EPOCH, Optional.of(PVE));
    assertThat(new String(cache().readParsed(key).orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo(
            "deb "
                + first.sha256()
                + "\nversion "
                + first.version()
                + "\nfiles 1\npve-firmware 3.14-1"
                + " /proxmox/packages/pve-firmware_3.14-1_all.deb\nname rtl_nic/b.fw\n");

    ProxmoxFirmware other =
        new ProxmoxFirmware(
            "/proxmox/packages/pve-firmware_3.14-1_all.deb", "3.14-1", List.of("rtl_nic/c.fw"));
    cache()
        .writeParsed(
            key,
            RepackEntry.CODEC.encode(
                new RepackEntry(
                    new Sha256Digest(first.sha256()), first.version(), 1, Optional.of(other))));
    log.clear();
    assertThat(repackGaps(sources, PVE, "out2").reused()).isFalse();
    assertThat(log.get(0))
        .isEqualTo(
            "WARN cache: dropped repacked-firmware entry of firmware-misc-nonfree 20230625-2,"
                + " firmware-realtek 20230625-2: it holds another pve-firmware list than its key"
                + " names; making it again");
    assertThat(repackGaps(sources, PVE, "out3").reused()).isTrue();
  }

  @Test
  void aPveFirmwareListWithSpacesAndEscapesReadsBack() throws IOException {
    RepackEntry entry =
        new RepackEntry(
            Sha256Digest.of(new byte[0]),
            "1.0~abc",
            2,
            Optional.of(
                new ProxmoxFirmware(
                    "/proxmox/packages/pve firmware.deb",
                    "3.14-1",
                    List.of("a b/%41.fw", "line\nbreak.fw"))));
    byte[] payload = RepackEntry.CODEC.encode(entry);
    assertThat(new String(payload, StandardCharsets.UTF_8))
        .endsWith(
            "pve-firmware 3.14-1 /proxmox/packages/pve%20firmware.deb\nname a%20b/%2541.fw\n"
                + "name line%0Abreak.fw\n");
    assertThat(RepackEntry.CODEC.decode(payload)).isEqualTo(entry);
    RepackEntry none =
        new RepackEntry(
            Sha256Digest.of(new byte[0]), "1.0~abc", 2, Optional.of(ProxmoxFirmware.none()));
    assertThat(new String(RepackEntry.CODEC.encode(none), StandardCharsets.UTF_8))
        .endsWith("\nfiles 2\npve-firmware  \n");
    assertThat(RepackEntry.CODEC.decode(RepackEntry.CODEC.encode(none))).isEqualTo(none);
    assertThatThrownBy(
            () ->
                RepackEntry.CODEC.decode(
                    ("deb "
                            + "0".repeat(64)
                            + "\nversion 1\nfiles 1\npve-firmware 1 /p\n"
                            + "name b\nname a\n")
                        .getBytes(StandardCharsets.UTF_8)))
        .hasMessage("its pve-firmware names are not sorted and distinct");
  }

  @Test
  void verifyChecksThePackageOfWhatPveFirmwareLacksAgainstItsList() throws IOException {
    List<RepackSource> sources = sources();
    for (RepackSource s : sources) {
      cache().putFile(s.deb());
    }
    RepackCache.Repacked first = repackGaps(sources, PVE, "out1");
    DerivedKey key = RepackCache.key(sources, TestDebs.EPOCH, Optional.of(PVE));
    assertThat(cache().verify(List.of(RepackCache.CODEC)).derivedDropped()).isEmpty();

    // the same files under the folder, but none of the maintainer scripts
    Path bare = dir.resolve("bare.deb");
    try (var out = Files.newOutputStream(bare)) {
      new io.github.pveiso.debian.DebWriter(io.github.pveiso.debian.DebWriter.Compressor.GZ, 1)
          .write(
              io.github.pveiso.debian.Stanza.of(
                  java.util.Map.of("Package", "pveiso-firmware", "Version", first.version())),
              List.of(file("usr/lib/pveiso-firmware/vendor/a.bin", "misc a\n")),
              out);
    }
    Sha256Digest bareBlob = cache().putFile(bare);
    cache()
        .writeParsed(
            key,
            RepackEntry.CODEC.encode(
                new RepackEntry(bareBlob, first.version(), 1, Optional.of(PVE))));
    assertThat(cache().verify(List.of(RepackCache.CODEC)).derivedDropped())
        .containsExactly(
            new CacheMaintenance.DroppedEntry(
                "parsed/repacked-firmware/" + key.digest().hex(),
                "its package's control files [] are not the ones pveiso writes"
                    + " [postinst, postrm, triggers]"));

    // the package of every firmware under the key of what pve-firmware lacks
    RepackCache.Repacked all = repack(sources, "out2");
    cache()
        .writeParsed(
            key,
            RepackEntry.CODEC.encode(
                new RepackEntry(
                    new Sha256Digest(all.sha256()), all.version(), 2, Optional.of(PVE))));
    assertThat(cache().verify(List.of(RepackCache.CODEC)).derivedDropped())
        .extracting(CacheMaintenance.DroppedEntry::reason)
        .containsExactly("its packages give version " + first.version() + " with 1 entries");

    // an entry that holds no list under a key that names one, and the other way round
    cache()
        .writeParsed(
            key,
            RepackEntry.CODEC.encode(
                new RepackEntry(
                    new Sha256Digest(first.sha256()), first.version(), 1, Optional.empty())));
    DerivedKey plain = RepackCache.key(sources, TestDebs.EPOCH);
    cache()
        .writeParsed(
            plain,
            RepackEntry.CODEC.encode(
                new RepackEntry(
                    new Sha256Digest(all.sha256()), all.version(), 2, Optional.of(PVE))));
    assertThat(cache().verify(List.of(RepackCache.CODEC)).derivedDropped())
        .extracting(CacheMaintenance.DroppedEntry::reason)
        .containsExactlyInAnyOrder(
            "it holds another pve-firmware list than its key names",
            "it holds a pve-firmware list but its key names none");
  }

  @Test
  void aMalformedEntryIsIgnored() throws IOException {
    List<RepackSource> sources = sources();
    cache()
        .writeParsed(
            RepackCache.key(sources, TestDebs.EPOCH),
            "deb nothex\n".getBytes(StandardCharsets.UTF_8));
    RepackCache.Repacked made = repack(sources, "out1");
    assertThat(made.reused()).isFalse();
    assertThat(log.get(0))
        .isEqualTo(
            "WARN cache: dropped repacked-firmware entry of firmware-misc-nonfree 20230625-2,"
                + " firmware-realtek 20230625-2: it is not 'deb <sha256>', 'version <version>',"
                + " 'files <count>'; making it again");
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
    DerivedKey key = RepackCache.key(sources, TestDebs.EPOCH);
    for (RepackSource s : sources) {
      Files.delete(s.deb());
    }
    assertThat(RepackCache.key(known, TestDebs.EPOCH)).isEqualTo(key);
  }

  @Test
  void anEntryThatNamesAnotherBlobIsDroppedAndVerifyComparesThePackageWithItsSources()
      throws IOException {
    List<RepackSource> sources = sources();
    for (RepackSource s : sources) {
      cache().putFile(s.deb()); // a downloaded .deb is a blob
    }
    RepackCache.Repacked first = repack(sources, "out1");
    DerivedKey key = RepackCache.key(sources, TestDebs.EPOCH);
    assertThat(cache().verify(List.of(RepackCache.CODEC)).derivedDropped()).isEmpty();
    // an entry naming another blob of the cache: a source package
    Sha256Digest source = sources.get(0).digest();
    cache()
        .writeParsed(
            key,
            ("deb " + source.hex() + "\nversion " + first.version() + "\nfiles 2\n")
                .getBytes(StandardCharsets.UTF_8));
    log.clear();

    assertThat(repack(sources, "out2").reused()).isFalse();
    assertThat(log.get(0))
        .isEqualTo(
            "WARN cache: dropped repacked-firmware entry of firmware-misc-nonfree 20230625-2,"
                + " firmware-realtek 20230625-2: its package is firmware-realtek 20230625-2, not"
                + " pveiso-firmware "
                + first.version()
                + "; making it again");

    cache()
        .writeParsed(
            key,
            ("deb " + first.sha256() + "\nversion " + first.version() + "\nfiles 3\n")
                .getBytes(StandardCharsets.UTF_8));
    CacheMaintenance.VerifyReport report = cache().verify(List.of(RepackCache.CODEC));
    assertThat(report.derivedDropped())
        .containsExactly(
            new CacheMaintenance.DroppedEntry(
                "parsed/repacked-firmware/" + key.digest().hex(),
                "its packages give version " + first.version() + " with 2 entries"));
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
