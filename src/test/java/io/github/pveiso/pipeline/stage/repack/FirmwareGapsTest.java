package io.github.pveiso.pipeline.stage.repack;

import static io.github.pveiso.pipeline.stage.repack.TestDebs.deb;
import static io.github.pveiso.pipeline.stage.repack.TestDebs.file;
import static io.github.pveiso.pipeline.stage.repack.TestDebs.link;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.debian.DebArchive;
import io.github.pveiso.debian.DebEntry;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.proxmox.ProxmoxFirmware;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repacked package when pve-firmware's copies win: only what it lacks, and the scripts. */
class FirmwareGapsTest {

  @TempDir Path dir;

  final FirmwareRepacker repacker = new FirmwareRepacker(TestDebs.EPOCH, EventListener.NONE);

  static ProxmoxFirmware proxmox(String... names) {
    return new ProxmoxFirmware(
        "/proxmox/packages/pve-firmware_3.14-1_all.deb", "3.14-1", List.of(names));
  }

  List<RepackSource> sources() throws IOException {
    RepackSource misc =
        deb(
            dir,
            "firmware-misc-nonfree",
            "20230625-2",
            file("usr/lib/firmware/vendor/a.bin", "misc a\n"),
            link("usr/lib/firmware/vendor/a-link.bin", "a.bin"),
            link("usr/lib/firmware/top.bin", "/lib/firmware/vendor/a.bin"),
            file("usr/lib/firmware/vendor/new.bin", "misc new\n"));
    RepackSource realtek =
        deb(
            dir,
            "firmware-realtek",
            "20230625-2",
            file("lib/firmware/rtl_nic/b.fw", "realtek b\n"),
            file("lib/firmware/rtl_nic/c.fw", "realtek c\n"));
    return List.of(misc, realtek);
  }

  /** Each entry of the data archive as "TYPE path mode content-or-target". */
  static List<String> entries(Path deb) throws IOException {
    List<String> entries = new ArrayList<>();
    try (InputStream in = Files.newInputStream(deb)) {
      DebArchive archive = DebArchive.open("repacked", in);
      archive.readData(
          (e, content) ->
              entries.add(
                  e.type()
                      + " "
                      + e.path()
                      + " "
                      + Integer.toOctalString(e.mode())
                      + " "
                      + (e.type() == DebEntry.Type.SYMLINK
                          ? e.linkTarget()
                          : new String(content.readAllBytes(), StandardCharsets.UTF_8).strip())));
    }
    return entries;
  }

  static Map<String, byte[]> controlFiles(Path deb) throws IOException {
    try (InputStream in = Files.newInputStream(deb)) {
      return DebArchive.open("repacked", in).controlFiles();
    }
  }

