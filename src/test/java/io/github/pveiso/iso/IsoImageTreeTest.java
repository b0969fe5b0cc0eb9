package io.github.pveiso.iso;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.iso.bytes.Extent;
import io.github.pveiso.iso.iso9660.DirectoryRecord;
import io.github.pveiso.iso.iso9660.PrimaryVolumeDescriptor;
import io.github.pveiso.iso.iso9660.SuspEntry;
import io.github.pveiso.iso.iso9660.VolumeDescriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads xorriso-made trees (Rock Ridge + Joliet, Joliet only, plain ISO 9660). */
public class IsoImageTreeTest {
  static final String WEIRD = "it's [a] *weird* ?name\\ with\ttab";
  static final String UNICODE = "ünïcødé—名前.txt";

  @TempDir static Path dir;
  static Path src;
  static Path rockRidge;
  static Path jolietOnly;
  static Path plain;

  @BeforeAll
  static void makeIsos() throws IOException {
    src = dir.resolve("src");
    Path deep = Files.createDirectories(src.resolve("a/b/c/d/e/f/g/h/i/j"));
    Files.writeString(deep.resolve("deep.txt"), "deep\n");
    Files.writeString(src.resolve("big.txt"), "x".repeat(5000));
    Files.createFile(src.resolve("empty"));
    Files.createSymbolicLink(src.resolve("link"), Path.of("big.txt"));
    Files.createSymbolicLink(src.resolve("abslink"), Path.of("/usr/lib/x"));
    Files.writeString(src.resolve(WEIRD), "weird\n");
    Files.writeString(src.resolve(UNICODE), "unicode\n");
    Files.writeString(src.resolve("-dash"), "dash\n");
    Files.writeString(src.resolve("L".repeat(200) + ".txt"), "long\n");
    Files.writeString(src.resolve("name with spaces;1.txt"), "semicolon\n");
    rockRidge =
        Xorriso.mkisofs(dir.resolve("rr.iso"), src, "-R", "-J", "-joliet-long", "-V", "TESTVOL");
    Path flat = Files.createDirectories(dir.resolve("flat"));
    Files.writeString(flat.resolve("readme.txt"), "hello\n");
    Files.writeString(flat.resolve("Mixed Case.cfg"), "cfg\n");
    jolietOnly = dir.resolve("joliet.iso");
    Xorriso.run(
        "-rockridge",
        "off",
        "-joliet",
        "on",
        "-outdev",
        jolietOnly.toString(),
        "-volid",
        "JOL",
        "-map",
        flat.toString(),
        "/");
    plain = dir.resolve("plain.iso");
    Xorriso.run(
        "-rockridge",
        "off",
        "-outdev",
        plain.toString(),
        "-volid",
        "PLAIN",
        "-map",
        flat.toString(),
        "/");
  }

  @Test
  void rockRidgeTreeMatchesXorrisosListing() {
    try (IsoImage iso = IsoImage.open(rockRidge)) {
      assertThat(iso.nameSource()).isEqualTo(NameSource.ROCK_RIDGE);
      List<String> ours = new ArrayList<>();
      for (IsoEntry e : iso.entries()) {
        ours.add(line(e.mode(), e.size(), e.path(), e.symlinkTarget().orElse("")));
      }
      List<String> theirs =
          Xorriso.lsdl(rockRidge).stream()
              .map(l -> l.mode() + " " + l.size() + " " + l.path() + " -> " + l.target())
              .toList();
      assertThat(ours).containsExactlyElementsOf(theirs);
      assertThat(iso.find("/" + WEIRD)).isPresent();
      assertThat(iso.find("/" + UNICODE)).isPresent();
    }
  }

  @Test
  void contentStreamsFromTheImageWithTheSourceDigest() throws IOException {
    try (IsoImage iso = IsoImage.open(rockRidge)) {
      for (IsoEntry e : iso.entries()) {
        if (e.isFile()) {
          Path local = src.resolve(e.path().substring(1));
          assertThat(iso.sha256(e)).as(e.path()).isEqualTo(sha256(Files.readAllBytes(local)));
        }
      }
      IsoEntry big = iso.find("/big.txt").orElseThrow();
      assertThat(new String(iso.readAllBytes(big), StandardCharsets.US_ASCII))
          .isEqualTo("x".repeat(5000));
    }
  }

  @Test
  void listsADirectorySorted() {
    try (IsoImage iso = IsoImage.open(rockRidge)) {
      assertThat(iso.list("/a/b/c/d/e/f/g/h/i/j"))
          .extracting(IsoEntry::path)
          .containsExactly("/a/b/c/d/e/f/g/h/i/j/deep.txt");
      assertThat(iso.list("/"))
          .extracting(IsoEntry::name)
          .startsWith("-dash")
          .contains("a", "abslink", "big.txt", "empty", "link");
    }
  }

