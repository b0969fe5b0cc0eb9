package io.github.pveiso.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.VerificationException;
import io.github.pveiso.cli.ExitCode;
import io.github.pveiso.config.BuildSettings;
import io.github.pveiso.config.ConfigKey;
import io.github.pveiso.events.Event;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.iso.IsoEntry;
import io.github.pveiso.iso.IsoImage;
import io.github.pveiso.iso.bytes.Extent;
import io.github.pveiso.iso.iso9660.DirectoryRecord;
import io.github.pveiso.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nodes' ISOs laid out alike ({@link io.github.pveiso.iso.write.NodeLayout}): every node after
 * the first is a copy of the first's shared bytes plus its own tail, verified without reading that
 * prefix again and hashed from the first's state there. These tests show the ISOs are the same size
 * and differ only after the shared prefix, that each .sha256 is the full SHA-256 of its file, and
 * that the checks still read the node's own records: a node corrupted after it was written and
 * before it was verified (a folder record's extent, a folder record's size, the El Torito catalog,
 * a byte of its own tail) fails with the check's one-line message and exit 3, and is not published.
 */
class NodeBuildsTest {

  @TempDir static Path dir;

  static final String A = "mkrescue-pveiso-pve-a.iso";
  static final String B = "mkrescue-pveiso-pve-b.iso";

  @BeforeAll
  static void files() throws IOException {
    Path answers = Files.createDirectories(dir.resolve("answers"));
    Path three = Files.createDirectories(dir.resolve("answers-3"));
    for (String node : List.of("pve-a", "pve-b", "pve-c")) {
      Files.writeString(three.resolve(node + ".toml"), AnswerDirBuildTest.ANSWERS.get(node));
      if (!node.equals("pve-c")) {
        Files.writeString(answers.resolve(node + ".toml"), AnswerDirBuildTest.ANSWERS.get(node));
      }
    }
    Files.writeString(dir.resolve("first-boot.sh"), AutoInstallBuildTest.SCRIPT);
  }

  /** Builds both nodes into {@code out}; with boot_timeout they grow a shared base. */
  static List<Built> build(Path out, EventListener events) {
    return build(out, dir.resolve("answers"), events);
  }

  /** Builds a node per answer in {@code answers} into {@code out}. */
  static List<Built> build(Path out, Path answers, EventListener events) {
    Map<ConfigKey, String> more = new EnumMap<>(ConfigKey.class);
    more.put(ConfigKey.ANSWER_DIR, answers.toString());
    more.put(ConfigKey.FIRST_BOOT, dir.resolve("first-boot.sh").toString());
    more.put(ConfigKey.BOOT_TIMEOUT, "5");
    BuildSettings settings =
        AutoInstallBuildTest.settings(dir, Fixtures.Fixture.MKRESCUE.iso(), out, more, Map.of());
    return AnswerDirBuildTest.pipeline(events)
        .buildAll(settings, false, false, AnswerDirBuildTest.timer());
  }

  @Test
  void theIsosAreTheSameSizeDifferOnlyAfterTheSharedBytesAndEachDigestIsItsFiles()
      throws IOException {
    Path out = dir.resolve("out");
    List<String> log = new CopyOnWriteArrayList<>();
    List<Built> built =
        build(
            out,
            e -> {
              if (e instanceof Event.Log l) {
                log.add(l.message());
              }
            });
    long shared = shared(log);
    Path a = built.get(0).output();
    Path b = built.get(1).output();
    assertThat(Files.size(b)).isEqualTo(Files.size(a));
    assertThat(shared).isPositive().isLessThan(Files.size(a));
    assertThat(shared % Extent.BLOCK).isZero();
    assertThat(AnswerDirBuildTest.differingBlocks(a, b))
        .isNotEmpty()
        .allSatisfy(block -> assertThat(block).isGreaterThanOrEqualTo(shared / Extent.BLOCK));
    for (Built node : built) {
      String sha256 = Sha256Digest.ofFile(node.output()).toString();
      assertThat(node.sha256()).isEqualTo(sha256);
      assertThat(
              Files.readString(
                  node.output().resolveSibling(node.output().getFileName() + ".sha256")))
          .isEqualTo(sha256 + "  " + node.output().getFileName() + "\n");
    }
    assertThat(log)
        .contains(
            "the first "
                + shared
                + " of "
                + Files.size(b)
                + " bytes are "
                + A
                + "'s;"
                + " hashed from byte "
                + shared);
    assertThat(log).noneMatch(l -> l.startsWith("comparing " + out.resolve(B)));
  }

