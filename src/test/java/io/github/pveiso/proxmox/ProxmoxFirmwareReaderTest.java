package io.github.pveiso.proxmox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import io.github.pveiso.cache.Cache;
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
        (uri, target) -> {
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

  @Test
  void readsTheNamesUnderBothRootsFromTheFixtureIsoAndKeepsThemInTheCache() {
    ProxmoxFirmware firmware;
    Sha256Digest sha256;
    try (IsoImage image = IsoImage.open(Fixtures.Fixture.MKRESCUE.iso())) {
      List<DebFile> debs = ProductInfoReader.read(image).packages();
      firmware = new ProxmoxFirmwareReader(cache(), events).read(image, debs);
      sha256 =
          Sha256Digest.of(
              image.readAllBytes(
                  image.find("/proxmox/packages/pve-firmware_3.14-1_all.deb").orElseThrow()));
    }
    assertThat(firmware)
        .isEqualTo(
            new ProxmoxFirmware(
                "/proxmox/packages/pve-firmware_3.14-1_all.deb",
                "3.14-1",
                List.of(
                    "bnx2x/bnx2x-e2-7.13.21.0.fw",
                    "rtl_nic/rtl8168h-2.fw",
                    "test/a.bin",
                    "test/c.bin.zst",
                    "test/e.bin")));
    assertThat(firmware.has("test/c.bin")).isTrue();
    assertThat(firmware.has("test/d.bin")).isFalse();
    assertThat(log)
        .containsExactly("INFO pve-firmware: pve-firmware 3.14-1 has 5 firmware files and links");
    assertThat(cache().readParsed(ProxmoxFirmwareReader.KIND, ProxmoxFirmwareReader.key(sha256)))
        .hasValueSatisfying(
            entry ->
                assertThat(new String(entry, StandardCharsets.UTF_8))
                    .isEqualTo(
                        "{\"version\":\"3.14-1\",\"names\":[\"bnx2x/bnx2x-e2-7.13.21.0.fw\","
                            + "\"rtl_nic/rtl8168h-2.fw\",\"test/a.bin\",\"test/c.bin.zst\","
                            + "\"test/e.bin\"]}"));
  }

  @Test
  void aSecondReadTakesTheListFromTheCacheAndAnEntryThatDoesNotDecodeIsReadAgain()
      throws IOException {
    byte[] deb = deb("pve-firmware", "3.9-1", file("lib/firmware/a.fw"));
    MemoryIso iso = new MemoryIso(Map.of("/proxmox/packages/pve-firmware_3.9-1_all.deb", deb));
    Sha256Digest key = ProxmoxFirmwareReader.key(Sha256Digest.of(deb));
    Cache cache = cache();
    cache.writeParsed(
        ProxmoxFirmwareReader.KIND,
        key,
        "{\"version\":\"3.9-1\",\"names\":[\"from/the/cache.fw\"]}"
            .getBytes(StandardCharsets.UTF_8));

    assertThat(new ProxmoxFirmwareReader(cache, events).read(iso, iso.debs()).names())
        .containsExactly("from/the/cache.fw");

    cache.writeParsed(ProxmoxFirmwareReader.KIND, key, "[1]".getBytes(StandardCharsets.UTF_8));
    log.clear();
    assertThat(new ProxmoxFirmwareReader(cache, events).read(iso, iso.debs()).names())
        .containsExactly("a.fw");
    assertThat(log)
        .containsExactly(
            "WARN cache: proxmox-firmware entry of /proxmox/packages/pve-firmware_3.9-1_all.deb"
                + " does not decode; reading it",
            "INFO pve-firmware: pve-firmware 3.9-1 has 1 firmware files and links");
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
    ProxmoxFirmware firmware = new ProxmoxFirmwareReader(cache(), events).read(two, two.debs());
    assertThat(firmware.debPath()).isEqualTo("/proxmox/packages/pve-firmware_3.9-2_all.deb");
    assertThat(firmware.names()).containsExactly("new.fw");

    MemoryIso none =
        new MemoryIso(Map.of("/proxmox/packages/libfoo1_1_all.deb", deb("libfoo1", "1")));
    log.clear();
    assertThat(new ProxmoxFirmwareReader(cache(), events).read(none, none.debs()))
        .isEqualTo(ProxmoxFirmware.none());
    assertThat(log).containsExactly("INFO pve-firmware: the ISO's /proxmox/packages has none");
  }

  @Test
  void anotherPackageUnderItsNameIsRefused() throws IOException {
    MemoryIso iso =
        new MemoryIso(
            Map.of(
                "/proxmox/packages/pve-firmware_3.9-1_all.deb",
                deb("firmware-realtek", "3.9-1", file("lib/firmware/a.fw"))));
    assertThatThrownBy(() -> new ProxmoxFirmwareReader(cache(), events).read(iso, iso.debs()))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "/proxmox/packages/pve-firmware_3.9-1_all.deb: the package inside is firmware-realtek,"
                + " not pve-firmware");
  }
}
