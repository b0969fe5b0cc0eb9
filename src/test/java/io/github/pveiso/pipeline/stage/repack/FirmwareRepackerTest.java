package io.github.pveiso.pipeline.stage.repack;

import static io.github.pveiso.pipeline.stage.repack.TestDebs.deb;
import static io.github.pveiso.pipeline.stage.repack.TestDebs.file;
import static io.github.pveiso.pipeline.stage.repack.TestDebs.link;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.VerificationException;
import io.github.pveiso.debian.DebArchive;
import io.github.pveiso.debian.DebEntry;
import io.github.pveiso.events.EventListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirmwareRepackerTest {
  static final String SHA_A = sha("misc a\n");
  static final String SHA_B = sha("realtek b\n");

  @TempDir Path dir;

  final FirmwareRepacker repacker = new FirmwareRepacker(TestDebs.EPOCH, EventListener.NONE);

  List<RepackSource> twoSources() throws IOException {
    RepackSource misc =
        deb(
            dir,
            "firmware-misc-nonfree",
            "20230625-2",
            file("usr/lib/firmware/vendor/a.bin", "misc a\n"),
            link("usr/lib/firmware/vendor/a-link.bin", "a.bin"),
            link("usr/lib/firmware/top.bin", "/lib/firmware/vendor/a.bin"),
            file("usr/share/doc/firmware-misc-nonfree/copyright", "not firmware\n"));
    RepackSource realtek =
        deb(
            dir,
            "firmware-realtek",
            "20230625-2",
            file("lib/firmware/rtl_nic/b.fw", "realtek b\n"),
            // the same bytes at the same path as in firmware-misc-nonfree are fine
            file("lib/firmware/vendor/a.bin", "misc a\n"));
    return List.of(realtek, misc);
  }

  @Test
  void repacksFilesAndSymlinksOfBothFirmwareRootsUnderUpdates() throws IOException {
    RepackedFirmware result = repacker.repack(twoSources(), dir.resolve("out"));

    assertThat(result.packageName()).isEqualTo("pveiso-firmware");
    assertThat(result.version()).isEqualTo("1.0~" + digestOfTwoSources().substring(0, 12));
    assertThat(result.deb())
        .isEqualTo(dir.resolve("out/pveiso-firmware_" + result.version() + "_all.deb"));
    try (var left = Files.list(dir.resolve("out"))) {
      assertThat(left).as("the spooled firmware is gone").containsExactly(result.deb());
    }
    assertThat(result.sources())
        .extracting(RepackSource::packageName)
        .containsExactly("firmware-misc-nonfree", "firmware-realtek");
    assertThat(result.files())
        .containsExactly(
            new FirmwareFile(
                "rtl_nic/b.fw",
                DebEntry.Type.FILE,
                0644,
                10,
                SHA_B,
                "",
                "firmware-realtek",
                "20230625-2",
                "lib/firmware/rtl_nic/b.fw"),
            new FirmwareFile(
                "top.bin",
                DebEntry.Type.SYMLINK,
                0777,
                0,
                "",
                "vendor/a.bin",
                "firmware-misc-nonfree",
                "20230625-2",
                "usr/lib/firmware/top.bin"),
            new FirmwareFile(
                "vendor/a-link.bin",
                DebEntry.Type.SYMLINK,
                0777,
                0,
                "",
                "a.bin",
                "firmware-misc-nonfree",
                "20230625-2",
                "usr/lib/firmware/vendor/a-link.bin"),
            new FirmwareFile(
                "vendor/a.bin",
                DebEntry.Type.FILE,
                0644,
                7,
                SHA_A,
                "",
                "firmware-misc-nonfree",
                "20230625-2",
                "usr/lib/firmware/vendor/a.bin"));
    assertThat(result.files().get(0).installedPath())
        .isEqualTo("/lib/firmware/updates/rtl_nic/b.fw");
    assertThat(result.size()).isEqualTo(Files.size(result.deb()));
    assertThat(result.sha256()).isEqualTo(sha(Files.readAllBytes(result.deb())));
  }

  @Test
  void packageHasFixedFieldsNoRelationshipsAndTheFilesUnderUpdates() throws IOException {
    RepackedFirmware result = repacker.repack(twoSources(), dir.resolve("out"));
    String control;
    try (InputStream in = Files.newInputStream(result.deb())) {
      control = DebArchive.open("repacked", in).control().format();
    }
    List<String> all = entries(result.deb());
    List<String> entries = all.subList(1, all.size()); // after the control stanza
    assertThat(control)
        .isEqualTo(
            """
            Package: pveiso-firmware
            Version: %s
            Architecture: all
            Maintainer: pveiso
            Section: non-free-firmware
            Priority: optional
            Description: firmware repacked by pveiso from Debian packages
             Installs the firmware of these packages under /lib/firmware/updates,
             where the kernel looks first, without conflicting with pve-firmware:
              firmware-misc-nonfree 20230625-2
              firmware-realtek 20230625-2
            Installed-Size: 9
            """
                .formatted(result.version()));
    assertThat(entries)
        .containsExactly(
            "DIRECTORY lib 755 ",
            "DIRECTORY lib/firmware 755 ",
            "DIRECTORY lib/firmware/updates 755 ",
            "DIRECTORY lib/firmware/updates/rtl_nic 755 ",
            "FILE lib/firmware/updates/rtl_nic/b.fw 644 realtek b",
            "SYMLINK lib/firmware/updates/top.bin 777 vendor/a.bin",
            "DIRECTORY lib/firmware/updates/vendor 755 ",
            "SYMLINK lib/firmware/updates/vendor/a-link.bin 777 a.bin",
            "FILE lib/firmware/updates/vendor/a.bin 644 misc a");
  }

  @Test
  void sameSourcesGiveTheSameBytes() throws IOException {
    List<RepackSource> sources = twoSources();
    RepackedFirmware first = repacker.repack(sources, dir.resolve("one"));
    RepackedFirmware second =
        repacker.repack(List.of(sources.get(1), sources.get(0)), dir.resolve("two"));

    assertThat(Files.readAllBytes(second.deb())).isEqualTo(Files.readAllBytes(first.deb()));
    assertThat(second.sha256()).isEqualTo(first.sha256());
    assertThat(first.sha256()).isEqualTo(EXPECTED_DEB_SHA256);
  }

  static final String EXPECTED_DEB_SHA256 =
      "70a3378754189b81844f0675c9e59c13fb06f6b552eb71c7e4043156afef6953";

  @Test
  void withZstdMembersTheSameFilesAndVersionInOtherBytes() throws IOException {
    List<RepackSource> sources = twoSources();
    RepackedFirmware xz = repacker.repack(sources, dir.resolve("xz"));
    FirmwareRepacker zstd =
        new FirmwareRepacker(TestDebs.EPOCH, RepackFormat.zstd(), EventListener.NONE);
    RepackedFirmware first = zstd.repack(sources, dir.resolve("one"));
    RepackedFirmware second = zstd.repack(sources, dir.resolve("two"));

    assertThat(zstd.format()).hasToString("zstd -6 (1 worker)");
    assertThat(first.version()).isEqualTo(xz.version());
    assertThat(first.files()).isEqualTo(xz.files());
    assertThat(entries(first.deb())).isEqualTo(entries(xz.deb()));
    assertThat(second.sha256()).isEqualTo(first.sha256());
    assertThat(first.sha256()).isEqualTo(EXPECTED_ZSTD_DEB_SHA256);
  }

  /** The control stanza, then each entry of the data member ({@link FirmwareGapsTest#entries}). */
  static List<String> entries(Path deb) throws IOException {
    List<String> entries = new ArrayList<>();
    try (InputStream in = Files.newInputStream(deb)) {
      entries.add(DebArchive.open("repacked", in).control().format());
    }
    entries.addAll(FirmwareGapsTest.entries(deb));
    return entries;
  }

  // pinned when the repack ran zstd on 2 workers: 1 worker (issue 14) gives the same bytes
  static final String EXPECTED_ZSTD_DEB_SHA256 =
      "fd2eea6b12c33a2dcb10d2a543267c0a1f7b1f10cfb8db4c2ec3d6d3bb0b68c0";

  @Test
  void anotherSourceVersionGivesAnotherPackageVersion() throws IOException {
    RepackedFirmware one =
        repacker.repack(
            List.of(deb(dir, "firmware-a", "1", file("lib/firmware/x.fw", "x"))), dir.resolve("1"));
    RepackedFirmware two =
        repacker.repack(
            List.of(deb(dir, "firmware-a", "2", file("lib/firmware/x.fw", "x"))), dir.resolve("2"));
    assertThat(one.version()).isNotEqualTo(two.version());
  }

  @Test
  void aRelativeSymlinkLeavingTheFirmwareFolderIsRefused() throws IOException {
    RepackSource evil =
        deb(dir, "firmware-evil", "1.0", link("lib/firmware/evil.bin", "../../etc/shadow"));
    assertThatThrownBy(() -> repacker.repack(List.of(evil), dir.resolve("out")))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "firmware-evil_1.0_all.deb: firmware symlink 'lib/firmware/evil.bin' ->"
                + " '../../etc/shadow' leads out of the firmware folder; pveiso repacks only links"
                + " that stay inside lib/firmware");
  }

  @Test
  void anAbsoluteSymlinkLeavingTheFirmwareFolderIsRefused() throws IOException {
    RepackSource evil =
        deb(dir, "firmware-evil", "1.0", link("usr/lib/firmware/a/evil.bin", "/etc/shadow"));
    assertThatThrownBy(() -> repacker.repack(List.of(evil), dir.resolve("out")))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "firmware-evil_1.0_all.deb: firmware symlink 'usr/lib/firmware/a/evil.bin' ->"
                + " '/etc/shadow' leads out of the firmware folder; pveiso repacks only links"
                + " that stay inside lib/firmware");
  }

  @Test
  void differentBytesAtOnePathAreRefusedNamingBothPackages() throws IOException {
    RepackSource a = deb(dir, "firmware-a", "1.0", file("lib/firmware/x/same.fw", "one"));
    RepackSource b = deb(dir, "firmware-b", "2.0", file("usr/lib/firmware/x/same.fw", "two"));
    assertThatThrownBy(() -> repacker.repack(List.of(b, a), dir.resolve("out")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "firmware file /lib/firmware/updates/x/same.fw differs between firmware-a 1.0"
                + " (lib/firmware/x/same.fw) and firmware-b 2.0 (usr/lib/firmware/x/same.fw);"
                + " leave one of the two packages out of the firmware set");
  }

  @Test
  void aFileAndASymlinkAtOnePathAreRefused() throws IOException {
    RepackSource a = deb(dir, "firmware-a", "1.0", file("lib/firmware/x.fw", "one"));
    RepackSource b = deb(dir, "firmware-b", "2.0", link("lib/firmware/x.fw", "y.fw"));
    assertThatThrownBy(() -> repacker.repack(List.of(a, b), dir.resolve("out")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "firmware file /lib/firmware/updates/x.fw differs between firmware-a 1.0"
                + " (lib/firmware/x.fw) and firmware-b 2.0 (lib/firmware/x.fw);"
                + " leave one of the two packages out of the firmware set");
  }

  @Test
  void aFileWhereAnotherPackageHasAFolderIsRefused() throws IOException {
    RepackSource a = deb(dir, "firmware-a", "1.0", link("lib/firmware/x", "y"));
    RepackSource b = deb(dir, "firmware-b", "2.0", file("lib/firmware/x/z.fw", "z"));
    assertThatThrownBy(() -> repacker.repack(List.of(a, b), dir.resolve("out")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "firmware path /lib/firmware/updates/x is a symlink in firmware-a 1.0"
                + " (lib/firmware/x) but a folder in firmware-b 2.0 (lib/firmware/x/z.fw);"
                + " leave one of the two packages out of the firmware set");
    RepackSource c = deb(dir, "firmware-c", "1.0", file("lib/firmware/x", "file"));
    assertThatThrownBy(() -> repacker.repack(List.of(c, b), dir.resolve("out")))
        .hasMessageStartingWith("firmware path /lib/firmware/updates/x is a file in firmware-c");
  }

  @Test
  void aPackageWithoutFirmwareIsRefused() throws IOException {
    RepackSource doc = deb(dir, "firmware-doc", "1.0", file("usr/share/doc/x", "x"));
    assertThatThrownBy(() -> repacker.repack(List.of(doc), dir.resolve("out")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "firmware-doc 1.0 has no files under lib/firmware or usr/lib/firmware; leave it out"
                + " of the firmware set");
  }

  @Test
  void aDebThatIsNotThePackageItShouldBeIsRefused() throws IOException {
    RepackSource real = deb(dir, "firmware-a", "1.0", file("lib/firmware/x", "x"));
    RepackSource wrong = new RepackSource(real.deb(), "firmware-a", "2.0");
    assertThatThrownBy(() -> repacker.repack(List.of(wrong), dir.resolve("out")))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "firmware-a_1.0_all.deb: the package inside is firmware-a 1.0, not firmware-a 2.0 as"
                + " expected; fetch the file again");
  }

  @Test
  void callerMistakesAreBugs() throws IOException {
    RepackSource a = deb(dir, "firmware-a", "1.0", file("lib/firmware/x", "x"));
    assertThatThrownBy(() -> repacker.repack(List.of(), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no firmware packages to repack");
    assertThatThrownBy(() -> repacker.repack(List.of(a, a), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("package given twice to repack: firmware-a");
  }

  @Test
  void theVersionDigestCoversSourcesAndEntriesInAFixedTextForm() throws IOException {
    assertThat(digestOfTwoSources())
        .isEqualTo(
            sha(
                """
                source firmware-misc-nonfree 20230625-2
                source firmware-realtek 20230625-2
                file rtl_nic/b.fw 644 %s
                symlink top.bin vendor/a.bin
                symlink vendor/a-link.bin a.bin
                file vendor/a.bin 644 %s
                """
                    .formatted(SHA_B, SHA_A)));
  }

  String digestOfTwoSources() throws IOException {
    RepackedFirmware result = repacker.repack(twoSources(), dir.resolve("digest"));
    return FirmwareRepacker.contentDigest(result.sources(), result.files(), false);
  }

  static String sha(String text) {
    return sha(text.getBytes(StandardCharsets.UTF_8));
  }

  static String sha(byte[] bytes) {
    return FirmwareCollector.sha256(bytes);
  }
}
