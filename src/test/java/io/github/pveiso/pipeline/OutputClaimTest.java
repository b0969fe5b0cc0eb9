package io.github.pveiso.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.InterruptedFailure;
import io.github.pveiso.InvalidInputException;
import io.github.pveiso.RunOwner;
import io.github.pveiso.TempFiles;
import io.github.pveiso.events.Event;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.testing.Owners;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputClaimTest {

  @TempDir Path dir;

  private final List<Event> events = new ArrayList<>();
  private final EventListener listener = events::add;

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void theIsoIsWrittenToAHiddenFileNamedForItsOwner() throws IOException {
    RunOwner owner = RunOwner.next();
    Path output = dir.resolve("x.iso");
    try (OutputClaim claim = OutputClaim.claim(output, owner, false, listener)) {
      assertThat(claim.isoTemp()).isEqualTo(dir.resolve(".x.iso." + owner.token() + ".partial"));
      assertThat(claim.isoTemp()).isEmptyFile();
      assertThat(TempFiles.tracked()).contains(claim.isoTemp());
    }
    assertThat(names()).containsExactly(".pveiso.lock");
    assertThat(TempFiles.tracked())
        .doesNotContain(dir.resolve(".x.iso." + owner.token() + ".partial"));
  }

  @Test
  void publishingMovesTheSideFilesFirstAndTheIsoLast() throws IOException {
    Path output = dir.resolve("x.iso");
    try (OutputClaim claim = OutputClaim.claim(output, RunOwner.next(), false, listener)) {
      Files.writeString(claim.isoTemp(), "iso");
      claim.writeSideFile("x.iso.sha256", "digest  x.iso\n");
      claim.writeSideFile("x.manifest.json", "{}\n");
      assertThat(names()).hasSize(4).allMatch(n -> n.startsWith("."));
      claim.publish();
    }
    assertThat(names()).containsExactly(".pveiso.lock", "x.iso", "x.iso.sha256", "x.manifest.json");
    assertThat(output).hasContent("iso");
    assertThat(Files.getPosixFilePermissions(output))
        .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(dir.resolve("x.iso.sha256")).hasContent("digest  x.iso\n");
  }

  @Test
  void anInterruptBeforePublishingPublishesNothingAndLeavesNothing() throws IOException {
    Path output = dir.resolve("x.iso");
    try (OutputClaim claim = OutputClaim.claim(output, RunOwner.next(), false, listener)) {
      Files.writeString(claim.isoTemp(), "iso");
      claim.writeSideFile("x.iso.sha256", "digest  x.iso\n");
      Thread.currentThread().interrupt();
      assertThatThrownBy(claim::publish)
          .isInstanceOf(InterruptedFailure.class)
          .hasMessage("interrupted while publishing " + output);
    } finally {
      assertThat(Thread.interrupted()).isTrue();
    }
    assertThat(names()).containsExactly(".pveiso.lock");
  }

  @Test
  void anExistingOutputNeedsOverwriteAndIsReplacedWithItsSideFiles() throws IOException {
    Path output = dir.resolve("x.iso");
    Files.writeString(output, "old");
    Files.writeString(dir.resolve("x.iso.sha256"), "old  x.iso\n");
    assertThatThrownBy(() -> OutputClaim.claim(output, RunOwner.next(), false, listener))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("output " + output + " exists; use --overwrite to replace it");
    assertThat(names()).containsExactly(".pveiso.lock", "x.iso", "x.iso.sha256");
    try (OutputClaim claim = OutputClaim.claim(output, RunOwner.next(), true, listener)) {
      Files.writeString(claim.isoTemp(), "new");
      claim.writeSideFile("x.iso.sha256", "new  x.iso\n");
      claim.publish();
    }
    assertThat(output).hasContent("new");
    assertThat(dir.resolve("x.iso.sha256")).hasContent("new  x.iso\n");
  }

  @Test
  void aSecondBuildOfTheSameOutputFailsAtOnceNamingTheFirst() throws IOException {
    Path output = dir.resolve("x.iso");
    RunOwner first = RunOwner.next();
    try (OutputClaim claim = OutputClaim.claim(output, first, false, listener)) {
      assertThatThrownBy(() -> OutputClaim.claim(output, RunOwner.next(), false, listener))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessage(
              output
                  + " is being built by "
                  + first.describe()
                  + "; wait for it to end, or choose another output_name or output_dir");
      // another output in the same folder is no conflict
      try (OutputClaim other =
          OutputClaim.claim(dir.resolve("y.iso"), RunOwner.next(), false, listener)) {
        assertThat(other.isoTemp()).exists();
      }
      assertThat(claim.isoTemp()).exists();
    }
    assertThat(names()).containsExactly(".pveiso.lock");
    assertThat(events).isEmpty();
  }

  @Test
  void whatAKilledBuildLeftIsRemovedAndSaid() throws IOException {
    RunOwner gone = Owners.gone();
    Path stale = Files.writeString(dir.resolve(".x.iso." + gone.token() + ".partial"), "half");
    Path staleSide =
        Files.writeString(dir.resolve(".y.iso.sha256." + gone.token() + ".partial"), "d");
    Path running =
        Files.writeString(dir.resolve(".z.iso." + RunOwner.next().token() + ".partial"), "");
    Path old = Files.writeString(dir.resolve(".x.iso.123.partial"), "no owner in the name");
    try (OutputClaim claim =
        OutputClaim.claim(dir.resolve("x.iso"), RunOwner.next(), false, listener)) {
      assertThat(stale).doesNotExist();
      assertThat(staleSide).doesNotExist();
      assertThat(running).exists();
      assertThat(old).exists();
    }
    assertThat(events)
        .containsExactly(
            new Event.Log(
                Event.Level.WARN,
                "removed "
                    + stale
                    + ", left behind by "
                    + gone.describe()
                    + ", which is no longer running"),
            new Event.Log(
                Event.Level.WARN,
                "removed "
                    + staleSide
                    + ", left behind by "
                    + gone.describe()
                    + ", which is no longer running"));
  }
}
