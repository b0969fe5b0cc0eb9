package io.github.pveiso.iso.write;

import static io.github.pveiso.iso.write.XorrisoIsoWriterTest.layoutOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.verify.ExpectedContent;
import io.github.pveiso.iso.verify.IsoVerifier;
import io.github.pveiso.testing.Fixtures.Fixture;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeLayoutTest {

  static final Instant TIME = Instant.parse("2025-06-01T12:00:00Z");

  @TempDir Path tmp;

  /** Node {@code i}'s changes: an answer of {@code answer} bytes and the same mode file. */
  List<IsoChange> node(int i, String answer) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("node-" + i));
    Path a = Files.writeString(dir.resolve("answer.toml"), answer);
    Path m = Files.writeString(dir.resolve("mode.toml"), "mode = \"iso\"\n");
    return List.of(
        new IsoChange.AddFile("/answer.toml", a, 0444, TIME),
        new IsoChange.AddFile("/auto-installer-mode.toml", m, 0444, TIME));
  }

  /** One short answer, one of three blocks, one of a few bytes: every answer gets three blocks. */
  static final List<String> ANSWERS = List.of("short = 1\n", "x = 1\n".repeat(1000), "y\n");

  /** Each of {@link #ANSWERS}' nodes' changes. */
  List<List<IsoChange>> changes() throws IOException {
    List<List<IsoChange>> changes = new ArrayList<>();
    for (int i = 0; i < ANSWERS.size(); i++) {
      changes.add(node(i, ANSWERS.get(i)));
    }
    return changes;
  }

  /** The nodes' layout over {@code from}, which they must lay out alike on. */
  static NodeLayout alike(Path from, List<List<IsoChange>> changes) {
    return NodeLayout.of(
            from, layoutOf(from), changes, LayoutIsoWriter.Choice.AUTO, EventListener.NONE)
        .orElseThrow();
  }

  static Map<String, ExpectedContent> expected(String answer) {
    return Map.of(
        "/answer.toml",
        new ExpectedContent.Digest(
            Sha256Digest.of(answer.getBytes(StandardCharsets.UTF_8)).toString()),
        "/auto-installer-mode.toml",
        new ExpectedContent.Digest(
            Sha256Digest.of("mode = \"iso\"\n".getBytes(StandardCharsets.UTF_8)).toString()));
  }

  @Test
  void eachNodeWrittenBesideTheFirstIsTheSameBytesAsGrownAndSharesItsStart() throws IOException {
    Path source = Fixture.MKRESCUE.iso();
    NodeLayout layout = alike(source, changes());
    Path first = layout.write(0, tmp.resolve("grown-0.iso")).output();
    long shared = layout.sharedBytes();
    long block = -1;
    for (int i = 0; i < ANSWERS.size(); i++) {
      Path grown = layout.write(i, tmp.resolve("grown-" + i + ".iso")).output();
      Path beside = i == 0 ? grown : beside(layout, i, first, tmp.resolve("beside-" + i + ".iso"));
      assertThat(Files.mismatch(beside, grown)).as("node %d", i).isEqualTo(-1L);
      assertThat(Files.size(beside)).isEqualTo(Files.size(first));
      long differs = Files.mismatch(first, beside);
      assertThat(differs == -1 || differs >= shared).as("first difference %d", differs).isTrue();
      new IsoVerifier(EventListener.NONE).verify(source, beside, expected(ANSWERS.get(i)));
      try (IsoImage image = IsoImage.open(beside)) {
        long at = image.find("/answer.toml").orElseThrow().extents().get(0).lba();
        assertThat(at * 2048).isGreaterThanOrEqualTo(shared);
        assertThat(block == -1 || block == at).isTrue();
        block = at;
      }
    }
  }

  @Test
  void theFirstNodeTakesOverAGrownImageOfItsOwnAndTheNextAreTheSameBytes() throws IOException {
    Path source = Fixture.MKRESCUE.iso();
    List<List<IsoChange>> changes = changes();
    NodeLayout copied = alike(source, changes);
    Path base = Files.copy(source, tmp.resolve("base.iso"));
    NodeLayout own = alike(base, changes);
    Path first = own.writeInPlace(0, tmp.resolve("moved-0.iso")).output();
    assertThat(base).doesNotExist();
    Path reference = copied.write(0, tmp.resolve("copied-0.iso")).output();
    assertThat(Files.mismatch(first, reference)).isEqualTo(-1L);
    for (int i = 1; i < ANSWERS.size(); i++) {
      // the grown image is gone: the bytes each tail takes from it were kept
      Path beside = beside(own, i, first, tmp.resolve("beside-" + i + ".iso"));
      Path grown = copied.write(i, tmp.resolve("grown-" + i + ".iso")).output();
      assertThat(Files.mismatch(beside, grown)).as("node %d", i).isEqualTo(-1L);
    }
  }

  /** Node {@code i}'s ISO written beside {@code first}, as the build does: from it open. */
  static Path beside(NodeLayout layout, int i, Path first, Path target) throws IOException {
    try (FileChannel in = FileChannel.open(first, StandardOpenOption.READ)) {
      return layout.writeBeside(i, in, first, target).output();
    }
  }

  @Test
  void nodesThatAddOtherPathsAreWrittenOneByOne() throws IOException {
    Path source = Fixture.MKRESCUE.iso();
    Path extra = Files.writeString(tmp.resolve("extra.sh"), "#!/bin/sh\n");
    List<IsoChange> withScript = new ArrayList<>(node(1, "b\n"));
    withScript.add(new IsoChange.AddFile("/proxmox-first-boot", extra, 0555, TIME));
    List<String> log = new ArrayList<>();
    Optional<NodeLayout> layout =
        NodeLayout.of(
            source,
            layoutOf(source),
            List.of(node(0, "a\n"), withScript),
            LayoutIsoWriter.Choice.AUTO,
            e -> log.add(e.toString()));
    assertThat(layout).isEmpty();
    assertThat(log).anyMatch(l -> l.contains("the nodes' ISOs are written one by one: "));
  }

  @Test
  void xorrisoWritesTheNodesOneByOne() throws IOException {
    Path source = Fixture.MKRESCUE.iso();
    assertThat(
            NodeLayout.of(
                source,
                layoutOf(source),
                List.of(node(0, "a\n"), node(1, "b\n")),
                LayoutIsoWriter.Choice.XORRISO,
                EventListener.NONE))
        .isEmpty();
  }
}
