package io.github.pveiso.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.Sha256Digest;
import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.config.ConfigKey;
import io.github.pveiso.events.Event;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.events.StageTimer;
import io.github.pveiso.iso.IsoEntry;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.bytes.Extent;
import io.github.pveiso.iso.verify.IsoVerifier;
import io.github.pveiso.pipeline.stage.StagedFile;
import io.github.pveiso.proc.SystemProcessRunner;
import io.github.pveiso.proxmox.answer.Content;
import io.github.pveiso.testing.Fixtures;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code answer_dir}: one ISO per answer file, from one acquire, plan and stage. Three answers (of
 * different lengths, each under one block) on the Proxmox-like fixture with a boot-menu change
 * shared by all and a first-boot script give three ISOs that differ only in the answer's bytes and
 * the folder records that give its size; each is verified on its own here against the source and
 * its expectations, has its own .sha256, manifest and SBOM, and comes out the same on a second run.
 */
class AnswerDirBuildTest {

  static final List<String> NODES = List.of("pve-a", "pve-b", "pve-c");

  @TempDir static Path dir;

  /** An answer for {@code node}: a different host name and time zone each, so lengths differ. */
  static String answer(String node, String timezone) {
    return AutoInstallBuildTest.ANSWER
        .replace("pve-1.example.com", node + ".example.com")
        .replace("Europe/Vienna", timezone);
  }

  static final Map<String, String> ANSWERS =
      Map.of(
          "pve-a", answer("pve-a", "UTC"),
          "pve-b", answer("pve-b", "Europe/Vienna"),
          "pve-c", answer("pve-c", "America/Argentina/Buenos_Aires"));

  @BeforeAll
  static void files() throws IOException {
    Path answers = Files.createDirectories(dir.resolve("answers"));
    for (String node : NODES) {
      Files.writeString(answers.resolve(node + ".toml"), ANSWERS.get(node));
    }
    Files.writeString(answers.resolve("notes.txt"), "not an answer\n");
    Files.writeString(answers.resolve(".hidden.toml"), "not read\n");
    Files.createDirectories(answers.resolve("old.toml"));
    Files.writeString(dir.resolve("first-boot.sh"), AutoInstallBuildTest.SCRIPT);
  }

  static Map<ConfigKey, String> more(Path answers) {
    Map<ConfigKey, String> more = new EnumMap<>(ConfigKey.class);
    more.put(ConfigKey.ANSWER_DIR, answers.toString());
    more.put(ConfigKey.FIRST_BOOT, dir.resolve("first-boot.sh").toString());
    more.put(ConfigKey.BOOT_TIMEOUT, "5");
    return more;
  }

  static List<Built> build(Path out, Map<ConfigKey, String> more) {
    return build(out, more, EventListener.NONE);
  }

  static List<Built> build(Path out, Map<ConfigKey, String> more, EventListener events) {
    BuildSettings settings =
        AutoInstallBuildTest.settings(dir, Fixtures.Fixture.MKRESCUE.iso(), out, more, Map.of());
    return pipeline(events).buildAll(settings, false, false, timer());
  }

  static BuildPipeline pipeline() {
    return pipeline(EventListener.NONE);
  }

  static BuildPipeline pipeline(EventListener events) {
    return new BuildPipeline(Clock.systemUTC(), new SystemProcessRunner(), events, Optional::empty);
  }

  static StageTimer timer() {
    return new StageTimer(Clock.systemUTC(), EventListener.NONE);
  }

  static byte[] read(Path iso, String path) {
    try (IsoImage image = IsoImage.open(iso)) {
      return image.readAllBytes(image.find(path).orElseThrow());
    }
  }

