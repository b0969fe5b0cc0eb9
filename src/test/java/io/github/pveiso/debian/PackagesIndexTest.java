package io.github.pveiso.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.VerificationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class PackagesIndexTest {
  static final String SHA_A = "a".repeat(64);
  static final String SHA_B = "b".repeat(64);

  static final String PACKAGES =
      "Package: firmware-realtek\n"
          + "Source: firmware-nonfree (20230625-2)\n"
          + "Version: 20230625-2\n"
          + "Installed-Size: 5162\n"
          + "Maintainer: Debian Kernel Team <debian-kernel@lists.debian.org>\n"
          + "Architecture: all\n"
          + "Breaks: firmware-misc-nonfree (<< 20230515-3)\n"
          + "Replaces: firmware-misc-nonfree (<< 20230515-3)\n"
          + "Provides: firmware-realtek-rtl8723cs-bt\n"
          + "Description: Binary firmware for Realtek wired/wifi/BT adapters\n"
          + "Multi-Arch: foreign\n"
          + "Section: non-free-firmware/kernel\n"
          + "Priority: optional\n"
          + "Filename: pool/non-free-firmware/f/firmware-nonfree/firmware-realtek_20230625-2_all.deb\n"
          + "Size: 1234\n"
          + "SHA256: "
          + SHA_A
          + "\n"
          + "\n"
          + "Package: intel-microcode\n"
          + "Version: 3.20250512.1~deb12u1\n"
          + "Architecture: amd64\n"
          + "Depends: iucode-tool (>= 1.0)\n"
          + "Pre-Depends: debconf | debconf-2.0\n"
          + "Conflicts: microcode.ctl\n"
          + "Filename: pool/non-free-firmware/i/intel-microcode/intel-microcode_3.20250512.1~deb12u1_amd64.deb\n"
          + "Size: 7654321\n"
          + "SHA256: "
          + SHA_B
          + "\n";

  static PackagesIndex index() throws IOException {
    return PackagesIndex.parse(
        "bookworm/non-free-firmware/binary-amd64/Packages",
        new ByteArrayInputStream(PACKAGES.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void parsesPackagesIntoRecords() throws IOException {
    PackagesIndex index = index();

    assertThat(index.packages()).hasSize(2);
    BinaryPackage fw = index.named("firmware-realtek").get(0);
    assertThat(fw.name()).isEqualTo("firmware-realtek");
    assertThat(fw.version()).isEqualTo(DebianVersion.parse("20230625-2"));
    assertThat(fw.architecture()).isEqualTo("all");
    assertThat(fw.filename())
        .isEqualTo("pool/non-free-firmware/f/firmware-nonfree/firmware-realtek_20230625-2_all.deb");
    assertThat(fw.size()).isEqualTo(1234);
    assertThat(fw.sha256()).isEqualTo(SHA_A);
    assertThat(fw.breaks().toString()).isEqualTo("[firmware-misc-nonfree (<< 20230515-3)]");
    assertThat(fw.replaces().toString()).isEqualTo("[firmware-misc-nonfree (<< 20230515-3)]");
    assertThat(fw.provides().toString()).isEqualTo("[firmware-realtek-rtl8723cs-bt]");
    assertThat(fw.depends()).isEmpty();
    assertThat(fw.section()).contains("non-free-firmware/kernel");
    assertThat(fw.multiArch()).isEqualTo("foreign");
    assertThat(fw.source()).isEqualTo("firmware-nonfree");
    assertThat(fw.fields().get("Multi-Arch")).contains("foreign");
    assertThat(fw.fields().has("Priority")).isFalse(); // only the fields BinaryPackage reads stay
    assertThat(fw.debFileName()).isEqualTo("firmware-realtek_20230625-2_all.deb");

    BinaryPackage ucode = index.named("intel-microcode").get(0);
    assertThat(ucode.depends().toString()).isEqualTo("[iucode-tool (>= 1.0)]");
    assertThat(ucode.preDepends().toString()).isEqualTo("[debconf | debconf-2.0]");
    assertThat(ucode.conflicts().toString()).isEqualTo("[microcode.ctl]");
    assertThat(ucode.section()).isEqualTo(Optional.empty());
    assertThat(ucode.multiArch()).isEqualTo("no");
    assertThat(ucode.source()).isEqualTo("intel-microcode");
    assertThat(ucode.id()).isEqualTo("intel-microcode_3.20250512.1~deb12u1_amd64");
    assertThat(index.named("nothing")).isEmpty();
  }

  @Test
  void readsXzAndGzCompressedIndexes() throws IOException {
    byte[] plain = PACKAGES.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream xz = new ByteArrayOutputStream();
    try (OutputStream out = new XZOutputStream(xz, new LZMA2Options())) {
      out.write(plain);
    }
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(gz)) {
      out.write(plain);
    }
    List<Stanza> expected = index().packages().stream().map(BinaryPackage::fields).toList();
    for (var c : List.of(new Object[] {"Packages.xz", xz}, new Object[] {"Packages.gz", gz})) {
      PackagesIndex idx =
          PackagesIndex.parse(
              "x",
              (String) c[0],
              new ByteArrayInputStream(((ByteArrayOutputStream) c[1]).toByteArray()));
      assertThat(idx.packages().stream().map(BinaryPackage::fields).toList()).isEqualTo(expected);
    }
  }

  @Test
  void roundTripsThroughTheCacheForm() throws IOException {
    PackagesIndex index = index();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    index.writeTo(out);
    PackagesIndex back = PackagesIndex.readFrom(new ByteArrayInputStream(out.toByteArray()));
    assertThat(back.label()).isEqualTo(index.label());
    assertThat(back.packages()).isEqualTo(index.packages());

    byte[] damaged = out.toByteArray();
    damaged[3] ^= 1;
    assertThatThrownBy(() -> PackagesIndex.readFrom(new ByteArrayInputStream(damaged)))
        .isInstanceOf(IOException.class)
        .hasMessage("not a pveiso Packages index cache (bad magic)");
    byte[] truncated = java.util.Arrays.copyOf(out.toByteArray(), out.size() - 3);
    assertThatThrownBy(() -> PackagesIndex.readFrom(new ByteArrayInputStream(truncated)))
        .isInstanceOf(IOException.class);
  }

  @Test
  void theCacheFormGivesEveryFieldAndRelationOfATextParse() throws IOException {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 1400; i++) { // > 4096 packages: the cache form is read in sections
      many.append(PackagesFastPathTest.SAMPLE.replace("Package: ", "Package: p" + i + "-"))
          .append('\n');
    }
    for (String text : List.of(PACKAGES, PackagesFastPathTest.SAMPLE, many.toString())) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      PackagesIndex parsed = PackagesIndex.parse("L", new ByteArrayInputStream(bytes));
      ByteArrayOutputStream cache = new ByteArrayOutputStream();
      parsed.writeTo(cache);
      PackagesIndex cached = PackagesIndex.readFrom(new ByteArrayInputStream(cache.toByteArray()));
      List<BinaryPackage> general =
          PackagesReader.general("L", "", new ByteArrayInputStream(bytes));

      assertThat(cached.packages()).isEqualTo(parsed.packages()).isEqualTo(general);
      assertThat(cached.packages().stream().map(PackagesIndexTest::everything).toList())
          .isEqualTo(parsed.packages().stream().map(PackagesIndexTest::everything).toList())
          .isEqualTo(general.stream().map(PackagesIndexTest::everything).toList());
    }
    PackagesIndex big =
        PackagesIndex.readFrom(
            cacheForm(
                PackagesIndex.parse(
                    "L",
                    new ByteArrayInputStream(many.toString().getBytes(StandardCharsets.UTF_8)))));
    assertThat(big.named("p1-libc6").get(0).version()) // one Version text, parsed once
        .isEqualTo(DebianVersion.parse("2.41-12"))
        .isSameAs(big.named("p2-libc6").get(0).version());
    BinaryPackage libc6 =
        PackagesIndex.readFrom(
                new ByteArrayInputStream(
                    cacheForm(
                        PackagesIndex.parse(
                            "L",
                            new ByteArrayInputStream(
                                PackagesFastPathTest.SAMPLE.getBytes(StandardCharsets.UTF_8))))))
            .named("libc6")
            .get(0);
    assertThat(libc6.breaks().toString())
        .isEqualTo("[nscd (<< 2.41), libc6-dev:any (<< 2.41) [amd64 !i386]]");
    assertThat(libc6.provides().toString())
        .isEqualTo("[libc6-sse4 (= 2.41-12), glibc-abi (= 2.41)]");
  }

  @Test
  void theCacheFormsBytesArePinned() throws IOException {
    // 5,000 packages: two sections, and more distinct strings than the writer's first table holds
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      text.append("Package: pkg").append(i).append('\n');
      text.append("Version: 1.").append(i % 37).append('-').append(i % 5).append('\n');
      text.append("Architecture: ").append(i % 3 == 0 ? "all" : "amd64").append('\n');
      text.append("Depends: libc6 (>= 2.").append(i % 40).append("), pkg");
      text.append((i * 7) % 5000).append('\n');
      if (i % 4 == 0) {
        text.append("Provides: virtual-").append(i % 11).append('\n');
      }
      text.append("Section: ").append(i % 2 == 0 ? "libs" : "non-free-firmware/kernel");
      text.append("\nFilename: pool/main/p/pkg").append(i).append("/pkg").append(i);
      text.append("_1.").append(i % 37).append("_amd64.deb\n");
      text.append("Size: ").append(i * 13L + 1).append('\n');
      text.append("SHA256: ").append(String.format("%064x", i * 2654435761L)).append("\n\n");
    }
    byte[] form =
        cacheForm(
            PackagesIndex.parse(
                "trixie/main/binary-amd64/Packages",
                new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8))));

    // what the writer gave before it numbered strings without a HashMap (issue 14): same bytes
    assertThat(form).hasSize(855_030);
    assertThat(io.github.pveiso.Sha256Digest.of(form).hex())
        .isEqualTo("322a8126aee2004fb39e7f5faa1d7d71d56c09c905740f48963c6656776450b4");
  }

  static byte[] cacheForm(PackagesIndex index) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    index.writeTo(out);
    return out.toByteArray();
  }

  /** Every accessor of {@code p}, relations parsed: what a reader of the package sees. */
  static List<Object> everything(BinaryPackage p) {
    return List.of(
        p.name(),
        p.version(),
        p.architecture(),
        p.filename(),
        p.size(),
        p.sha256(),
        p.depends(),
        p.preDepends(),
        p.conflicts(),
        p.breaks(),
        p.replaces(),
        p.provides(),
        p.section(),
        p.multiArch(),
        p.source(),
        p.fields(),
        p.id(),
        p.debFileName());
  }

  @Test
  void refusesAStanzaWithoutRequiredFields() {
    String text =
        "Package: broken\nVersion: 1.0\nArchitecture: all\nSize: 1\nSHA256: " + SHA_A + "\n";
    assertThatThrownBy(
            () ->
                PackagesIndex.parse(
                    "main/Packages",
                    new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(VerificationException.class)
        .hasMessage("main/Packages: package broken has no Filename field");
  }

  @Test
  void refusesAMalformedDependencyWhenItIsUsed() throws IOException {
    // Relations are parsed on first use (an index has ~70,000 packages, a build uses a few
    // hundred), so the error comes from depends(), no longer from parse(); same message.
    String text = PACKAGES.replace("Depends: iucode-tool (>= 1.0)", "Depends: iucode-tool (>= )");
    PackagesIndex index =
        PackagesIndex.parse(
            "main/Packages", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    ByteArrayOutputStream cache = new ByteArrayOutputStream();
    index.writeTo(cache);
    PackagesIndex cached = PackagesIndex.readFrom(new ByteArrayInputStream(cache.toByteArray()));

    for (PackagesIndex i : List.of(index, cached)) {
      BinaryPackage ucode = i.named("intel-microcode").get(0);
      assertThat(ucode.preDepends().toString()).isEqualTo("[debconf | debconf-2.0]");
      for (int attempt = 0; attempt < 2; attempt++) { // still refused on the next use
        assertThatThrownBy(ucode::depends)
            .isInstanceOf(VerificationException.class)
            .hasMessage(
                "main/Packages: package intel-microcode 3.20250512.1~deb12u1: bad version '' in"
                    + " relation 'iucode-tool (>= )'");
      }
    }
    String provides = PACKAGES.replace("Provides: firmware-realtek-rtl8723cs-bt", "Provides: a | ");
    BinaryPackage fw =
        PackagesIndex.of("main/Packages", Deb822.parse("main/Packages", provides))
            .packages()
            .get(0);
    assertThatThrownBy(fw::provides)
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            "main/Packages: package firmware-realtek 20230625-2: empty alternative in 'a |'");
  }

  /** The cache form pveiso wrote before format 2: every field, under magic version 1. */
  static byte[] formatOne(PackagesIndex index) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("PVEISO-PKGIDX-1\n".getBytes(StandardCharsets.US_ASCII));
    java.util.List<String> table = new java.util.ArrayList<>();
    java.util.List<Integer> refs = new java.util.ArrayList<>();
    for (BinaryPackage p : index.packages()) {
      refs.add(-p.fields().size());
      for (int i = 0; i < p.fields().size(); i++) {
        for (String s : List.of(p.fields().name(i), p.fields().value(i))) {
          if (!table.contains(s)) {
            table.add(s);
          }
          refs.add(table.indexOf(s));
        }
      }
    }
    writeString(out, index.label());
    writeVarint(out, table.size());
    table.forEach(s -> writeString(out, s));
    writeVarint(out, index.packages().size());
    refs.forEach(r -> writeVarint(out, Math.abs(r)));
    return out.toByteArray();
  }

  private static void writeString(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    writeVarint(out, b.length);
    out.writeBytes(b);
  }

  private static void writeVarint(ByteArrayOutputStream out, int v) {
    while ((v & ~0x7F) != 0) {
      out.write((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.write(v);
  }

  @Test
  void refusesTheOlderCacheFormat() throws IOException {
    byte[] old = formatOne(index());

    assertThatThrownBy(() -> PackagesIndex.readFrom(new ByteArrayInputStream(old)))
        .isInstanceOf(IOException.class)
        .hasMessage("a Packages index cache in another format than PVEISO-PKGIDX-2");
  }

  @Test
  void refusesACacheEntryWithAnInvalidPackage() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    index().writeTo(out);
    String text = new String(out.toByteArray(), StandardCharsets.ISO_8859_1);
    byte[] damaged = text.replace("\u00041234", "\u000412x4").getBytes(StandardCharsets.ISO_8859_1);

    assertThat(damaged).isNotEqualTo(out.toByteArray());
    assertThatThrownBy(() -> PackagesIndex.readFrom(new ByteArrayInputStream(damaged)))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "a package in Packages index cache is invalid: bookworm/non-free-firmware/binary-amd64/"
                + "Packages: package firmware-realtek has Size '12x4'");
  }
}
