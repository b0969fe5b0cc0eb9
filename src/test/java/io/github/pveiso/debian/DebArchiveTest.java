package io.github.pveiso.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.VerificationException;
import io.github.pveiso.proc.SystemProcessRunner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DebArchiveTest {
  @TempDir Path dir;

  static Stanza control() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("Package", "pveiso-firmware");
    f.put("Version", "1.0-1");
    f.put("Architecture", "all");
    f.put("Maintainer", "pveiso <pveiso@example.org>");
    f.put("Description", "firmware repacked by pveiso\nLong description.");
    return Stanza.of(f);
  }

  static final List<DebWriter.Item> ITEMS =
      List.of(
          DebWriter.Item.file(
              "usr/lib/firmware/updates/rtl_nic/rtl8125b-2.fw", 0644, "blob".getBytes()),
          DebWriter.Item.file("usr/lib/firmware/updates/a.bin", 0644, new byte[3000]),
          DebWriter.Item.symlink("usr/lib/firmware/updates/link.bin", "a.bin"),
          DebWriter.Item.file("usr/share/doc/pveiso-firmware/copyright", 0644, "x\n".getBytes()));

  static byte[] write(DebWriter.Compressor c) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DebWriter(c, 1_700_000_000L).write(control(), ITEMS, out);
    return out.toByteArray();
  }

  static List<String> entries(String label, byte[] deb) throws IOException {
    DebArchive archive = DebArchive.open(label, new ByteArrayInputStream(deb));
    List<String> out = new ArrayList<>();
    archive.readData(
        (e, in) ->
            out.add(
                e.type()
                    + " "
                    + e.path()
                    + " "
                    + Integer.toOctalString(e.mode())
                    + " "
                    + e.size()
                    + (e.linkTarget().isEmpty() ? "" : " -> " + e.linkTarget())
                    + (e.type() == DebEntry.Type.FILE
                        ? " " + new String(in.readAllBytes(), StandardCharsets.UTF_8).length()
                        : "")));
    return out;
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @ParameterizedTest
  @ValueSource(strings = {"GZ", "XZ"})
  void writesAPackageItReadsBackTheSameWayEveryTime(String compressor) throws Exception {
    byte[] deb = write(DebWriter.Compressor.valueOf(compressor));
    assertThat(write(DebWriter.Compressor.valueOf(compressor))).isEqualTo(deb);

    DebArchive archive = DebArchive.open("x.deb", new ByteArrayInputStream(deb));
    assertThat(archive.formatVersion()).isEqualTo("2.0");
    assertThat(archive.control().get("Package")).contains("pveiso-firmware");
    assertThat(archive.control().get("Installed-Size")).contains("14");
    assertThat(archive.controlFiles().keySet()).containsExactly("control", "md5sums");
    assertThat(new String(archive.controlFiles().get("md5sums"), StandardCharsets.UTF_8))
        .isEqualTo(
            "0efa007088f326bbc072c34315f3edb8  usr/lib/firmware/updates/a.bin\n"
                + "ee26908bf9629eeb4b37dac350f4754a  usr/lib/firmware/updates/rtl_nic/rtl8125b-2.fw\n"
                + "401b30e3b8b5d629635a5c613cdb7919  usr/share/doc/pveiso-firmware/copyright\n");
    assertThat(entries("x.deb", deb))
        .containsExactly(
            "DIRECTORY usr 755 0",
            "DIRECTORY usr/lib 755 0",
            "DIRECTORY usr/lib/firmware 755 0",
            "DIRECTORY usr/lib/firmware/updates 755 0",
            "FILE usr/lib/firmware/updates/a.bin 644 3000 3000",
            "SYMLINK usr/lib/firmware/updates/link.bin 777 0 -> a.bin",
            "DIRECTORY usr/lib/firmware/updates/rtl_nic 755 0",
            "FILE usr/lib/firmware/updates/rtl_nic/rtl8125b-2.fw 644 4 4",
            "DIRECTORY usr/share 755 0",
            "DIRECTORY usr/share/doc 755 0",
            "DIRECTORY usr/share/doc/pveiso-firmware 755 0",
            "FILE usr/share/doc/pveiso-firmware/copyright 644 2 2");
  }

  @Test
  void writesExactlyTheseBytes() throws Exception {
    assertThat(sha256(write(DebWriter.Compressor.GZ)))
        .isEqualTo("342975ebceb4abe8122e3605f53909b70bb5ca0a840bdc419bb81542a7519841");
    assertThat(sha256(write(DebWriter.Compressor.XZ)))
        .isEqualTo("5eb20fe3cfe64ff2911e133d03bf67678ac23eba26cb2b60df52c447152dd71f");
  }

  @ParameterizedTest
  @ValueSource(strings = {"GZ", "XZ"})
  void dpkgDebAcceptsWhatDebWriterWrites(String compressor) throws IOException {
    Path deb = dir.resolve("p.deb");
    Files.write(deb, write(DebWriter.Compressor.valueOf(compressor)));
    var runner = new SystemProcessRunner();
    String info = runner.runChecked(List.of("dpkg-deb", "--field", deb.toString())).stdout();
    assertThat(info)
        .isEqualTo(
            "Package: pveiso-firmware\nVersion: 1.0-1\nArchitecture: all\n"
                + "Maintainer: pveiso <pveiso@example.org>\n"
                + "Description: firmware repacked by pveiso\n Long description.\n"
                + "Installed-Size: 14\n");
    String contents = runner.runChecked(List.of("dpkg-deb", "--contents", deb.toString())).stdout();
    assertThat(contents.lines().map(l -> l.substring(0, 10) + " " + l.replaceAll(".* \\./", "./")))
        .contains(
            "drwxr-xr-x ./",
            "-rw-r--r-- ./usr/lib/firmware/updates/a.bin",
            "lrwxrwxrwx ./usr/lib/firmware/updates/link.bin -> a.bin",
            "-rw-r--r-- ./usr/share/doc/pveiso-firmware/copyright");
    runner.runChecked(List.of("dpkg-deb", "--info", deb.toString()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "xz", "zstd", "none"})
  void readsWhatDpkgDebBuilds(String compression) throws IOException {
    Path root = dir.resolve("pkg");
    Files.createDirectories(root.resolve("DEBIAN"));
    Files.writeString(
        root.resolve("DEBIAN/control"),
        "Package: cross-check\nVersion: 2:1.0~rc1-1\nArchitecture: all\n"
            + "Maintainer: t <t@example.org>\nDescription: test\n");
    Files.createDirectories(root.resolve("lib/firmware"));
    Files.writeString(root.resolve("lib/firmware/f.bin"), "firmware");
    Files.createSymbolicLink(root.resolve("lib/firmware/abs"), Path.of("/lib/firmware/f.bin"));
    Files.createSymbolicLink(root.resolve("lib/firmware/rel"), Path.of("../firmware/f.bin"));
    Path deb = dir.resolve("cross.deb");
    new SystemProcessRunner()
        .runChecked(
            List.of(
                "dpkg-deb",
                "--root-owner-group",
                "-Z" + compression,
                "--build",
                root.toString(),
                deb.toString()));

    DebArchive archive;
    try (InputStream in = Files.newInputStream(deb)) {
      archive = DebArchive.open(deb.getFileName().toString(), in);
      assertThat(archive.control().get("Version")).contains("2:1.0~rc1-1");
      List<String> entries = new ArrayList<>();
      archive.readData(
          (e, content) -> entries.add(e.type() + " " + e.path() + " " + e.linkTarget()));
      assertThat(entries)
          .containsExactlyInAnyOrder(
              "DIRECTORY lib ",
              "DIRECTORY lib/firmware ",
              "SYMLINK lib/firmware/abs /lib/firmware/f.bin",
              "FILE lib/firmware/f.bin ",
              "SYMLINK lib/firmware/rel ../firmware/f.bin");
    }
  }

  // ---- hostile and malformed archives, built by hand ----

  record Raw(String name, byte type, String link, byte[] content) {}

  static byte[] rawDeb(List<String> members, List<Raw> data) throws IOException {
    ByteArrayOutputStream controlTar = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(controlTar)) {
      byte[] c = "Package: evil\nVersion: 1\n".getBytes();
      TarArchiveEntry e = new TarArchiveEntry("./control");
      e.setSize(c.length);
      tar.putArchiveEntry(e);
      tar.write(c);
      tar.closeArchiveEntry();
    }
    ByteArrayOutputStream dataTar = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(dataTar)) {
      for (Raw r : data) {
        TarArchiveEntry e = new TarArchiveEntry(r.name(), r.type(), true);
        if (!r.link().isEmpty()) {
          e.setLinkName(r.link());
        }
        e.setSize(r.content().length);
        tar.putArchiveEntry(e);
        tar.write(r.content());
        tar.closeArchiveEntry();
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write("!<arch>\n".getBytes());
    for (String m : members) {
      byte[] content =
          switch (m) {
            case "debian-binary" -> "2.0\n".getBytes();
            case "control.tar" -> controlTar.toByteArray();
            case "data.tar" -> dataTar.toByteArray();
            default -> "junk".getBytes();
          };
      out.write(
          String.format(
                  "%-16s%-12s%-6s%-6s%-8s%-10s`\n", m, "0", "0", "0", "100644", content.length)
              .getBytes());
      out.write(content);
      if (content.length % 2 == 1) {
        out.write('\n');
      }
    }
    return out.toByteArray();
  }

  static final List<String> MEMBERS = List.of("debian-binary", "control.tar", "data.tar");

  static String dataError(Raw... data) {
    try {
      entries("evil.deb", rawDeb(MEMBERS, List.of(data)));
      return "accepted";
    } catch (VerificationException e) {
      return String.valueOf(e.getMessage());
    } catch (IOException e) {
      return "io: " + e.getMessage();
    }
  }

  static Raw file(String name) {
    return new Raw(name, TarArchiveEntry.LF_NORMAL, "", "x".getBytes());
  }

  @Test
  void refusesEntriesThatEscapeTheRoot() {
    assertThat(dataError(file("./../etc/passwd")))
        .isEqualTo("evil.deb: data.tar entry './../etc/passwd' escapes the package root");
    assertThat(dataError(file("/etc/passwd")))
        .isEqualTo("evil.deb: data.tar entry '/etc/passwd' escapes the package root");
    assertThat(dataError(file("./usr/../../x")))
        .isEqualTo("evil.deb: data.tar entry './usr/../../x' escapes the package root");
    assertThat(
            dataError(
                new Raw("./usr/lib/x", TarArchiveEntry.LF_SYMLINK, "../../../etc", new byte[0])))
        .isEqualTo(
            "evil.deb: data.tar entry './usr/lib/x' is a symlink to '../../../etc' outside the"
                + " package root");
    assertThat(dataError(new Raw("./usr/x", TarArchiveEntry.LF_LINK, "../etc/shadow", new byte[0])))
        .isEqualTo(
            "evil.deb: data.tar entry './usr/x' is a hard link to '../etc/shadow' outside the root");
    assertThat(dataError(new Raw("./dev/sda", TarArchiveEntry.LF_BLK, "", new byte[0])))
        .isEqualTo("evil.deb: data.tar entry './dev/sda' is a device, fifo or other special file");
    assertThat(
            dataError(
                new Raw("./usr/lib/ok", TarArchiveEntry.LF_SYMLINK, "../../etc/ok", new byte[0])))
        .isEqualTo("accepted");
  }

  @Test
  void refusesMalformedContainers() throws IOException {
    assertThatThrownBy(() -> DebArchive.open("a.deb", new ByteArrayInputStream("hello".getBytes())))
        .isInstanceOf(VerificationException.class)
        .hasMessage("a.deb: not a .deb (no ar archive magic '!<arch>')");
    byte[] reordered = rawDeb(List.of("control.tar", "debian-binary", "data.tar"), List.of());
    assertThatThrownBy(() -> DebArchive.open("b.deb", new ByteArrayInputStream(reordered)))
        .isInstanceOf(VerificationException.class)
        .hasMessage("b.deb: first ar member is control.tar, not debian-binary");
    byte[] noData = rawDeb(List.of("debian-binary", "control.tar"), List.of());
    assertThatThrownBy(() -> entries("c.deb", noData))
        .isInstanceOf(VerificationException.class)
        .hasMessage("c.deb: ar archive ends before data.tar");
    byte[] good = rawDeb(MEMBERS, List.of(file("./a")));
    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 700);
    assertThatThrownBy(() -> entries("d.deb", truncated))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "d.deb: the file ends inside ar member data.tar, 700 of its 2048 bytes missing"
                + " (truncated, or a wrong size in its header)");
    byte[] bz2 = rawDeb(List.of("debian-binary", "control.tar.bz2"), List.of());
    assertThatThrownBy(() -> DebArchive.open("e.deb", new ByteArrayInputStream(bz2)))
        .isInstanceOf(VerificationException.class)
        .hasMessage("e.deb: unsupported compression of ar member control.tar.bz2");
  }
}