  @Test
  void threeAnswersGiveThreeIsosThatDifferOnlyInTheAnswer() throws IOException {
    Path out = dir.resolve("out");
    List<String> log = new CopyOnWriteArrayList<>();
    List<Built> built =
        build(
            out,
            more(dir.resolve("answers")),
            e -> {
              if (e instanceof Event.Log l) {
                log.add(l.message());
              }
            });
    Path source = Fixtures.Fixture.MKRESCUE.iso();

    assertThat(built).extracting(b -> b.node().orElseThrow()).containsExactlyElementsOf(NODES);
    assertThat(built)
        .extracting(b -> b.output().getFileName().toString())
        .containsExactly(
            "mkrescue-pveiso-pve-a.iso", "mkrescue-pveiso-pve-b.iso", "mkrescue-pveiso-pve-c.iso");
    try (var files = Files.list(out)) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted())
          .as("only the outputs and their side files; the shared base is gone")
          .containsExactly(
              ".pveiso.lock",
              "mkrescue-pveiso-pve-a.cdx.json",
              "mkrescue-pveiso-pve-a.iso",
              "mkrescue-pveiso-pve-a.iso.sha256",
              "mkrescue-pveiso-pve-a.manifest.json",
              "mkrescue-pveiso-pve-b.cdx.json",
              "mkrescue-pveiso-pve-b.iso",
              "mkrescue-pveiso-pve-b.iso.sha256",
              "mkrescue-pveiso-pve-b.manifest.json",
              "mkrescue-pveiso-pve-c.cdx.json",
              "mkrescue-pveiso-pve-c.iso",
              "mkrescue-pveiso-pve-c.iso.sha256",
              "mkrescue-pveiso-pve-c.manifest.json",
              "work");
    }
    assertThat(out.resolve("work"))
        .as("the run's folder, with the base, is gone")
        .isEmptyDirectory();

    for (Built b : built) {
      String node = b.node().orElseThrow();
      byte[] answer = ANSWERS.get(node).getBytes(StandardCharsets.UTF_8);
      // its own digest, read here from the file, not taken from the build
      String sha256 = Sha256Digest.ofFile(b.output()).toString();
      assertThat(b.sha256()).isEqualTo(sha256);
      assertThat(Files.readString(b.output().resolveSibling(b.output().getFileName() + ".sha256")))
          .isEqualTo(sha256 + "  " + b.output().getFileName() + "\n");
      // verified here on its own, every file read, against the source and its expectations
      new IsoVerifier(EventListener.NONE).verify(source, b.output(), b.staged().expected());
      assertThat(read(b.output(), "/answer.toml")).isEqualTo(answer);
      assertThat(read(b.output(), "/proxmox-first-boot"))
          .isEqualTo(AutoInstallBuildTest.SCRIPT.getBytes(StandardCharsets.UTF_8));
      assertThat(new String(read(b.output(), "/boot/grub/grub.cfg"), StandardCharsets.UTF_8))
          .contains("set timeout=5");
      assertThat(b.staged().files())
          .extracting(StagedFile::isoPath, StagedFile::operation)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("/answer.toml", "add"),
              org.assertj.core.groups.Tuple.tuple("/auto-installer-mode.toml", "add"),
              org.assertj.core.groups.Tuple.tuple("/boot/grub/grub.cfg", "replace"),
              org.assertj.core.groups.Tuple.tuple("/proxmox-first-boot", "add"));
      String manifest = Files.readString(b.manifest());
      assertThat(manifest)
          .contains("\"name\" : \"" + b.output().getFileName() + "\"")
          .contains("\"sha256\" : \"" + sha256 + "\"")
          .contains("\"answerSha256\" : \"" + Content.sha256(answer) + "\"")
          .contains("\"bootMenu\" : {")
          .doesNotContain(AutoInstallBuildTest.PASSWORD);
      assertThat(
              Files.readString(
                  b.output()
                      .resolveSibling(
                          b.output().getFileName().toString().replace(".iso", ".cdx.json"))))
          .contains(sha256);
    }

    // byte for byte: the ISOs have the same size, and every block where two differ holds the
    // answer or a folder record of it (its size differs from node to node)
    Path a = built.get(0).output();
    Set<Long> allowed = answerBlocks(a);
    for (Built other : built.subList(1, built.size())) {
      assertThat(Files.size(other.output())).isEqualTo(Files.size(a));
      assertThat(answerBlocks(other.output())).isEqualTo(allowed);
      assertThat(differingBlocks(a, other.output())).isNotEmpty().isSubsetOf(allowed);
    }

    // the second and third were verified beside the first, their digests continued from its
    assertThat(log.stream().filter(l -> l.endsWith(" beside mkrescue-pveiso-pve-a.iso")))
        .hasSize(2);
    List<String> resumed =
        log.stream().filter(l -> l.contains("bytes are mkrescue-pveiso-pve-a.iso's")).toList();
    assertThat(resumed).hasSize(2);
    long size = Files.size(a);
    for (String line : resumed) {
      Matcher m =
          Pattern.compile("the first (\\d+) of (\\d+) bytes .* hashed from byte (\\d+)")
              .matcher(line);
      assertThat(m.matches()).as(line).isTrue();
      assertThat(Long.parseLong(m.group(2))).isEqualTo(size);
      assertThat(Long.parseLong(m.group(1))).isGreaterThanOrEqualTo(Long.parseLong(m.group(3)));
      assertThat(Long.parseLong(m.group(3))).as(line).isPositive();
    }

    // reproducible: a second run writes the same bytes
    List<Built> again = build(dir.resolve("out-again"), more(dir.resolve("answers")));
    assertThat(again)
        .extracting(Built::sha256)
        .isEqualTo(built.stream().map(Built::sha256).toList());
  }

  /**
   * The blocks of {@code /answer.toml} and of the root folders (primary and Joliet) that list it.
   */
  static Set<Long> answerBlocks(Path iso) {
    Set<Long> blocks = new TreeSet<>();
    try (IsoImage image = IsoImage.open(iso)) {
      IsoEntry answer = image.find("/answer.toml").orElseThrow();
      for (Extent e : answer.extents()) {
        addBlocks(blocks, e.lba(), e.length());
      }
      addBlocks(blocks, image.primary().root().extent(), image.primary().root().dataLength());
      image.joliet().ifPresent(j -> addBlocks(blocks, j.root().extent(), j.root().dataLength()));
    }
    return blocks;
  }

  private static void addBlocks(Set<Long> blocks, long first, long length) {
    for (long b = first; b < first + (length + Extent.BLOCK - 1) / Extent.BLOCK; b++) {
      blocks.add(b);
    }
  }

  /** The 2 KiB blocks where two files of the same size differ. */
  static List<Long> differingBlocks(Path a, Path b) throws IOException {
    List<Long> blocks = new ArrayList<>();
    try (RandomAccessFile fa = new RandomAccessFile(a.toFile(), "r");
        RandomAccessFile fb = new RandomAccessFile(b.toFile(), "r")) {
      byte[] ba = new byte[Extent.BLOCK];
      byte[] bb = new byte[Extent.BLOCK];
      for (long block = 0; block < fa.length() / Extent.BLOCK; block++) {
        fa.readFully(ba);
        fb.readFully(bb);
        if (!java.util.Arrays.equals(ba, bb)) {
          blocks.add(block);
        }
      }
    }
    return blocks;
  }

  @Test
  void anAnswerOfMoreBlocksGivesEveryNodeAsManyBlocksForItsAnswer() throws IOException {
    Path answers = Files.createDirectories(dir.resolve("answers-sizes"));
    Files.writeString(answers.resolve("small.toml"), ANSWERS.get("pve-a"));
    // comments past one block: every node's answer gets the blocks of this one
    Files.writeString(
        answers.resolve("large.toml"), ANSWERS.get("pve-b") + "# padding\n".repeat(400));
    Files.writeString(answers.resolve("small2.toml"), ANSWERS.get("pve-c"));
    List<String> log = new CopyOnWriteArrayList<>();
    List<Built> built =
        build(
            dir.resolve("out-sizes"),
            more(answers),
            e -> {
              if (e instanceof Event.Log l) {
                log.add(l.message());
              }
            });
    assertThat(built)
        .extracting(b -> b.node().orElseThrow())
        .containsExactly("large", "small", "small2");
    Path large = built.get(0).output();
    long answerBlock;
    try (IsoImage image = IsoImage.open(large)) {
      answerBlock = image.find("/answer.toml").orElseThrow().extents().get(0).lba();
    }
    for (Built b : built) {
      assertThat(Files.size(b.output())).isEqualTo(Files.size(large));
      try (IsoImage image = IsoImage.open(b.output())) {
        assertThat(image.find("/answer.toml").orElseThrow().extents().get(0).lba())
            .isEqualTo(answerBlock);
      }
      assertThat(b.sha256()).isEqualTo(Sha256Digest.ofFile(b.output()).toString());
      new IsoVerifier(EventListener.NONE)
          .verify(Fixtures.Fixture.MKRESCUE.iso(), b.output(), b.staged().expected());
    }
    assertThat(log.stream().filter(l -> l.endsWith(" beside mkrescue-pveiso-large.iso")))
        .hasSize(2);
  }

  @Test
  void xorrisoWritesTheNodesToo() throws IOException {
    Map<ConfigKey, String> more = more(dir.resolve("answers"));
    more.put(ConfigKey.ISO_WRITER, "xorriso");
    List<Built> built = build(dir.resolve("out-xorriso"), more);
    assertThat(built).hasSize(3);
    for (Built b : built) {
      assertThat(b.sha256()).isEqualTo(Sha256Digest.ofFile(b.output()).toString());
      new IsoVerifier(EventListener.NONE)
          .verify(Fixtures.Fixture.MKRESCUE.iso(), b.output(), b.staged().expected());
      assertThat(read(b.output(), "/answer.toml"))
          .isEqualTo(ANSWERS.get(b.node().orElseThrow()).getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void withoutSharedChangesEachIsoGrowsTheSourceAndEqualsASingleBuild() throws IOException {
    Map<ConfigKey, String> more = more(dir.resolve("answers"));
    more.remove(ConfigKey.BOOT_TIMEOUT);
    List<Built> built = build(dir.resolve("out-plain"), more);
    Path single = dir.resolve("answer-pve-b.toml");
    Files.writeString(single, ANSWERS.get("pve-b"));
    Map<ConfigKey, String> one = new EnumMap<>(ConfigKey.class);
    one.put(ConfigKey.ANSWER_FILE, single.toString());
    one.put(ConfigKey.FIRST_BOOT, dir.resolve("first-boot.sh").toString());
    Built alone =
        TestBuilds.build(
            AutoInstallBuildTest.settings(
                dir, Fixtures.Fixture.MKRESCUE.iso(), dir.resolve("out-single"), one, Map.of()),
            EventListener.NONE);
    assertThat(built.get(1).sha256()).isEqualTo(alone.sha256());
  }

  @Test
  void existingOutputsAreRefusedBeforeAnythingIsWritten() throws IOException {
    Path out = Files.createDirectories(dir.resolve("out-exists"));
    Files.writeString(out.resolve("mkrescue-pveiso-pve-b.iso"), "an older build\n");
    Files.writeString(out.resolve("mkrescue-pveiso-pve-c.iso"), "an older build\n");
    assertThatThrownBy(() -> build(out, more(dir.resolve("answers"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "output "
                + out.resolve("mkrescue-pveiso-pve-b.iso")
                + " (and 1 more) exists; use --overwrite to replace it");
    assertThat(out.resolve("mkrescue-pveiso-pve-a.iso")).doesNotExist();
  }

  @Test
  void everyAnswerIsCheckedOnTheIsoBeforeAnyPackageIsDownloaded() throws IOException {
    Path notCapable = dir.resolve("not-capable-nodes.iso");
    Files.copy(Fixtures.Fixture.MKRESCUE.iso(), notCapable);
    io.github.pveiso.iso.Xorriso.run(
        "-boot_image",
        "any",
        "keep",
        "-dev",
        notCapable.toString(),
        "-rm",
        "/auto-installer-capable",
        "--");
    Map<ConfigKey, String> more = more(dir.resolve("answers"));
    more.put(ConfigKey.EXTRA_PACKAGES, "firmware-misc-nonfree");
    more.put(ConfigKey.DEBIAN_MIRROR, "http://127.0.0.1:9/debian");
    BuildSettings settings =
        AutoInstallBuildTest.settings(dir, notCapable, dir.resolve("out-refused"), more, Map.of());
    assertThatThrownBy(() -> pipeline().buildAll(settings, false, false, timer()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(AutoInstallBuildTest.NOT_CAPABLE);
  }

  @Test
  void buildIsForOneIsoOnly() {
    BuildSettings settings =
        AutoInstallBuildTest.settings(
            dir,
            Fixtures.Fixture.MKRESCUE.iso(),
            dir.resolve("out-one"),
            more(dir.resolve("answers")),
            Map.of());
    assertThatThrownBy(() -> pipeline().build(settings, false, false, timer()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void planListsWhatEveryNodeSharesAndEachNodesOwn() {
    BuildSettings settings =
        AutoInstallBuildTest.settings(
            dir,
            Fixtures.Fixture.MKRESCUE.iso(),
            dir.resolve("out-plan"),
            more(dir.resolve("answers")),
            Map.of());
    Staging staging = pipeline().planAndStage(settings, false, timer());
    assertThat(staging.staged().files())
        .extracting(StagedFile::isoPath)
        .containsExactly("/boot/grub/grub.cfg");
    assertThat(staging.nodes())
        .extracting(Staging.Node::name, Staging.Node::output)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("pve-a", "mkrescue-pveiso-pve-a.iso"),
            org.assertj.core.groups.Tuple.tuple("pve-b", "mkrescue-pveiso-pve-b.iso"),
            org.assertj.core.groups.Tuple.tuple("pve-c", "mkrescue-pveiso-pve-c.iso"));
    for (Staging.Node node : staging.nodes()) {
      assertThat(node.staged().files())
          .extracting(StagedFile::isoPath, StagedFile::size)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  "/answer.toml",
                  (long) ANSWERS.get(node.name()).getBytes(StandardCharsets.UTF_8).length),
              org.assertj.core.groups.Tuple.tuple(
                  "/auto-installer-mode.toml",
                  (long) "mode = \"iso\"\npartition_label = \"proxmox-ais\"\n".length()),
              org.assertj.core.groups.Tuple.tuple(
                  "/proxmox-first-boot", (long) AutoInstallBuildTest.SCRIPT.length()));
    }
  }
}
