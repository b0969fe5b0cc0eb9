package io.github.pveiso.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.pveiso.VerificationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** The fast Packages path gives exactly what the general deb822 parser gives, or its error. */
class PackagesFastPathTest {
  static final String SHA = "0123456789abcdef".repeat(4);

  /** A realistic index: folded fields, comments, alternatives, versioned Provides, CRLF-free. */
  static final String SAMPLE =
      "Package: 0ad\n"
          + "Source: 0ad (0.27.0-2)\n"
          + "Version: 0.27.0-2+b1\n"
          + "Installed-Size: 54427\n"
          + "Maintainer: Debian Games Team <pkg-games-devel@lists.alioth.debian.org>\n"
          + "Architecture: amd64\n"
          + "Depends: 0ad-data (>= 0.27.0), 0ad-data (<= 0.27.0-2), libc6 (>= 2.39),"
          + " libgcc-s1 (>= 4.2) | libgcc1, zlib1g (>= 1:1.2.0)\n"
          + "Pre-Depends: dpkg (>= 1.15.6~)\n"
          + "Description: Real-time strategy game of ancient warfare\n"
          + " 0 A.D. is a free, open-source, cross-platform real-time strategy game.\n"
          + " .\n"
          + " It is the data of the game.   \n"
          + "Tag: game::strategy, interface::graphical, interface::x11, role::program,\n"
          + " uitoolkit::sdl, uitoolkit::wxwidgets, use::gameplaying,\n"
          + " x11::application\n"
          + "Section: games\n"
          + "Priority: optional\n"
          + "Filename: pool/main/0/0ad/0ad_0.27.0-2+b1_amd64.deb\n"
          + "Size: 15478892\n"
          + "MD5sum: def4e9fbaca705a3ef4e16904cdd6dc5\n"
          + "SHA256: "
          + SHA
          + "\n"
          + "\n"
          + "# a comment between stanzas\n"
          + "Package: libc6\n"
          + "Source: glibc\n"
          + "Version: 2.41-12\n"
          + "Architecture: amd64\n"
          + "Multi-Arch: same\n"
          + "Depends: libgcc-s1\n"
          + "Breaks: nscd (<< 2.41), libc6-dev:any (<< 2.41) [amd64 !i386] <!nocheck>\n"
          + "Replaces: libc6-amd64\n"
          + "Provides: libc6-sse4 (= 2.41-12), glibc-abi (= 2.41)\n"
          + "Conflicts: libc6-amd64 (<< 2.41-12)\n"
          + "Built-Using: gcc-14 (= 14.2.0-19)\n"
          + "Description: GNU C Library: Shared libraries\n"
          + "section: libs\n"
          + "Filename: pool/main/g/glibc/libc6_2.41-12_amd64.deb\n"
          + "Size: 2827344\n"
          + "SHA256:    "
          + SHA
          + "  \n"
          + "  \t \n"
          + "\n"
          + "Package: firmware-realtek\n"
          + "Version: 20250410-2\n"
          + "Architecture: all\n"
          + "Multi-Arch: foreign\n"
          + "Provides: firmware-realtek-rtl8723cs-bt\n"
          + "Depends:\n"
          + " firmware-misc-nonfree (>= 1) |\n"
          + " firmware-linux-nonfree\n"
          + "Section: non-free-firmware/kernel\n"
          + "Filename: pool/non-free-firmware/f/firmware-nonfree/firmware-realtek_20250410-2_all.deb\n"
          + "Size: 1234\n"
          + "SHA256: "
          + SHA
          + "\n"
          + "X-Ünicode-Free: dropped\n";

