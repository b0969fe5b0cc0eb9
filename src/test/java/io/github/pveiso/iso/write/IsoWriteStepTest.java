package io.github.pveiso.iso.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.VerificationException;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.BootLayout;
import io.github.pveiso.iso.verify.ExpectedContent;
import io.github.pveiso.proc.ProcessFailedException;
import io.github.pveiso.proc.SystemProcessRunner;
import io.github.pveiso.testing.Fixtures.Fixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsoWriteStepTest {

  @TempDir Path tmp;

  private final XorrisoIsoWriter writer =
      new XorrisoIsoWriter(new SystemProcessRunner(), EventListener.NONE);
  private final IsoWriteStep step = new IsoWriteStep(writer, EventListener.NONE);

  /** Writes, runs {@code verification} on the temporary file, then publishes it. */
  private WriteResult call(
      Path source,
      BootLayout layout,
      List<IsoChange> changes,
      Path out,
      java.util.function.Consumer<Path> verification) {
    try (PendingIso pending = step.call(source, layout, changes, out)) {
      verification.accept(pending.temp());
      return pending.publish();
    }
  }

  private static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void verifiesTheTemporaryFileThenMovesItIntoPlace() throws IOException {
    Path source = Fixture.ARM64.iso();
    Path out = tmp.resolve("out").resolve("custom.iso");
    List<Path> verified = new ArrayList<>();
    WriteResult result =
        call(
            source,
            XorrisoIsoWriterTest.layoutOf(source),
            XorrisoIsoWriterTest.standardChanges(tmp),
            out,
            written -> {
              assertThat(written.getParent()).isEqualTo(tmp.resolve("out"));
              assertThat(written.getFileName().toString()).startsWith(".custom.iso.");
              assertThat(written.getFileName().toString()).endsWith(".partial");
              assertThat(out).doesNotExist();
              verified.add(written);
            });
    assertThat(result.output()).isEqualTo(out);
    assertThat(result.size()).isEqualTo(Files.size(out));
    assertThat(verified).hasSize(1);
    assertThat(listing(tmp.resolve("out"))).containsExactly("custom.iso");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void aFailedVerificationLeavesNothingAtTheOutputPath() throws IOException {
    Path source = Fixture.MKRESCUE.iso();
    Path out = tmp.resolve("out").resolve("custom.iso");
    assertThatThrownBy(
            () ->
                call(
                    source,
                    XorrisoIsoWriterTest.layoutOf(source),
                    XorrisoIsoWriterTest.standardChanges(tmp),
                    out,
                    written -> {
                      throw new VerificationException("custom.iso: volume date changed");
                    }))
        .isInstanceOf(VerificationException.class)
        .hasMessage("custom.iso: volume date changed");
    assertThat(listing(tmp.resolve("out"))).isEmpty();
  }

  @Test
  void aFailedWriteKeepsWhatWasThereAndLeavesNoTemporaryFile() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("out")).resolve("custom.iso");
    Files.writeString(out, "previous build\n");
    Path notAnIso = Files.writeString(tmp.resolve("not-an.iso"), "x".repeat(70_000));
    BootLayout layout = XorrisoIsoWriterTest.layoutOf(Fixture.MKRESCUE.iso());
    assertThatThrownBy(() -> call(notAnIso, layout, List.of(), out, written -> {}))
        .isInstanceOf(VerificationException.class)
        .hasMessage(
            notAnIso
                + " is not an ISO 9660 image: no volume descriptor 'CD001' at byte 32768; pass an"
                + " ISO file");
    assertThat(listing(tmp.resolve("out"))).containsExactly("custom.iso");
    assertThat(Files.readString(out)).isEqualTo("previous build\n");
  }

  @Test
  void xorrisosOwnErrorLineEndsTheMessage() {
    Path source = Fixture.APPENDED.iso();
    Path target = tmp.resolve("no-such-folder").resolve("out.iso");
    assertThatThrownBy(
            () -> writer.write(source, XorrisoIsoWriterTest.layoutOf(source), List.of(), target))
        .isInstanceOf(ProcessFailedException.class)
        .hasMessage(
            "xorriso exited with 5: xorriso : FAILURE : Cannot acquire drive '" + target + "'");
  }

  @Test
  void anOutputFolderThatIsAFileIsReported() throws IOException {
    Path file = Files.writeString(tmp.resolve("file"), "x");
    Path source = Fixture.ARM64.iso();
    assertThatThrownBy(
            () ->
                call(
                    source,
                    XorrisoIsoWriterTest.layoutOf(source),
                    List.of(),
                    file.resolve("custom.iso"),
                    written -> {}))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessage("cannot create a temporary file in " + file + ": " + file);
  }

  @Test
  void aFailedMoveLeavesNoTemporaryFile() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("out").resolve("custom.iso"));
    Files.writeString(out.resolve("inside"), "x");
    Path source = Fixture.ARM64.iso();
    assertThatThrownBy(
            () ->
                call(source, XorrisoIsoWriterTest.layoutOf(source), List.of(), out, written -> {}))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageMatching(
            "cannot move (\\S+/\\.custom\\.iso\\.\\d+\\.partial) to "
                + Pattern.quote(out.toString())
                + ": \\1 -> "
                + Pattern.quote(out.toString())
                + ": Is a directory");
    assertThat(listing(tmp.resolve("out"))).containsExactly("custom.iso");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(Fixture.class)
  void theReadersVerifierAcceptsEveryWrittenFixture(Fixture fixture) throws IOException {
    List<IsoChange> changes = XorrisoIsoWriterTest.standardChanges(tmp);
    java.util.Map<String, ExpectedContent> expected = new java.util.TreeMap<>();
    for (IsoChange change : changes) {
      expected.put(
          change.isoPath(),
          new ExpectedContent.Digest(
              XorrisoIsoWriterTest.sha256(((IsoChange.Content) change).source())));
    }
    io.github.pveiso.iso.verify.IsoVerifier verifier =
        new io.github.pveiso.iso.verify.IsoVerifier(EventListener.NONE);
    Path source = fixture.iso();
    Path out = tmp.resolve("out").resolve(fixture.fixtureName() + ".iso");
    call(
        source,
        XorrisoIsoWriterTest.layoutOf(source),
        changes,
        out,
        written -> verifier.verify(source, written, expected));
    assertThat(out).exists();
  }
}
