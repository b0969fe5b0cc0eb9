package io.github.pveiso.proxmox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import io.github.pveiso.cache.Cache;
import io.github.pveiso.cache.CacheMaintenance;
import io.github.pveiso.cache.DerivedKey;
import io.github.pveiso.debian.DebWriter;
import io.github.pveiso.debian.DebWriter.Item;
import io.github.pveiso.debian.Stanza;
import io.github.pveiso.events.Event;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.IsoEntry;
import io.github.pveiso.iso.IsoFiles;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxmoxFirmwareReaderTest {

  @TempDir Path dir;

  final List<String> log = new CopyOnWriteArrayList<>();
  final EventListener events =
      e -> {
        if (e instanceof Event.Log l && l.level() != Event.Level.DEBUG) {
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

  /** The files of a made-up ISO, by path. */
  record MemoryIso(Map<String, byte[]> files) implements IsoFiles {
    @Override
    public List<IsoEntry> entries() {
      List<IsoEntry> entries = new ArrayList<>();
      new TreeMap<>(files)
          .forEach(
              (path, bytes) ->
                  entries.add(
                      new IsoEntry(
                          path,
                          IsoEntry.Kind.FILE,
                          bytes.length,
                          List.of(),
                          0644,
                          Optional.empty(),
                          Optional.empty())));
      return entries;
    }

    @Override
    public Optional<IsoEntry> find(String path) {
      return entries().stream().filter(e -> e.path().equals(path)).findFirst();
    }

    @Override
    public InputStream open(IsoEntry entry) {
      return new ByteArrayInputStream(files.get(entry.path()));
    }

    List<DebFile> debs() {
      return entries().stream()
          .filter(e -> e.path().endsWith(".deb"))
          .map(e -> new DebFile(e.path(), e.size()))
          .toList();
    }

    /** A digest that stands for the made-up ISO: over its paths and contents. */
    Sha256Digest sha256() {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      new TreeMap<>(files)
          .forEach(
              (path, bytes) -> {
                all.writeBytes(path.getBytes(StandardCharsets.UTF_8));
                all.writeBytes(Sha256Digest.of(bytes).hex().getBytes(StandardCharsets.UTF_8));
              });
      return Sha256Digest.of(all.toByteArray());
    }
  }

  /** The list {@code iso}'s pve-firmware has, read with {@code cache}, its digest trusted. */
  ProxmoxFirmware read(Cache cache, MemoryIso iso) {
    return new ProxmoxFirmwareReader(cache, events).read(iso, iso.debs(), iso.sha256(), () -> {});
  }

  static byte[] deb(String name, String version, Item... items) throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("Package", name);
    fields.put("Version", version);
    fields.put("Architecture", "all");
    fields.put("Maintainer", "Test <test@example.org>");
    fields.put("Description", "stand-in for " + name);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DebWriter(DebWriter.Compressor.GZ, 1_700_000_000L)
        .write(Stanza.of(fields), List.of(items), out);
    return out.toByteArray();
  }

  static Item file(String path) {
    return Item.file(path, 0644, path.getBytes(StandardCharsets.UTF_8));
  }

  static final String FIXTURE_DEB = "/proxmox/packages/pve-firmware_3.14-1_all.deb";

  static final ProxmoxFirmware FIXTURE_LIST =
      new ProxmoxFirmware(
          FIXTURE_DEB,
          "3.14-1",
          List.of(
              "bnx2x/bnx2x-e2-7.13.21.0.fw",
              "rtl_nic/rtl8168h-2.fw",
              "test/a.bin",
              "test/c.bin.zst",
              "test/e.bin"));

  /** Reads the fixture ISO's list through {@code cache}, the ISO bound to {@code sha256}. */
  ProxmoxFirmware readFixture(Cache cache, Sha256Digest sha256, Runnable verified) {
    try (IsoImage image = IsoImage.open(Fixtures.Fixture.MKRESCUE.iso())) {
      List<DebFile> debs = ProductInfoReader.read(image).packages();
      return new ProxmoxFirmwareReader(cache, events).read(image, debs, sha256, verified);
    }
  }

  @Test
  void readsTheNamesUnderBothRootsFromTheFixtureIsoAndKeepsThemInTheCache() throws IOException {
    Sha256Digest iso = Sha256Digest.ofFile(Fixtures.Fixture.MKRESCUE.iso());
    List<String> order = new ArrayList<>();
    ProxmoxFirmware firmware = readFixture(cache(), iso, () -> order.add("verified"));
    assertThat(firmware).isEqualTo(FIXTURE_LIST);
    assertThat(firmware.has("test/c.bin")).isTrue();
    assertThat(firmware.has("test/d.bin")).isFalse();
    assertThat(order).containsExactly("verified");
    assertThat(log)
        .containsExactly("INFO pve-firmware: pve-firmware 3.14-1 has 5 firmware files and links");
    assertThat(cache().readParsed(ProxmoxFirmwareReader.key(iso, FIXTURE_DEB)))
        .hasValueSatisfying(
            entry ->
                assertThat(new String(entry, StandardCharsets.UTF_8))
                    .isEqualTo(
                        "{\"deb\":\"/proxmox/packages/pve-firmware_3.14-1_all.deb\","
                            + "\"version\":\"3.14-1\",\"names\":[\"bnx2x/bnx2x-e2-7.13.21.0.fw\","
                            + "\"rtl_nic/rtl8168h-2.fw\",\"test/a.bin\",\"test/c.bin.zst\","
                            + "\"test/e.bin\"]}"));

    log.clear();
    order.clear();
    assertThat(readFixture(cache(), iso, () -> order.add("verified"))).isEqualTo(FIXTURE_LIST);
    assertThat(order).as("a list from the cache needs no wait").isEmpty();
    assertThat(log).isEmpty();
  }

  @Test
  void aListIsKeptOnlyOnceTheIsosDigestIsConfirmed() {
    Sha256Digest claimed = Sha256Digest.of(new byte[] {1});
    Cache cache = cache();
    assertThatThrownBy(
            () ->
                readFixture(
                    cache,
                    claimed,
                    () -> {
                      throw new VerificationException("x.iso: SHA-256 is a but iso_sha256 says b");
                    }))
        .isInstanceOf(VerificationException.class);
    assertThat(cache.readParsed(ProxmoxFirmwareReader.key(claimed, FIXTURE_DEB))).isEmpty();
  }

  @Test
  void aSecondReadTakesTheListFromTheCacheAndAnEntryThatDoesNotDecodeIsReadAgain()
      throws IOException {
    byte[] deb = deb("pve-firmware", "3.9-1", file("lib/firmware/a.fw"));
    String path = "/proxmox/packages/pve-firmware_3.9-1_all.deb";
    MemoryIso iso = new MemoryIso(Map.of(path, deb));
    DerivedKey key = ProxmoxFirmwareReader.key(iso.sha256(), path);
    Cache cache = cache();
    cache.writeParsed(
        key,
        ("{\"deb\":\"" + path + "\",\"version\":\"3.9-1\",\"names\":[\"from/the/cache.fw\"]}")
            .getBytes(StandardCharsets.UTF_8));

    assertThat(read(cache, iso).names()).containsExactly("from/the/cache.fw");

    for (String bad :
        List.of(
            "[1]",
            "{\"deb\":\"" + path + "\",\"version\":\"3.9-1\",\"names\":[\"b\",\"a\"]}",
            "{\"deb\":\"/proxmox/packages/other.deb\",\"version\":\"3.9-1\",\"names\":[]}")) {
      cache.writeParsed(key, bad.getBytes(StandardCharsets.UTF_8));
      log.clear();
      assertThat(read(cache, iso).names()).containsExactly("a.fw");
      assertThat(log).hasSize(2);
      assertThat(log.get(0))
          .startsWith("WARN cache: dropped proxmox-firmware entry of " + path + ": ")
          .endsWith("; making it again");
      assertThat(log.get(1))
          .isEqualTo("INFO pve-firmware: pve-firmware 3.9-1 has 1 firmware files and links");
    }
    assertThat(log.get(0))
        .isEqualTo(
            "WARN cache: dropped proxmox-firmware entry of "
                + path
                + ": it is the list of /proxmox/packages/other.deb; making it again");
  }

  @Test
  void verifyReadsTheListAgainFromTheIsoBlobAndDropsAForgedOne() throws IOException {
    Cache cache = cache();
    Sha256Digest iso = cache.putFile(Fixtures.Fixture.MKRESCUE.iso()); // a downloaded ISO
    readFixture(cache, iso, () -> {});
    assertThat(cache.verify(List.of(ProxmoxFirmwareReader.CODEC)).derivedDropped()).isEmpty();

    DerivedKey key = ProxmoxFirmwareReader.key(iso, FIXTURE_DEB);
    cache.writeParsed(
        key,
        ProxmoxFirmwareReader.encode(
            new ProxmoxFirmware(FIXTURE_DEB, "3.14-1", List.of("rtl_nic/rtl8168h-2.fw"))));
    Sha256Digest elsewhere = Sha256Digest.of(new byte[] {2});
    DerivedKey orphan = ProxmoxFirmwareReader.key(elsewhere, FIXTURE_DEB);
    cache.writeParsed(orphan, ProxmoxFirmwareReader.encode(FIXTURE_LIST));

    assertThat(cache.verify(List.of(ProxmoxFirmwareReader.CODEC)).derivedDropped())
        .containsExactlyInAnyOrder(
            new CacheMaintenance.DroppedEntry(
                "parsed/proxmox-firmware/" + key.digest().hex(),
                "its ISO's " + FIXTURE_DEB + " has another list"),
            new CacheMaintenance.DroppedEntry(
                "parsed/proxmox-firmware/" + orphan.digest().hex(),
                "orphaned: its input iso (" + elsewhere.hex() + ") is no longer in the cache"));
  }

  @Test
  void linksHardLinksAndBothRootsCountFoldersAndOtherFilesDoNot() throws IOException {
    byte[] deb =
        deb(
            "pve-firmware",
            "3.16-3",
            file("lib/firmware/rtl_nic/rtl8125b-2.fw"),
            Item.symlink("lib/firmware/rtl_nic/alias.fw", "rtl8125b-2.fw"),
            file("usr/lib/firmware/amdgpu/psp.bin.zst"),
            Item.directory("lib/firmware/empty"),
            file("usr/share/doc/pve-firmware/copyright"),
            file("lib/firmwarez/not-firmware.fw"));
    ProxmoxFirmware firmware =
        ProxmoxFirmwareReader.read("pve-firmware_3.16-3_all.deb", new ByteArrayInputStream(deb));
    assertThat(firmware.names())
        .containsExactly("amdgpu/psp.bin.zst", "rtl_nic/alias.fw", "rtl_nic/rtl8125b-2.fw");
    assertThat(firmware.version()).isEqualTo("3.16-3");
  }

  @Test
  void withSeveralTheLastByNameCountsAndWithNoneNothing() throws IOException {
    MemoryIso two =
        new MemoryIso(
            Map.of(
                "/proxmox/packages/pve-firmware_3.9-1_all.deb",
                deb("pve-firmware", "3.9-1", file("lib/firmware/old.fw")),
                "/proxmox/packages/pve-firmware_3.9-2_all.deb",
                deb("pve-firmware", "3.9-2", file("lib/firmware/new.fw")),
                "/proxmox/packages/pve-firmware-extra_1_all.deb",
                deb("pve-firmware-extra", "1", file("lib/firmware/extra.fw"))));
    ProxmoxFirmware firmware = read(cache(), two);
    assertThat(firmware.debPath()).isEqualTo("/proxmox/packages/pve-firmware_3.9-2_all.deb");
    assertThat(firmware.names()).containsExactly("new.fw");

    MemoryIso none =
        new MemoryIso(Map.of("/proxmox/packages/libfoo1_1_all.deb", deb("libfoo1", "1")));
    log.clear();
    assertThat(read(cache(), none)).isEqualTo(ProxmoxFirmware.none());
    assertThat(log).containsExactly("INFO pve-firmware: the ISO's /proxmox/packages has none");
  }

  @Test
  void anotherPackageUnderItsNameIsRefused() throws IOException {
    MemoryIso iso =
        new MemoryIso(
            Map.of(
                "/proxmox/packages/pve-firmware_3.9-1_all.deb",
                deb("firmware-realtek", "3.9-1", file("lib/firmware/a.fw"))));
    assertThatThrownBy(() -> read(cache(), iso))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "/proxmox/packages/pve-firmware_3.9-1_all.deb: the package inside is firmware-realtek,"
                + " not pve-firmware");
  }
}
