package io.github.pveiso.iso.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.BootImage;
import io.github.pveiso.iso.BootLayout;
import io.github.pveiso.iso.IsoEntry;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.Xorriso;
import io.github.pveiso.iso.boot.Platform;
import io.github.pveiso.iso.verify.ExpectedContent;
import io.github.pveiso.iso.verify.IsoVerifier;
import io.github.pveiso.proc.SystemProcessRunner;
import io.github.pveiso.testing.Fixtures.Fixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class XorrisoIsoWriterTest {

  static final Instant TIME = Instant.parse("2025-06-01T12:00:00Z");
  static final String ADDED = "added by pveiso\n";
  static final String REPLACED = "fixture replaced by pveiso\n";

  @TempDir Path tmp;

  private final XorrisoIsoWriter writer =
      new XorrisoIsoWriter(new SystemProcessRunner(), EventListener.NONE);

  static BootLayout layoutOf(Path iso) {
    try (IsoImage image = IsoImage.open(iso)) {
      return image.bootLayout();
    }
  }

  /** The two changes the boot tests use too: add /pveiso-added.txt, replace the fixture file. */
  static List<IsoChange> standardChanges(Path dir) throws IOException {
    Path added = Files.writeString(dir.resolve("added.txt"), ADDED);
    Path replaced = Files.writeString(dir.resolve("replaced.txt"), REPLACED);
    return List.of(
        new IsoChange.AddFile("/pveiso-added.txt", added, 0644, TIME),
        new IsoChange.ReplaceFile("/pveiso-fixture.txt", replaced, 0444, TIME));
  }

  private WriteResult write(Fixture fixture, List<IsoChange> changes, String name) {
    Path source = fixture.iso();
    return writer.write(source, layoutOf(source), changes, tmp.resolve(name));
  }

  @ParameterizedTest
  @EnumSource(Fixture.class)
  void keepsIdentityAndBootImagesAndAppliesTheChanges(Fixture fixture) throws IOException {
    WriteResult result = write(fixture, standardChanges(tmp), "out.iso");

    assertThat(result.strategy())
        .isEqualTo(fixture == Fixture.APPENDED ? WriteStrategy.REPLAY : WriteStrategy.GROW_COPY);
    try (IsoImage in = IsoImage.open(fixture.iso());
        IsoImage out = IsoImage.open(result.output())) {
      // the replayed appended partition still lies after every file: the reader sees it appended
      assertThat(out.bootLayout()).isEqualTo(in.bootLayout());
      assertThat(out.volumeId()).isEqualTo("PVE");
      assertThat(out.volumeDateUuid()).isEqualTo(fixture.volumeDateUuid());
      assertThat(bootImages(out)).isEqualTo(bootImages(in));
      assertThat(text(out, "/pveiso-added.txt")).isEqualTo(ADDED);
      assertThat(text(out, "/pveiso-fixture.txt")).isEqualTo(REPLACED);
      IsoEntry added = out.find("/pveiso-added.txt").orElseThrow();
      assertThat(added.mode() & 07777).isEqualTo(0644);
      assertThat(added.modified()).contains(TIME);
      assertThat(out.find("/pveiso-fixture.txt").orElseThrow().mode() & 07777).isEqualTo(0444);
      Map<String, String> before = digests(in);
      before.remove("/pveiso-fixture.txt");
      Map<String, String> after = digests(out);
      after.remove("/pveiso-fixture.txt");
      after.remove("/pveiso-added.txt");
      // boot images are compared above, modulo the block addresses xorriso patches into them
      for (BootImage boot : in.bootImages()) {
        boot.path()
            .ifPresent(
                p -> {
                  before.remove(p);
                  after.remove(p);
                });
      }
      assertThat(after).isEqualTo(before);
    }
  }

  @ParameterizedTest
  @EnumSource(Fixture.class)
  void removesAFileAndTheVerifierAcceptsOnlyThat(Fixture fixture) throws IOException {
    Path added = Files.writeString(tmp.resolve("added.txt"), ADDED);
    List<IsoChange> changes =
        List.of(
            new IsoChange.RemoveFile("/EULA"),
            new IsoChange.AddFile("/pveiso-added.txt", added, 0644, TIME));
    WriteResult result = write(fixture, changes, "removed.iso");
    try (IsoImage out = IsoImage.open(result.output())) {
      assertThat(out.find("/EULA")).isEmpty();
      assertThat(text(out, "/pveiso-added.txt")).isEqualTo(ADDED);
    }
    Map<String, ExpectedContent> expected = new TreeMap<>();
    expected.put("/EULA", new ExpectedContent.Absent());
    expected.put("/pveiso-added.txt", new ExpectedContent.Digest(sha256(added)));
    io.github.pveiso.iso.verify.VerificationReport report =
        new IsoVerifier(EventListener.NONE).compare(fixture.iso(), result.output(), expected);
    assertThat(report.passed()).isTrue();
    assertThat(report.checks())
        .anySatisfy(
            c ->
                assertThat(c.detail())
                    .isEqualTo("1 added or replaced files with the expected SHA-256, 1 removed"));
    // a removal the writer did not make is caught
    Map<String, ExpectedContent> wrong = new TreeMap<>(expected);
    wrong.put("/pveiso-fixture.txt", new ExpectedContent.Absent());
    assertThat(
            new IsoVerifier(EventListener.NONE)
                .compare(fixture.iso(), result.output(), wrong)
                .checks())
        .anySatisfy(
            c ->
                assertThat(c.detail())
                    .isEqualTo("/pveiso-fixture.txt should have been removed but is still there"));
  }

  @ParameterizedTest
  @EnumSource(Fixture.class)
  void foldersCreatedOnTheWayGetTheChangesTimeNotTheClocks(Fixture fixture) throws IOException {
    Path added = Files.writeString(tmp.resolve("deep.txt"), ADDED);
    WriteResult result =
        writer.write(
            fixture.iso(),
            layoutOf(fixture.iso()),
            List.of(new IsoChange.AddFile("/new/deep/file.txt", added, 0644, TIME)),
            tmp.resolve("deep.iso"));
    try (IsoImage out = IsoImage.open(result.output())) {
      for (String dir : List.of("/new", "/new/deep")) {
        IsoEntry e = out.find(dir).orElseThrow();
        assertThat(e.modified()).as(dir).contains(TIME);
        assertThat(e.mode() & 07777).as(dir).isEqualTo(0755);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Fixture.class,
      names = {"APPENDED", "MKRESCUE"})
  void sameSourceAndChangesGiveTheSameBytes(Fixture fixture) throws IOException {
    List<IsoChange> changes = standardChanges(tmp);
    WriteResult first = write(fixture, changes, "first.iso");
    Files.setLastModifiedTime(
        ((IsoChange.Content) changes.get(0)).source(),
        java.nio.file.attribute.FileTime.from(Instant.now()));
    WriteResult second = write(fixture, changes, "second.iso");
    assertThat(sha256(second.output())).isEqualTo(sha256(first.output()));
  }

  @ParameterizedTest
  @EnumSource(
      value = Fixture.class,
      names = {"MKRESCUE", "ARM64"})
  void aGrownOutputFitsItsSizeAndGrowsAgainTheSameWay(Fixture fixture) throws IOException {
    WriteResult first = write(fixture, standardChanges(tmp), "first.iso");
    Path more = Files.writeString(tmp.resolve("second.txt"), "second\n");
    WriteResult second =
        writer.write(
            first.output(),
            layoutOf(first.output()),
            List.of(new IsoChange.AddFile("/pveiso-second.txt", more, 0644, TIME)),
            tmp.resolve("second.iso"));

    assertThat(List.of(first.strategy(), second.strategy()))
        .containsExactly(WriteStrategy.GROW_COPY, WriteStrategy.GROW_COPY);
    String summary = summaryOf(fixture.iso());
    for (WriteResult result : List.of(first, second)) {
      Path iso = result.output();
      long size = Files.size(iso);
      assertThat(size % 2048).isZero();
      assertThat(SourceListing.read(iso).bytesAfterVolume()).isZero();
      String report = Xorriso.run("-indev", iso.toString(), "-report_system_area", "plain");
      assertThat(report).doesNotContain("roblem");
      assertThat(report.lines()).contains(summary, "ISO image size/512 : " + size / 512);
      try (IsoImage out = IsoImage.open(iso)) {
        assertThat(out.volumeBytes()).isEqualTo(size);
        assertThat(out.gpt().orElseThrow().primary().backupLba()).isEqualTo(size / 512 - 1);
      }
    }
    Map<String, ExpectedContent> changes =
        Map.of(
            "/pveiso-added.txt", new ExpectedContent.Digest(sha256(ADDED)),
            "/pveiso-fixture.txt", new ExpectedContent.Digest(sha256(REPLACED)),
            "/pveiso-second.txt", new ExpectedContent.Digest(sha256("second\n")));
    new IsoVerifier(EventListener.NONE).verify(fixture.iso(), second.output(), changes);
  }

  static String summaryOf(Path iso) {
    return Xorriso.run("-indev", iso.toString(), "-report_system_area", "plain")
        .lines()
        .filter(l -> l.startsWith("System area summary:"))
        .findFirst()
        .orElseThrow();
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void namesThatXorrisoTreatsSpeciallyAreWrittenLiterally() throws IOException {
    Path file = Files.writeString(tmp.resolve("f.txt"), "x\n");
    Path tree = Files.createDirectories(tmp.resolve("tree"));
    Files.createDirectories(tree.resolve("sub [1]"));
    Files.writeString(tree.resolve("sub [1]/*.deb"), "star\n");
    List<String> names =
        List.of(
            "/a*b?c[d].txt",
            "/-leading-dash",
            "/sp ace's \"quoted\".txt",
            "/new dir/$HOME\\x",
            "/--",
            "/proxmox/packages/ü-ñ.deb");
    List<IsoChange> changes = new java.util.ArrayList<>();
    for (String name : names) {
      changes.add(new IsoChange.AddFile(name, file, 0644, TIME));
    }
    changes.add(new IsoChange.AddTree("/-tree *", tree, 0644, 0755, TIME));
    WriteResult result = write(Fixture.MKRESCUE, changes, "names.iso");
    try (IsoImage out = IsoImage.open(result.output())) {
      for (String name : names) {
        assertThat(text(out, name)).as(name).isEqualTo("x\n");
      }
      assertThat(text(out, "/-tree */sub [1]/*.deb")).isEqualTo("star\n");
      IsoEntry dir = out.find("/-tree */sub [1]").orElseThrow();
      assertThat(dir.mode() & 07777).isEqualTo(0755);
      assertThat(dir.modified()).contains(TIME);
      IsoEntry newDir = out.find("/new dir").orElseThrow();
      assertThat(newDir.mode() & 07777).isEqualTo(0755);
      // nothing else appeared: no file named after a pattern's expansion
      assertThat(out.find("/a")).isEmpty();
    }
  }

  @Test
  void refusesChangesThatCannotBeWrittenOrBreakIdentity() throws IOException {
    Path file = Files.writeString(tmp.resolve("f.txt"), "x\n");
    Path iso = Fixture.MKRESCUE.iso();
    assertRefused(
        new IsoChange.AddFile("/EULA", file, 0644, TIME),
        "cannot add /EULA: it already exists on " + iso + "; use a replace change instead");
    assertRefused(
        new IsoChange.ReplaceFile("/nothing.txt", file, 0644, TIME),
        "cannot replace /nothing.txt: no such file on "
            + iso
            + "; use an add change for new files");
    assertRefused(
        new IsoChange.RemoveFile("/nothing.txt"),
        "cannot remove /nothing.txt: no such file on " + iso + "; nothing to remove");
    assertRefused(
        new IsoChange.RemoveFile("/efi.img"),
        "cannot remove /efi.img: it is an El Torito boot image or catalog of "
            + iso
            + " and must stay byte for byte; leave it out of the changes");
    assertRefused(
        new IsoChange.ReplaceFile("/efi.img", file, 0644, TIME),
        "cannot replace /efi.img: it is an El Torito boot image or catalog of "
            + iso
            + " and must stay byte for byte; leave it out of the changes");
    assertRefused(
        new IsoChange.ReplaceFile("/boot/grub/i386-pc/eltorito.img", file, 0644, TIME),
        "cannot replace /boot/grub/i386-pc/eltorito.img: it is an El Torito boot image or catalog"
            + " of "
            + iso
            + " and must stay byte for byte; leave it out of the changes");
    assertRefused(
        new IsoChange.ReplaceFile("/.pve-cd-id.txt", file, 0644, TIME),
        "cannot replace /.pve-cd-id.txt: the installer identifies its medium by it, so it must"
            + " not change; leave it out of the changes");
    assertRefused(
        new IsoChange.AddFile("relative.txt", file, 0644, TIME),
        "ISO path 'relative.txt' is not an absolute file path; write it like"
            + " /proxmox/packages/foo.deb");
    assertRefused(
        new IsoChange.AddFile("/a/../b", file, 0644, TIME),
        "ISO path '/a/../b' has an empty, '.' or '..' component; write it without them");
    assertRefused(
        new IsoChange.AddFile("/line\nbreak", file, 0644, TIME),
        "ISO path '/line?break' contains a control character (code 10); use printable characters"
            + " only");
    assertRefused(
        new IsoChange.AddFile("/EULA/inside", file, 0644, TIME),
        "cannot add /EULA/inside: /EULA is a file on " + iso);
    assertRefused(
        new IsoChange.AddFile("/x.txt", tmp.resolve("missing"), 0644, TIME),
        "cannot add /x.txt: local source "
            + tmp.resolve("missing")
            + " is not a file; check the path");
    assertRefused(
        new IsoChange.AddFile("/x.txt", file, 010000, TIME),
        "cannot add /x.txt: mode 10000 is not a permission mode; use an octal value from 0 to 7777");
    assertRefused(
        new IsoChange.AddFile("/", file, 0644, TIME),
        "ISO path '/' is not an absolute file path; write it like /proxmox/packages/foo.deb");
    assertRefused(
        new IsoChange.AddFile("/dir/", file, 0644, TIME),
        "ISO path '/dir/' is not an absolute file path; write it like /proxmox/packages/foo.deb");
    assertRefused(
        new IsoChange.AddFile("/a//b", file, 0644, TIME),
        "ISO path '/a//b' has an empty, '.' or '..' component; write it without them");
    assertRefused(
        new IsoChange.AddFile("/./b", file, 0644, TIME),
        "ISO path '/./b' has an empty, '.' or '..' component; write it without them");
    assertRefused(
        new IsoChange.AddFile("/" + "n".repeat(256), file, 0644, TIME),
        "ISO path '/" + "n".repeat(256) + "' has a name longer than 255 bytes; shorten it");
    assertRefused(
        new IsoChange.AddFile("/del\u007f", file, 0644, TIME),
        "ISO path '/del?' contains a control character (code 127); use printable characters only");
    assertRefused(
        new IsoChange.AddFile("/x.txt", file, -1, TIME),
        "cannot add /x.txt: mode 37777777777 is not a permission mode; use an octal value from 0"
            + " to 7777");
    assertRefused(
        new IsoChange.AddTree("/t", file, 0644, 0755, TIME),
        "cannot add tree /t: local source " + file + " is not a folder; check the path");
    assertRefused(
        new IsoChange.AddTree("/t", tmp, 0644, 017777, TIME),
        "cannot add tree /t: mode 17777 is not a permission mode; use an octal value from 0 to"
            + " 7777");
    assertRefused(
        new IsoChange.AddTree("/proxmox", tmp, 0644, 0755, TIME),
        "cannot add tree /proxmox: it already exists on " + iso + "; choose a new path");
    assertRefused(
        new IsoChange.AddFile("/boot", file, 0644, TIME),
        "cannot add /boot: it already exists on " + iso + "; choose a new path");
    assertThatThrownBy(
            () ->
                write(
                    Fixture.MKRESCUE,
                    List.of(
                        new IsoChange.AddTree("/d", tmp, 0644, 0755, TIME),
                        new IsoChange.AddFile("/d/x", file, 0644, TIME)),
                    "dup.iso"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "cannot add /d/x: another change already writes /d; give each ISO path one change");
    assertThatThrownBy(
            () ->
                write(
                    Fixture.MKRESCUE,
                    List.of(
                        new IsoChange.AddFile("/same", file, 0644, TIME),
                        new IsoChange.ReplaceFile("/same", file, 0644, TIME)),
                    "dup.iso"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "cannot replace /same: another change already writes /same; give each ISO path one"
                + " change");
    assertThatThrownBy(
            () ->
                write(
                    Fixture.MKRESCUE,
                    List.of(
                        new IsoChange.AddFile("/d/x", file, 0644, TIME),
                        new IsoChange.AddTree("/d", tmp, 0644, 0755, TIME)),
                    "dup.iso"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "cannot add tree /d: another change already writes /d/x; give each ISO path one"
                + " change");
    assertThat(tmp.resolve("refused.iso")).doesNotExist();
  }

  @Test
  void refusesToWriteOverItsSource() {
    Path iso = Fixture.ARM64.iso();
    assertThatThrownBy(() -> writer.write(iso, layoutOf(iso), List.of(), iso))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("cannot write " + iso + " over its own source; choose another output path");
  }

  @Test
  void aWrittenIsoCanBeWrittenAgainByGrowing() throws IOException {
    WriteResult first = write(Fixture.MKRESCUE, standardChanges(tmp), "first.iso");
    Path more = Files.writeString(tmp.resolve("more.txt"), "second write\n");
    WriteResult second =
        writer.write(
            first.output(),
            layoutOf(first.output()),
            List.of(new IsoChange.AddFile("/second.txt", more, 0644, TIME)),
            tmp.resolve("second.iso"));
    assertThat(second.strategy()).isEqualTo(WriteStrategy.GROW_COPY);
    try (IsoImage in = IsoImage.open(Fixture.MKRESCUE.iso());
        IsoImage out = IsoImage.open(second.output())) {
      assertThat(out.bootLayout()).isEqualTo(in.bootLayout());
      assertThat(bootImages(out)).isEqualTo(bootImages(in));
      assertThat(text(out, "/second.txt")).isEqualTo("second write\n");
      assertThat(text(out, "/pveiso-added.txt")).isEqualTo(ADDED);
    }
  }

  @Test
  void dataAfterTheVolumeIsReplayedNotOverwritten() throws IOException {
    Path tailed = tmp.resolve("tailed.iso");
    Files.copy(Fixture.ARM64.iso(), tailed);
    Files.write(tailed, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
    WriteResult result =
        writer.write(tailed, layoutOf(tailed), standardChanges(tmp), tmp.resolve("out.iso"));
    assertThat(result.strategy()).isEqualTo(WriteStrategy.REPLAY);
    try (IsoImage in = IsoImage.open(Fixture.ARM64.iso());
        IsoImage out = IsoImage.open(result.output())) {
      assertThat(out.bootLayout()).isEqualTo(in.bootLayout());
      assertThat(bootImages(out)).isEqualTo(bootImages(in));
    }
  }

  @Test
  void dataAfterTheVolumeNextToHfsPlusIsRefused() throws IOException {
    Path tailed = tmp.resolve("tailed.iso");
    Files.copy(Fixture.MKRESCUE.iso(), tailed);
    Files.write(tailed, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
    assertThatThrownBy(
            () -> writer.write(tailed, layoutOf(tailed), List.of(), tmp.resolve("out.iso")))
        .isInstanceOf(io.github.pveiso.VerificationException.class)
        .hasMessage(
            tailed
                + ": the ISO has 3 bytes after its file system and an HFS+ partition: growing"
                + " would overwrite those bytes and xorriso cannot replay HFS+ layouts; this"
                + " layout is not supported, please report it");
  }

  @Test
  void aVolumeDateThatIsNotAUuidIsRefused() {
    assertThatThrownBy(() -> XorrisoArguments.volumeDateDigits("2025-01-01"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "volume-date UUID '2025-01-01' is not of the form YYYY-MM-DD-hh-mm-ss-cc; the reader"
                + " should have found it in the primary volume descriptor");
    assertThat(XorrisoArguments.volumeDateEpoch("2025-02-03-04-05-06-00")).isEqualTo(1738555506L);
  }

  @Test
  void errorLinesKeepXorrisosProblemsAndDropItsAbortNotes() {
    io.github.pveiso.proc.ProcessRunner.Result result =
        new io.github.pveiso.proc.ProcessRunner.Result(
            5,
            "",
            "xorriso 1.5.4 : RockRidge filesystem manipulator\n"
                + "libburn : SORRY : Neither stdio-path nor its directory exist\n"
                + "xorriso : FAILURE : Cannot acquire drive '/x'\n"
                + "xorriso : FAILURE : -abort_on 'FAILURE' encountered 'FAILURE' during image"
                + " writing\n"
                + "xorriso : aborting : -abort_on 'FAILURE' encountered 'FAILURE'\n"
                + "xorriso : NOTE : -return_with SORRY 32 triggered by problem severity FAILURE\n",
            false,
            false,
            java.time.Duration.ofSeconds(1));
    assertThat(XorrisoIsoWriter.withErrorsOnly(result).stderr())
        .isEqualTo(
            "libburn : SORRY : Neither stdio-path nor its directory exist\n"
                + "xorriso : FAILURE : Cannot acquire drive '/x'");
    io.github.pveiso.proc.ProcessRunner.Result quiet =
        new io.github.pveiso.proc.ProcessRunner.Result(
            -1, "", "killed\n", true, false, java.time.Duration.ofSeconds(1));
    assertThat(XorrisoIsoWriter.withErrorsOnly(quiet).stderr()).isEqualTo("killed\n");
  }

  @Test
  void theShortcutMakesAWorldReadableFile() {
    assertThat(IsoChange.addFile("/a", Path.of("/b"), TIME))
        .isEqualTo(new IsoChange.AddFile("/a", Path.of("/b"), 0644, TIME));
  }

  private void assertRefused(IsoChange change, String message) {
    assertThatThrownBy(() -> write(Fixture.MKRESCUE, List.of(change), "refused.iso"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(message);
  }

  /**
   * Each boot image's bytes by platform, with the boot info table (bytes 8..63) and GRUB's boot
   * info (bytes 2548..2555) of no-emulation BIOS images zeroed: xorriso patches the image's own
   * block address into them when it places the image.
   */
  static Map<String, String> bootImages(IsoImage iso) {
    Map<String, String> out = new TreeMap<>();
    for (BootImage boot : iso.bootImages()) {
      byte[] bytes = iso.bootImageBytes(boot);
      if (boot.platform() == Platform.BIOS) {
        Arrays.fill(bytes, 8, 64, (byte) 0);
        Arrays.fill(bytes, 2548, 2556, (byte) 0);
      }
      out.put(boot.index() + " " + boot.platform(), HexFormat.of().formatHex(sha(bytes)));
    }
    return out;
  }

  /** SHA-256 of every file but the boot catalog (it holds block addresses that move). */
  static Map<String, String> digests(IsoImage iso) {
    long catalog = iso.elToritoRecord().map(r -> r.catalogLba()).orElse(-1L);
    Map<String, String> out = new TreeMap<>();
    for (IsoEntry entry : iso.entries()) {
      if (entry.isFile() && entry.firstLba() != catalog) {
        out.put(entry.path(), iso.sha256(entry));
      }
    }
    return out;
  }

  static String text(IsoImage iso, String path) {
    return new String(
        iso.readAllBytes(iso.find(path).orElseThrow(() -> new AssertionError("missing " + path))),
        StandardCharsets.UTF_8);
  }

  static String sha256(Path file) throws IOException {
    return HexFormat.of().formatHex(sha(Files.readAllBytes(file)));
  }

  private static byte[] sha(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