  static List<BinaryPackage> general(String text) throws IOException {
    return PackagesReader.general(
        "L", "", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  static List<BinaryPackage> fast(byte[] text) {
    List<BinaryPackage> out = new ArrayList<>();
    new PackagesTextParser("L", out).parse(text, 0, text.length);
    return out;
  }

  static List<BinaryPackage> fast(String text) {
    return fast(text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] xzBlocks(byte[] plain, int... edges) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (XZOutputStream xz = new XZOutputStream(out, new LZMA2Options(0))) {
      int from = 0;
      for (int edge : edges) {
        xz.write(plain, from, edge - from);
        xz.endBlock();
        from = edge;
      }
      xz.write(plain, from, plain.length - from);
    }
    return out.toByteArray();
  }

  @Test
  void theSampleGivesTheGeneralParsersRecords() throws IOException {
    String noUnicode = SAMPLE.replace("X-Ünicode-Free: dropped\n", "");
    List<BinaryPackage> expected = general(noUnicode);

    assertThat(expected).hasSize(3);
    assertThat(fast(noUnicode)).isEqualTo(expected);
    BinaryPackage libc = expected.get(1);
    assertThat(libc.section()).contains("libs");
    assertThat(libc.provides().toString())
        .isEqualTo("[libc6-sse4 (= 2.41-12), glibc-abi (= 2.41)]");
    assertThat(libc.breaks().get(1).alternatives().get(0).architectures())
        .containsExactly("amd64", "!i386");
    assertThat(libc.fields().names())
        .containsExactly(
            "Package",
            "Source",
            "Version",
            "Architecture",
            "Multi-Arch",
            "Depends",
            "Breaks",
            "Replaces",
            "Provides",
            "Conflicts",
            "section",
            "Filename",
            "Size",
            "SHA256");
    assertThat(expected.get(2).depends().toString())
        .isEqualTo("[firmware-misc-nonfree (>= 1) | firmware-linux-nonfree]");
    assertThat(expected.get(2).fields().get("Depends"))
        .contains("\nfirmware-misc-nonfree (>= 1) |\nfirmware-linux-nonfree");
  }

  @Test
  void aNonAsciiFieldNameGoesToTheGeneralParserWithTheSameResult() throws IOException {
    assertThatThrownBy(() -> fast(SAMPLE)).isInstanceOf(PackagesTextParser.Unusual.class);
    assertThat(
            PackagesIndex.parse(
                    "L", new ByteArrayInputStream(SAMPLE.getBytes(StandardCharsets.UTF_8)))
                .packages())
        .isEqualTo(general(SAMPLE));
  }

  @Test
  void crlfAndAMissingFinalNewlineGiveTheSameRecords() throws IOException {
    String text = SAMPLE.replace("X-Ünicode-Free: dropped\n", "");
    String crlf = text.replace("\n", "\r\n");
    String unterminated = text.substring(0, text.length() - 1);

    assertThat(fast(crlf)).isEqualTo(general(crlf)).isEqualTo(general(text));
    assertThat(fast(unterminated)).isEqualTo(general(unterminated)).isEqualTo(general(text));
  }

  @Test
  void theTestRepositorysIndexesGiveTheSameRecords(@TempDir Path temp) throws IOException {
    TestRepository repo = new TestRepository(temp, "trixie");
    repo.add("main", new TestDeb("iucode-tool", "2.3.1-3", "amd64"));
    repo.add(
        "main",
        new TestDeb("intel-microcode", "3.20250512.1", "amd64"),
        "Depends: iucode-tool (>= 1.0)",
        "Pre-Depends: debconf | debconf-2.0");
    repo.add("main", new TestDeb("firmware-realtek", "20250410-2", "all"), "Multi-Arch: foreign");
    repo.publish(Instant.parse("2026-01-01T00:00:00Z"), Optional.empty(), false, s -> s);
    Path dir = temp.resolve("dists/trixie/main/binary-amd64");
    String text = Files.readString(dir.resolve("Packages"));

    List<BinaryPackage> expected = general(text);
    assertThat(expected).hasSize(3);
    assertThat(fast(text)).isEqualTo(expected);
    for (String name : List.of("Packages.xz", "Packages.gz", "Packages")) {
      byte[] file = Files.readAllBytes(dir.resolve(name));
      assertThat(PackagesDecoder.decodeAndParse("L", name, file, file.length)).isEqualTo(expected);
    }
  }

  @Test
  void xzBlockEdgesAnywhereGiveTheSameRecords() throws IOException {
    String text = SAMPLE.replace("X-Ünicode-Free: dropped\n", "");
    for (String variant : List.of(text, text.replace("\n", "\r\n"))) {
      byte[] plain = (variant + "\n" + variant + "\n" + variant).getBytes(StandardCharsets.UTF_8);
      List<BinaryPackage> expected = general(new String(plain, StandardCharsets.UTF_8));
      assertThat(expected).hasSize(9);
      int third = plain.length / 3;
      for (int cut : cuts(plain, third)) {
        byte[] xz = xzBlocks(plain, cut, cut + third);
        assertThat(PackagesDecoder.decodeAndParse("L", "Packages.xz", xz, xz.length))
            .as("blocks cut at %d and %d", cut, cut + third)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void aLongTextIsParsedInPiecesWithTheSameRecords() throws IOException {
    String text = SAMPLE.replace("X-Ünicode-Free: dropped\n", "") + "\n";
    StringBuilder big = new StringBuilder();
    int n = 0;
    while (big.length() < 3 * PackagesDecoder.MIN_PIECE) {
      big.append(text.replace("Package: 0ad\n", "Package: 0ad" + n++ + "\n"));
    }
    byte[] plain = big.toString().getBytes(StandardCharsets.UTF_8);

    List<BinaryPackage> parsed = PackagesDecoder.parseText("L", plain, plain.length);

    assertThat(parsed).isEqualTo(general(big.toString()));
    assertThat(parsed.get(3 * (n - 1)).name()).isEqualTo("0ad" + (n - 1));
    ByteArrayOutputStream cache = new ByteArrayOutputStream();
    new PackagesIndex("L", parsed).writeTo(cache); // in sections, read back in parallel
    assertThat(PackagesIndex.readFrom(new ByteArrayInputStream(cache.toByteArray())).packages())
        .isEqualTo(parsed);
    assertThat(workers()).isEmpty();
  }

  @Test
  void aCorruptStanzaFailsWithTheGeneralParsersMessage() {
    String text = SAMPLE.replace("Section: games\n", "Section games\n");
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> PackagesIndex.parse("main/Packages", new ByteArrayInputStream(bytes)))
        .isInstanceOf(VerificationException.class)
        .hasMessage("main/Packages line 16: expected 'Field: value'");
    String duplicate = SAMPLE.replace("Section: games\n", "Section: games\nsection: x\n");
    assertThatThrownBy(
            () ->
                PackagesIndex.parse(
                    "main/Packages",
                    new ByteArrayInputStream(duplicate.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(VerificationException.class)
        .hasMessage("main/Packages line 18: duplicate field section");
  }

  @Test
  void aCorruptStanzaInAMultiBlockXzFailsWithTheGeneralParsersMessage() throws IOException {
    String text = SAMPLE.replace("X-Ünicode-Free: dropped\n", "") + "\n";
    String bad = text + text.replace("Size: 1234\n", "Size: 12x4\n") + text;
    byte[] plain = bad.getBytes(StandardCharsets.UTF_8);
    byte[] xz = xzBlocks(plain, plain.length / 3, 2 * plain.length / 3);

    assertThatThrownBy(
            () ->
                PackagesIndex.parse(
                    "main/Packages.xz", "Packages.xz", new ByteArrayInputStream(xz)))
        .isInstanceOf(VerificationException.class)
        .hasMessage("main/Packages.xz: package firmware-realtek has Size '12x4'");
    assertThat(workers()).isEmpty();
  }

  @Test
  void aTruncatedXzFailsAsTheStreamingDecoderDoes() throws IOException {
    String text = SAMPLE.replace("X-Ünicode-Free: dropped\n", "") + "\n";
    byte[] plain = (text + text + text).getBytes(StandardCharsets.UTF_8);
    byte[] xz = xzBlocks(plain, plain.length / 3, 2 * plain.length / 3);
    byte[] truncated = java.util.Arrays.copyOf(xz, xz.length - 40);

    Throwable streaming =
        catchThrowable(
            () ->
                PackagesReader.general(
                    "main/Packages.xz", "Packages.xz", new ByteArrayInputStream(truncated)));

    assertThat(streaming).isInstanceOf(java.io.EOFException.class);
    assertThatThrownBy(
            () ->
                PackagesIndex.parse(
                    "main/Packages.xz", "Packages.xz", new ByteArrayInputStream(truncated)))
        .isInstanceOf(streaming.getClass())
        .hasMessage(streaming.getMessage());
    assertThat(workers()).isEmpty();
  }

  @Test
  void noWorkerThreadOutlivesAParse() throws IOException {
    String text = SAMPLE.replace("X-Ünicode-Free: dropped\n", "") + "\n";
    byte[] plain = (text + text + text).getBytes(StandardCharsets.UTF_8);
    byte[] xz = xzBlocks(plain, plain.length / 3, 2 * plain.length / 3);

    assertThat(PackagesIndex.parse("L", "Packages.xz", new ByteArrayInputStream(xz)).packages())
        .hasSize(9);
    assertThat(workers()).isEmpty();
  }

  @Test
  void aStreamFailingHalfWayFailsAfterTheStanzasBeforeIt() {
    byte[] good = SAMPLE.replace("X-Ünicode-Free: dropped\n", "").getBytes(StandardCharsets.UTF_8);
    IOException broken = new IOException("connection reset");
    java.io.InputStream failing =
        new java.io.SequenceInputStream(
            new ByteArrayInputStream(good, 0, 200),
            new java.io.InputStream() {
              @Override
              public int read() throws IOException {
                throw broken;
              }
            });
    byte[] bad =
        SAMPLE.replace("Version: 0.27.0-2+b1\n", "Version 0.27\n").getBytes(StandardCharsets.UTF_8);
    java.io.InputStream failingAfterABadLine =
        new java.io.SequenceInputStream(
            new ByteArrayInputStream(bad, 0, 200),
            new java.io.InputStream() {
              @Override
              public int read() throws IOException {
                throw broken;
              }
            });

    assertThatThrownBy(() -> PackagesIndex.parse("L", failing)).isSameAs(broken);
    assertThatThrownBy(() -> PackagesIndex.parse("L", failingAfterABadLine))
        .isInstanceOf(VerificationException.class)
        .hasMessage("L line 3: expected 'Field: value'");
  }

  /** Positions around every blank line of {@code text[0, to)}, and a few in between. */
  static List<Integer> cuts(byte[] text, int to) {
    java.util.TreeSet<Integer> cuts = new java.util.TreeSet<>();
    for (int i = 1; i < to; i += 97) {
      cuts.add(i);
    }
    for (int i = 0; i + 1 < to; i++) {
      if (text[i] == '\n' && (text[i + 1] == '\n' || text[i + 1] == '\r')) {
        for (int c = Math.max(1, i - 1); c <= Math.min(to - 1, i + 3); c++) {
          cuts.add(c);
        }
      }
    }
    return List.copyOf(cuts);
  }

  static List<String> workers() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(n -> n.startsWith(PackagesWorkers.PREFIX))
        .toList();
  }
}