  @Test
  void volumeDateUuidMatchesXorrisosVolumeDate() {
    String info = Xorriso.run("-indev", rockRidge.toString(), "-pvd_info");
    String digits =
        info.lines()
            .filter(l -> l.startsWith("Modif. Time  : "))
            .findFirst()
            .orElseThrow()
            .substring(15)
            .strip();
    try (IsoImage iso = IsoImage.open(rockRidge)) {
      String expected =
          digits.substring(0, 4)
              + "-"
              + digits.substring(4, 6)
              + "-"
              + digits.substring(6, 8)
              + "-"
              + digits.substring(8, 10)
              + "-"
              + digits.substring(10, 12)
              + "-"
              + digits.substring(12, 14)
              + "-"
              + digits.substring(14, 16);
      assertThat(iso.volumeDateUuid()).isEqualTo(expected);
      assertThat(iso.volumeId()).isEqualTo("TESTVOL");
      assertThat(iso.joliet().orElseThrow().volumeId()).isEqualTo("TESTVOL");
      assertThat(iso.volumeBytes()).isEqualTo(Files.size(rockRidge));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void jolietNamesWhenThereIsNoRockRidge() {
    try (IsoImage iso = IsoImage.open(jolietOnly)) {
      assertThat(iso.nameSource()).isEqualTo(NameSource.JOLIET);
      assertThat(iso.entries())
          .extracting(IsoEntry::path)
          .containsExactly("/", "/Mixed Case.cfg", "/readme.txt");
      assertThat(iso.entries().get(1).mode()).isEqualTo(-1);
    }
  }

  @Test
  void plainIso9660NamesWithoutVersion() {
    try (IsoImage iso = IsoImage.open(plain)) {
      assertThat(iso.nameSource()).isEqualTo(NameSource.ISO9660);
      assertThat(iso.entries())
          .extracting(IsoEntry::path)
          .containsExactly("/", "/MIXED_CASE.CFG", "/README.TXT");
      assertThat(
              new String(
                  iso.readAllBytes(iso.find("/README.TXT").orElseThrow()),
                  StandardCharsets.US_ASCII))
          .isEqualTo("hello\n");
    }
  }

  @Test
  void everyDescriptorAndDirectoryRecordRoundTrips() throws IOException {
    for (Path path : List.of(rockRidge, jolietOnly, plain)) {
      try (IsoImage iso = IsoImage.open(path)) {
        byte[] image = Files.readAllBytes(path);
        int index = 0;
        for (VolumeDescriptor d : iso.volumeDescriptors()) {
          int at = (16 + index++) * 2048;
          assertThat(d.record())
              .as(path + " descriptor " + index)
              .isEqualTo(java.util.Arrays.copyOfRange(image, at, at + 2048));
        }
        List<PrimaryVolumeDescriptor> roots = new ArrayList<>();
        roots.add(iso.primary());
        iso.joliet().ifPresent(roots::add);
        for (PrimaryVolumeDescriptor root : roots) {
          assertRecordsRoundTrip(iso, image);
        }
      }
    }
  }

  private static void assertRecordsRoundTrip(IsoImage iso, byte[] image) {
    int checked = 0;
    for (IsoEntry e : iso.entries()) {
      if (!e.isDirectory()) {
        continue;
      }
      Extent extent = e.extents().get(0);
      byte[] data =
          java.util.Arrays.copyOfRange(
              image, (int) extent.offset(), (int) (extent.offset() + extent.length()));
      int at = 0;
      for (DirectoryRecord r : DirectoryRecord.parseAll(data)) {
        while (data[at] == 0) {
          at = (at / 2048 + 1) * 2048;
        }
        byte[] original = java.util.Arrays.copyOfRange(data, at, at + r.length());
        assertThat(r.record()).as(e.path() + " record at " + at).isEqualTo(original);
        List<SuspEntry> susp = SuspEntry.parseAll(r.systemUse(), 0);
        if (!susp.isEmpty()) {
          assertThat(SuspEntry.recordAll(susp))
              .isEqualTo(java.util.Arrays.copyOf(r.systemUse(), SuspEntry.recordAll(susp).length));
        }
        at += r.length();
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(2);
  }

  static String line(int mode, long size, String path, String target) {
    return modeString(mode) + " " + size + " " + path + " -> " + target;
  }

  static String modeString(int mode) {
    char type =
        switch (mode & 0170000) {
          case 0040000 -> 'd';
          case 0120000 -> 'l';
          default -> '-';
        };
    StringBuilder s = new StringBuilder().append(type);
    String rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      s.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
    }
    return s.toString();
  }

  public static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