  @Test
  void onlyWhatPveFirmwareLacksGoesInItsOwnFolderAndAliasesPointAtProxmoxsCopy()
      throws IOException {
    RepackedFirmware result =
        repacker.repack(sources(), proxmox("vendor/a.bin", "rtl_nic/b.fw.zst"), dir.resolve("out"));

    assertThat(entries(result.deb()))
        .containsExactly(
            "DIRECTORY usr 755 ",
            "DIRECTORY usr/lib 755 ",
            "DIRECTORY usr/lib/pveiso-firmware 755 ",
            "DIRECTORY usr/lib/pveiso-firmware/rtl_nic 755 ",
            "FILE usr/lib/pveiso-firmware/rtl_nic/c.fw 644 realtek c",
            "SYMLINK usr/lib/pveiso-firmware/top.bin 777 ../../../lib/firmware/vendor/a.bin",
            "DIRECTORY usr/lib/pveiso-firmware/vendor 755 ",
            "SYMLINK usr/lib/pveiso-firmware/vendor/a-link.bin 777"
                + " ../../../../lib/firmware/vendor/a.bin",
            "FILE usr/lib/pveiso-firmware/vendor/new.bin 644 misc new");
    assertThat(result.files())
        .extracting(FirmwareFile::path)
        .containsExactly("rtl_nic/c.fw", "top.bin", "vendor/a-link.bin", "vendor/new.bin");
    Map<String, byte[]> control = controlFiles(result.deb());
    assertThat(control.keySet())
        .containsExactly("control", "md5sums", "postinst", "postrm", "triggers");
    assertThat(new String(control.get("triggers"), StandardCharsets.UTF_8))
        .isEqualTo("interest-noawait /lib/firmware\ninterest-noawait /usr/lib/firmware\n");
    assertThat(new String(control.get("postinst"), StandardCharsets.UTF_8))
        .startsWith("#!/bin/sh\n# postinst of pveiso-firmware, written by pveiso\nset -e\n")
        .endsWith(
            """
            case "$1" in
              configure | triggered | abort-upgrade | abort-remove | abort-deconfigure)
                drop_links
                add_links
                ;;
            esac
            exit 0
            """);
    assertThat(new String(control.get("postrm"), StandardCharsets.UTF_8))
        .startsWith("#!/bin/sh\n# postrm of pveiso-firmware, written by pveiso\nset -e\n")
        .endsWith(
            """
            case "$1" in
              remove | purge | disappear | abort-install)
                drop_links all
                ;;
            esac
            exit 0
            """);
    assertThat(new String(control.get("control"), StandardCharsets.UTF_8))
        .isEqualTo(
            """
            Package: pveiso-firmware
            Version: %s
            Architecture: all
            Maintainer: pveiso
            Section: non-free-firmware
            Priority: optional
            Description: firmware repacked by pveiso from Debian packages
             Adds the firmware of these packages that pve-firmware lacks. It keeps
             it in /usr/lib/pveiso-firmware and links a name in
             /lib/firmware/updates only while /lib/firmware lacks it, so firmware
             that a package such as pve-firmware ships always wins:
              firmware-misc-nonfree 20230625-2
              firmware-realtek 20230625-2
            Installed-Size: 9
            """
                .formatted(result.version()));
  }

  @Test
  void aTargetPveFirmwareHasOnlyUnderAnotherSuffixIsCarriedForTheLinkAlone() throws IOException {
    RepackedFirmware result =
        repacker.repack(sources(), proxmox("vendor/a.bin.zst"), dir.resolve("out"));
    assertThat(result.files())
        .extracting(f -> f.path() + (f.linkTarget().isEmpty() ? "" : " -> " + f.linkTarget()))
        .containsExactly(
            "rtl_nic/b.fw",
            "rtl_nic/c.fw",
            "top.bin -> vendor/a.bin",
            "vendor/a-link.bin -> a.bin",
            "vendor/a.bin",
            "vendor/new.bin");
  }

  @Test
  void withoutPveFirmwareEverythingGoesInTheFolder() throws IOException {
    RepackedFirmware result =
        repacker.repack(sources(), ProxmoxFirmware.none(), dir.resolve("out"));
    assertThat(result.files()).hasSize(6);
    assertThat(entries(result.deb()))
        .contains("SYMLINK usr/lib/pveiso-firmware/top.bin 777 vendor/a.bin");
  }

  @Test
  void sameInputsSameBytesAndNeverTheVersionOfTheOtherLayout() throws IOException {
    ProxmoxFirmware pve = proxmox("vendor/a.bin", "rtl_nic/b.fw.zst");
    RepackedFirmware first = repacker.repack(sources(), pve, dir.resolve("one"));
    RepackedFirmware second = repacker.repack(sources().reversed(), pve, dir.resolve("two"));
    assertThat(Files.readAllBytes(second.deb())).isEqualTo(Files.readAllBytes(first.deb()));
    assertThat(first.sha256()).isEqualTo(EXPECTED_DEB_SHA256);

    RepackedFirmware everything = repacker.repack(sources(), proxmox(), dir.resolve("three"));
    RepackedFirmware underUpdates = repacker.repack(sources(), dir.resolve("four"));
    assertThat(everything.files()).isEqualTo(underUpdates.files());
    assertThat(everything.version()).isNotEqualTo(underUpdates.version());
  }

  static final String EXPECTED_DEB_SHA256 =
      "0f1eb93e0118603944604d18d3590781c3d19be79427c2b6f8ffc12eec94ff0d";

  @Test
  void nothingLeftToRepackIsACallersMistake() throws IOException {
    RepackSource one = deb(dir, "firmware-a", "1.0", file("lib/firmware/x.fw", "x"));
    assertThatThrownBy(() -> repacker.repack(List.of(one), proxmox("x.fw"), dir.resolve("out")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "pve-firmware 3.14-1 has every firmware of the packages to repack; nothing to repack");
  }
}