  @Test
  void aWrongExtentInAFolderRecordBeforeTheSharedBytesEndIsFound() {
    String message =
        corrupted(
            "out-extent",
            (iso, shared) -> {
              long at = recordAt(iso, "/boot", "linux26");
              assertThat(at).isLessThan(shared);
              int extent = readInt(iso, at + 2) + 1;
              writeInt(iso, at + 2, extent, ByteOrder.LITTLE_ENDIAN);
              writeInt(iso, at + 6, extent, ByteOrder.BIG_ENDIAN);
            });
    assertThat(message)
        .isEqualTo(
            "OUT/.mkrescue-pveiso-pve-b.iso.RUN.partial failed verification: source files: /boot/linux26 differs from the source at byte 15");
  }

  @Test
  void aWrongFolderRecordBeforeTheSharedBytesEndIsFound() {
    String message =
        corrupted(
            "out-record",
            (iso, shared) -> {
              long at = recordAt(iso, "/boot", "initrd.img");
              assertThat(at).isLessThan(shared);
              int size = readInt(iso, at + 10) - 1;
              writeInt(iso, at + 10, size, ByteOrder.LITTLE_ENDIAN);
              writeInt(iso, at + 14, size, ByteOrder.BIG_ENDIAN);
            });
    assertThat(message)
        .isEqualTo(
            "OUT/.mkrescue-pveiso-pve-b.iso.RUN.partial failed verification: source files: /boot/initrd.img has 126 bytes instead of 127");
  }

  @Test
  void aWrongBootCatalogEntryIsFound() {
    String message =
        corrupted(
            "out-catalog",
            (iso, shared) -> {
              long catalog;
              try (IsoImage image = IsoImage.open(iso)) {
                catalog = image.elToritoRecord().orElseThrow().catalogLba() * Extent.BLOCK;
              }
              assertThat(catalog).isLessThan(shared);
              // the default entry's load RBA: the BIOS boot image moves one block
              writeInt(iso, catalog + 40, readInt(iso, catalog + 40) + 1, ByteOrder.LITTLE_ENDIAN);
            });
    assertThat(message)
        .isEqualTo(
            "OUT/.mkrescue-pveiso-pve-b.iso.RUN.partial failed verification: boot image 1 (BIOS): length 2048 differs from the source's 184350");
  }

  @Test
  void aWrongByteInTheNodesOwnTailIsFound() {
    String message =
        corrupted(
            "out-tail",
            (iso, shared) -> {
              long at;
              try (IsoImage image = IsoImage.open(iso)) {
                at = image.find("/answer.toml").orElseThrow().extents().get(0).offset();
              }
              assertThat(at).isGreaterThanOrEqualTo(shared);
              byte[] one = read(iso, at, 1);
              one[0] ^= 0x20;
              write(iso, at, ByteBuffer.wrap(one));
            });
    assertThat(message)
        .isEqualTo(
            "OUT/.mkrescue-pveiso-pve-b.iso.RUN.partial failed verification: changed files: /answer.toml has SHA-256 3123e0a886585a074405eed9437de1e001f06366f206c0cd3ed23f1fcbb87498 but the change list expects d2cdab73323079fbc6dd846d3fcccbd909b256d262a49f498174423eec986978");
  }

