package io.github.pveiso.iso.write;

import static io.github.pveiso.iso.write.XorrisoIsoWriterTest.bootImages;
import static io.github.pveiso.iso.write.XorrisoIsoWriterTest.layoutOf;
import static io.github.pveiso.iso.write.XorrisoIsoWriterTest.sha256;
import static io.github.pveiso.iso.write.XorrisoIsoWriterTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.Xorriso;
import io.github.pveiso.iso.boot.SystemArea;
import io.github.pveiso.iso.verify.ExpectedContent;
import io.github.pveiso.iso.verify.IsoVerifier;
import io.github.pveiso.proc.SystemProcessRunner;
import io.github.pveiso.testing.Fixtures.Fixture;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GrowingIsoWriterTest {

  static final Instant TIME = Instant.parse("2025-06-01T12:00:00Z");

  @TempDir Path tmp;

  private final GrowingIsoWriter writer = new GrowingIsoWriter(EventListener.NONE);
  private final XorrisoIsoWriter xorriso =
      new XorrisoIsoWriter(new SystemProcessRunner(), EventListener.NONE);

  /** Every kind of change the writer supports, with the SHA-256 the verifier expects. */
  record Case(List<IsoChange> changes, Map<String, ExpectedContent> expected) {}

  Case everyKind() throws IOException {
    Path local = Files.createDirectories(tmp.resolve("local"));
    List<IsoChange> changes = new ArrayList<>();
    Map<String, ExpectedContent> expected = new TreeMap<>();
    add(changes, expected, local, "/pveiso-added.txt", "added by pveiso\n");
    add(changes, expected, local, "/boot/grub/pveiso-deep.cfg", "deep\n");
    add(changes, expected, local, "/new dir/sub/file.txt", "in a new folder\n");
    add(changes, expected, local, "/a*b?c[d] ü-ñ;1.txt", "special\n");
    add(changes, expected, local, "/empty", "");
    // 255 bytes of UTF-8: the Rock Ridge name goes to a continuation area; Joliet cuts it to 64
    add(changes, expected, local, "/" + "ü".repeat(100) + "x".repeat(55), "long name\n");
    for (int i = 0; i < 60; i++) {
      add(
          changes,
          expected,
          local,
          String.format("/proxmox/packages/firmware-package-number-%02d_1.0-1_all.deb", i),
          "package " + i + "\n");
    }
    Path replaced = Files.writeString(local.resolve("replaced.txt"), "fixture replaced\n");
    changes.add(new IsoChange.ReplaceFile("/pveiso-fixture.txt", replaced, 0444, TIME));
    expected.put("/pveiso-fixture.txt", new ExpectedContent.Digest(sha(replaced)));
    changes.add(new IsoChange.RemoveFile("/EULA"));
    expected.put("/EULA", new ExpectedContent.Absent());
    Path tree = Files.createDirectories(tmp.resolve("tree"));
    Files.createDirectories(tree.resolve("intel/sub"));
    Files.writeString(tree.resolve("intel/sub/ucode.bin"), "microcode\n");
    Files.writeString(tree.resolve("top.bin"), "top\n");
    Files.createSymbolicLink(tree.resolve("link.bin"), Path.of("intel/sub/ucode.bin"));
    changes.add(new IsoChange.AddTree("/firmware", tree, 0644, 0755, TIME));
    expected.put(
        "/firmware/intel/sub/ucode.bin",
        new ExpectedContent.Digest(sha(tree.resolve("intel/sub/ucode.bin"))));
    expected.put("/firmware/top.bin", new ExpectedContent.Digest(sha(tree.resolve("top.bin"))));
    expected.put("/firmware/link.bin", new ExpectedContent.Link("intel/sub/ucode.bin"));
    return new Case(List.copyOf(changes), expected);
  }

  private static void add(
      List<IsoChange> changes,
      Map<String, ExpectedContent> expected,
      Path dir,
      String isoPath,
      String text)
      throws IOException {
    Path file = Files.writeString(dir.resolve("f" + changes.size()), text);
    changes.add(new IsoChange.AddFile(isoPath, file, 0644, TIME));
    expected.put(isoPath, new ExpectedContent.Digest(sha(file)));
  }

  private static String sha(Path file) {
    return io.github.pveiso.Sha256Digest.ofFile(file).toString();
  }

  private Path grow(Fixture fixture, List<IsoChange> changes, String name) {
    Path source = fixture.iso();
    WriteResult result = writer.write(source, layoutOf(source), changes, tmp.resolve(name));
    assertThat(result.strategy()).isEqualTo(WriteStrategy.GROW);
    return result.output();
  }

  @ParameterizedTest
  @EnumSource(
      value = Fixture.class,
      names = {"MKRESCUE", "ARM64"})
  void listsWhatXorrisoListsAndVerifies(Fixture fixture) throws IOException {
    Case c = everyKind();
    Path ours = grow(fixture, c.changes(), "ours.iso");
    Path theirs =
        xorriso
            .write(fixture.iso(), layoutOf(fixture.iso()), c.changes(), tmp.resolve("x.iso"))
            .output();

    new IsoVerifier(EventListener.NONE).verify(fixture.iso(), ours, c.expected());
    // xorriso gives the folders it creates on the way the current time; ours get the change's
    List<String> expected =
        lsdl(theirs).stream()
            .map(
                l ->
                    l.contains("'/new dir")
                        ? l.replaceFirst("\\w{3} [ \\d]\\d [ \\d][\\d:]{4} '", "Jun  1  2025 '")
                        : l)
            .toList();
    assertThat(lsdl(ours)).isEqualTo(expected);
    assertThat(joliet(ours)).isEqualTo(joliet(theirs));
    assertThat(elTorito(ours)).isEqualTo(elTorito(fixture.iso()));
    try (IsoImage in = IsoImage.open(fixture.iso());
        IsoImage out = IsoImage.open(ours)) {
      assertThat(out.volumeId()).isEqualTo("PVE");
      assertThat(out.volumeDateUuid()).isEqualTo(fixture.volumeDateUuid());
      assertThat(out.bootLayout()).isEqualTo(in.bootLayout());
      for (int i = 0; i < in.bootImages().size(); i++) {
        assertThat(out.bootImageBytes(out.bootImages().get(i)))
            .isEqualTo(in.bootImageBytes(in.bootImages().get(i)));
      }
      assertThat(bootImages(out)).isEqualTo(bootImages(in));
      assertThat(text(out, "/a*b?c[d] ü-ñ;1.txt")).isEqualTo("special\n");
    }
    Path extracted = tmp.resolve("extracted.txt");
    Xorriso.run(
        "-osirrox",
        "on",
        "-indev",
        ours.toString(),
        "-extract",
        "/new dir/sub/file.txt",
        extracted.toString());
    assertThat(Files.readString(extracted)).isEqualTo("in a new folder\n");
  }

  private static List<String> lsdl(Path iso) {
    String out = Xorriso.run("-indev", iso.toString(), "-find", "/", "-exec", "lsdl", "--");
    return Arrays.stream(out.split("\n")).filter(l -> !l.isBlank()).sorted().toList();
  }

  /** The Joliet tree's names as xorriso reads them with Rock Ridge off (empty without Joliet). */
  private static List<String> joliet(Path iso) {
    String out =
        Xorriso.run(
            "-rockridge", "off", "-joliet", "on", "-indev", iso.toString(), "-find", "/", "--");
    return Arrays.stream(out.split("\n")).filter(l -> !l.isBlank()).sorted().toList();
  }

  private static String elTorito(Path iso) {
    return Xorriso.run("-indev", iso.toString(), "-report_el_torito", "plain");
  }

  @Test
  void sameInputGivesSameBytesAndGrowsAgain() throws IOException {
    Case c = everyKind();
    Path first = grow(Fixture.MKRESCUE, c.changes(), "first.iso");
    Path second = grow(Fixture.MKRESCUE, c.changes(), "second.iso");
    assertThat(sha256(second)).isEqualTo(sha256(first));
    Path more = Files.writeString(tmp.resolve("more.txt"), "second write\n");
    WriteResult again =
        writer.write(
            first,
            layoutOf(first),
            List.of(new IsoChange.AddFile("/new dir/more.txt", more, 0644, TIME)),
            tmp.resolve("again.iso"));
    try (IsoImage out = IsoImage.open(again.output())) {
      assertThat(text(out, "/new dir/more.txt")).isEqualTo("second write\n");
      assertThat(text(out, "/new dir/sub/file.txt")).isEqualTo("in a new folder\n");
      assertThat(out.volumeDateUuid()).isEqualTo(Fixture.MKRESCUE.volumeDateUuid());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Fixture.class,
      names = {"MKRESCUE", "ARM64"})
  void writesInOrderTheBytesOfGrowingACopyInPlace(Fixture fixture) throws IOException {
    Case c = everyKind();
    Path source = fixture.iso();
    Path ours = grow(fixture, c.changes(), "ours.iso");
    // the writer's steps one after another on the output file, as it wrote before
    Path inPlace = tmp.resolve("in-place.iso");
    SystemArea area;
    GrowPlan plan;
    try (IsoImage image = IsoImage.open(source)) {
      plan = GrowPlan.of(image, c.changes(), SourceListing.of(image));
      area = SystemArea.read(image.channel());
    }
    WriteSteps.copy(EventListener.NONE, source, inPlace);
    GrowingIsoWriter.append(plan, inPlace);
    WriteSteps.fitSystemArea(EventListener.NONE, inPlace, area);
    assertThat(ours).hasSameBinaryContentAs(inPlace);
  }

  @Test
  void tellsHowFarTheOutputIsFinalFromItsFirstByte() throws IOException {
    Case c = everyKind();
    Path source = Fixture.MKRESCUE.iso();
    Path target = tmp.resolve("followed.iso");
    List<Long> reports = new ArrayList<>();
    MessageDigest sha = Sha256Digest.newMessageDigest();
    WriteProgress follower =
        bytes -> {
          long from = reports.isEmpty() ? 0 : reports.get(reports.size() - 1);
          reports.add(bytes);
          try (FileChannel in = FileChannel.open(target)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) (bytes - from));
            while (buffer.hasRemaining() && in.read(buffer, from + buffer.position()) > 0) {
              // read what is final, as a hash following the writer does
            }
            sha.update(buffer.array(), 0, buffer.position());
          } catch (IOException e) {
            throw new AssertionError(e);
          }
        };
    WriteResult result =
        new GrowingIsoWriter(EventListener.NONE, follower)
            .write(source, layoutOf(source), c.changes(), target);
    // the system area, fitted last, is written first: the bulk copy follows it in order
    assertThat(reports).isSorted().first().matches(first -> first > 0 && first <= 32 * 1024);
    assertThat(reports.get(reports.size() - 1)).isEqualTo(result.size());
    assertThat(Sha256Digest.of(sha)).isEqualTo(Sha256Digest.ofFile(target));
  }

  @Test
  void theLayoutWriterGrowsInJavaWhereSafeAndFollowsTheSetting() {
    LayoutIsoWriter auto = new LayoutIsoWriter(LayoutIsoWriter.Choice.of("auto"), writer, xorriso);
    LayoutIsoWriter forced =
        new LayoutIsoWriter(LayoutIsoWriter.Choice.of("XORRISO"), writer, xorriso);
    for (Fixture f : List.of(Fixture.MKRESCUE, Fixture.ARM64)) {
      assertThat(auto.writerFor(f.iso(), layoutOf(f.iso()))).isSameAs(writer);
      assertThat(forced.writerFor(f.iso(), layoutOf(f.iso()))).isSameAs(xorriso);
    }
    Path appended = Fixture.APPENDED.iso();
    assertThat(auto.writerFor(appended, layoutOf(appended))).isSameAs(xorriso);
    assertThat(
            auto.write(appended, layoutOf(appended), List.of(), tmp.resolve("replay.iso"))
                .strategy())
        .isEqualTo(WriteStrategy.REPLAY);
    assertThatThrownBy(() -> LayoutIsoWriter.Choice.of("mkisofs"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("iso_writer 'mkisofs' is not valid; expected auto or xorriso");
  }

  @Test
  void deepFoldersGrowLikeXorrisoButRelocatedOnesAreRefused() throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src/d1/d2/d3/d4/d5/d6/d7/d8/d9"));
    Files.writeString(src.resolve("f.txt"), "deep\n");
    Path file = Files.writeString(tmp.resolve("new.txt"), "new\n");
    String deep = "/d1/d2/d3/d4/d5/d6/d7/d8/d9";
    List<IsoChange> changes =
        List.of(new IsoChange.AddFile(deep + "/d10/d11/new.txt", file, 0644, TIME));
    Path plain = Xorriso.mkisofs(tmp.resolve("deep.iso"), tmp.resolve("src"), "-R", "-J");
    Path grown = writer.write(plain, layoutOf(plain), changes, tmp.resolve("g.iso")).output();
    Path theirs = xorriso.write(plain, layoutOf(plain), changes, tmp.resolve("x.iso")).output();
    assertThat(paths(grown)).isEqualTo(paths(theirs)).contains("'" + deep + "/d10/d11/new.txt'");
    assertThat(joliet(grown)).isEqualTo(joliet(theirs));

    Path relocated = tmp.resolve("reloc.iso");
    Xorriso.run(
        "-outdev",
        relocated.toString(),
        "-compliance",
        "deep_paths_off",
        "-map",
        tmp.resolve("src").toString(),
        "/");
    assertThatThrownBy(
            () ->
                writer.write(
                    relocated,
                    layoutOf(relocated),
                    List.of(new IsoChange.AddFile(deep + "/new.txt", file, 0644, TIME)),
                    tmp.resolve("r.iso")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "cannot change /d1/d2/d3/d4/d5/d6/d7/d8: it is a Rock Ridge relocated folder, which"
                + " the Java writer does not rewrite; set iso_writer: xorriso");
    assertThat(tmp.resolve("r.iso")).doesNotExist();
  }

  private static List<String> paths(Path iso) {
    return lsdl(iso).stream().map(l -> l.replaceAll("^[^']*'", "'")).sorted().toList();
  }

  @Test
  void refusesBadInputInOneLine() throws IOException {
    Path file = Files.writeString(tmp.resolve("f.txt"), "x\n");
    Path iso = Fixture.MKRESCUE.iso();
    assertThatThrownBy(
            () ->
                grow(
                    Fixture.MKRESCUE, List.of(new IsoChange.RemoveFile("/nothing.txt")), "bad.iso"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("cannot remove /nothing.txt: no such file on " + iso + "; nothing to remove");
    assertThat(tmp.resolve("bad.iso")).doesNotExist();
    assertThatThrownBy(
            () ->
                grow(
                    Fixture.MKRESCUE,
                    List.of(
                        new IsoChange.AddFile("/same.txt", file, 0644, TIME),
                        new IsoChange.AddTree("/same.txt", tmp, 0644, 0755, TIME)),
                    "bad.iso"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "cannot add tree /same.txt: another change already writes /same.txt; give each ISO"
                + " path one change");
    Path missing = tmp.resolve("missing.txt");
    Path out = Files.createDirectories(tmp.resolve("out"));
    IsoWriteStep step = new IsoWriteStep(writer, EventListener.NONE);
    assertThatThrownBy(
            () ->
                step.call(
                    iso,
                    layoutOf(iso),
                    List.of(new IsoChange.AddFile("/x.txt", missing, 0644, TIME)),
                    out.resolve("out.iso")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "cannot add /x.txt: local source " + missing + " is not a file; check the path");
    try (var left = Files.list(out)) {
      assertThat(left).isEmpty();
    }
    assertThatThrownBy(
            () ->
                writer.write(
                    Fixture.APPENDED.iso(),
                    layoutOf(Fixture.APPENDED.iso()),
                    List.of(),
                    tmp.resolve("bad.iso")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            Fixture.APPENDED.iso()
                + " cannot be grown (an EFI partition or other data follows its file system);"
                + " write it with xorriso's replay (iso_writer: auto picks it)");
    assertThatThrownBy(() -> writer.write(iso, layoutOf(iso), List.of(), iso))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("cannot write " + iso + " over its own source; choose another output path");
    assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).isEqualTo("x\n");
  }
}