  @Test
  void aNodeThatFailsWhileTheNextIsWrittenStopsTheBuildWithNeitherPublished() {
    // pve-b is verified on its own thread while pve-c is written: pve-b's failure is what the build
    // reports, and pve-c, written meanwhile, goes with it (corrupted() lists what is left)
    List<String> log = new CopyOnWriteArrayList<>();
    String message =
        corrupted(
            "out-middle", dir.resolve("answers-3"), log, (iso, shared) -> flipAnswerByte(iso));
    assertThat(message)
        .isEqualTo(
            "OUT/.mkrescue-pveiso-pve-b.iso.RUN.partial failed verification: changed files: /answer.toml has SHA-256 3123e0a886585a074405eed9437de1e001f06366f206c0cd3ed23f1fcbb87498 but the change list expects d2cdab73323079fbc6dd846d3fcccbd909b256d262a49f498174423eec986978");
    assertThat(log)
        .anyMatch(
            l ->
                l.matches(
                    "writing \\.mkrescue-pveiso-pve-c\\.iso\\.[0-9-]+\\.partial as a copy of "
                        + Pattern.quote(A)
                        + " .*"));
  }

  @Test
  void aFirstNodeThatFailsWhileTheNextAreCopiedFromItStopsTheBuildWithNonePublished()
      throws IOException {
    // pve-b and pve-c are copied from pve-a while pve-a is verified: pve-a's failure is what the
    // build reports, and the copies go with it
    Path out = dir.resolve("out-first");
    List<String> log = new CopyOnWriteArrayList<>();
    Pattern first =
        Pattern.compile("verifying (\\.mkrescue-pveiso-pve-a\\.iso\\.[0-9-]+\\.partial)");
    Throwable thrown =
        catchThrowable(
            () ->
                build(
                    out,
                    dir.resolve("answers-3"),
                    e -> {
                      if (e instanceof Event.Log l) {
                        log.add(l.message());
                        Matcher m = first.matcher(l.message());
                        if (m.matches()) {
                          flipAnswerByte(out.resolve(m.group(1)));
                        }
                      }
                    }));
    assertThat(thrown).isInstanceOf(VerificationException.class);
    assertThat(ExitCode.of(thrown).code()).isEqualTo(3);
    assertThat(
            thrown
                .getMessage()
                .replace(out.toString(), "OUT")
                .replaceFirst("\\.iso\\.[0-9-]+\\.partial ", ".iso.RUN.partial "))
        .startsWith(
            "OUT/.mkrescue-pveiso-pve-a.iso.RUN.partial failed verification: changed files:"
                + " /answer.toml has SHA-256 ");
    assertThat(log).noneMatch(l -> l.contains(" beside "));
    for (String node : List.of("pve-b", "pve-c")) {
      assertThat(log)
          .anyMatch(
              l ->
                  l.matches(
                      "writing \\.mkrescue-pveiso-"
                          + node
                          + "\\.iso\\.[0-9-]+\\.partial as a copy of "
                          + Pattern.quote(A)
                          + " .*"));
    }
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted())
          .as("no node published, not even a temporary file")
          .containsExactly(".pveiso.lock", "work");
    }
  }

  /** Flips a bit of the first byte of {@code iso}'s /answer.toml, in the node's own tail. */
  static void flipAnswerByte(Path iso) {
    long at;
    try (IsoImage image = IsoImage.open(iso)) {
      at = image.find("/answer.toml").orElseThrow().extents().get(0).offset();
    }
    byte[] one = read(iso, at, 1);
    one[0] ^= 0x20;
    write(iso, at, ByteBuffer.wrap(one));
  }

  /** A corruption of a node's written ISO, given the ISO and the shared prefix's length. */
  interface Corruption {
    void apply(Path iso, long shared);
  }

  /**
   * Builds both nodes, corrupting pve-b's ISO after it is written and before it is verified; checks
   * that the build fails with exit 3 and that pve-b is not published; returns the message.
   */
  static String corrupted(String name, Corruption corruption) {
    return corrupted(name, dir.resolve("answers"), new CopyOnWriteArrayList<>(), corruption);
  }

  /**
   * As {@link #corrupted(String, Corruption)}, with a node per answer in {@code answers}, every
   * line logged added to {@code log}.
   */
  static String corrupted(String name, Path answers, List<String> log, Corruption corruption) {
    Path out = dir.resolve(name);
    Consumer<String> onLog =
        message -> {
          log.add(message);
          Matcher m =
              Pattern.compile("verifying (\\S+) beside " + Pattern.quote(A)).matcher(message);
          if (m.matches()) {
            corruption.apply(out.resolve(m.group(1)), shared(log));
          }
        };
    Throwable thrown =
        catchThrowable(
            () ->
                build(
                    out,
                    answers,
                    e -> {
                      if (e instanceof Event.Log l) {
                        onLog.accept(l.message());
                      }
                    }));
    assertThat(log).anyMatch(l -> l.startsWith("verifying ") && l.endsWith(" beside " + A));
    assertThat(thrown).isInstanceOf(VerificationException.class);
    assertThat(ExitCode.of(thrown).code()).isEqualTo(3);
    assertThat(thrown.getMessage()).doesNotContain("\n");
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted())
          .as("pve-a published; nothing of pve-b, not even a temporary file")
          .containsExactly(
              ".pveiso.lock",
              "mkrescue-pveiso-pve-a.cdx.json",
              A,
              A + ".sha256",
              "mkrescue-pveiso-pve-a.manifest.json",
              "work");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // the temporary file's name holds the run's process and start
    return thrown
        .getMessage()
        .replace(out.toString(), "OUT")
        .replaceFirst("\\.iso\\.[0-9-]+\\.partial ", ".iso.RUN.partial ");
  }

  /** The shared prefix's length, from the line that announced the copy. */
  static long shared(List<String> log) {
    Pattern copy =
        Pattern.compile("writing .* as a copy of .* with its own bytes after byte (\\d+)");
    return log.stream()
        .map(copy::matcher)
        .filter(Matcher::matches)
        .map(m -> Long.parseLong(m.group(1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no copy in " + log));
  }

  /**
   * The byte offset of the primary-tree record named {@code name} (ISO 9660 name) in {@code
   * folder}.
   */
  static long recordAt(Path iso, String folder, String name) {
    try (IsoImage image = IsoImage.open(iso)) {
      IsoEntry dir = image.find(folder).orElseThrow();
      Extent extent = dir.extents().get(0);
      byte[] bytes = image.channel().read(extent.offset(), (int) extent.length());
      String wanted = name.toUpperCase(java.util.Locale.ROOT);
      int at = 0;
      while (at < bytes.length) {
        int length = bytes[at] & 0xff;
        if (length == 0) {
          at = (at / Extent.BLOCK + 1) * Extent.BLOCK;
          continue;
        }
        DirectoryRecord record = DirectoryRecord.parse(bytes, at);
        String id = new String(record.identifier(), StandardCharsets.US_ASCII);
        if (id.startsWith(wanted)) {
          return extent.offset() + at;
        }
        at += length;
      }
    }
    throw new AssertionError(name + " not in " + folder);
  }

  static int readInt(Path iso, long at) {
    return ByteBuffer.wrap(read(iso, at, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
  }

  static void writeInt(Path iso, long at, int value, ByteOrder order) {
    write(iso, at, ByteBuffer.allocate(4).order(order).putInt(0, value));
  }

  static byte[] read(Path iso, long at, int n) {
    try (FileChannel ch = FileChannel.open(iso, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.allocate(n);
      ch.read(buffer, at);
      return buffer.array();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path iso, long at, ByteBuffer bytes) {
    try (FileChannel ch = FileChannel.open(iso, StandardOpenOption.WRITE)) {
      ch.write(bytes, at);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
