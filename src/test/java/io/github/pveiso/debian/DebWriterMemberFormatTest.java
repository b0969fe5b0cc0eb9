package io.github.pveiso.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdOutputStream;
import io.github.pveiso.Sha256Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebWriterMemberFormatTest {

  /** In a fixed order (Map.of's order changes from run to run). */
  static final Stanza CONTROL = control();

  static Stanza control() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("Package", "formats");
    fields.put("Version", "1.0");
    fields.put("Architecture", "all");
    return Stanza.of(fields);
  }

  @TempDir Path scratch;

  /**
   * 12 MiB that compress about as firmware does (words from a small vocabulary, from a seeded
   * {@link Random}, whose sequence Java specifies): at zstd level 1 that is six of zstd's jobs.
   */
  static byte[] content() {
    Random random = new Random(20261204L);
    String[] words = new String[512];
    for (int i = 0; i < words.length; i++) {
      words[i] = Long.toString(random.nextLong() & 0xffffffL, 36);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (out.size() < 12 << 20) {
      out.writeBytes((words[random.nextInt(words.length)] + ' ').getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  byte[] write(DebWriter.MemberFormat format, byte[] content) throws IOException {
    Path file = Files.write(scratch.resolve("content.bin"), content);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DebWriter(format, 1_700_000_000L)
        .write(
            CONTROL,
            List.of(
                DebWriter.Item.file("usr/share/formats/a.bin", 0644, file, content.length),
                DebWriter.Item.symlink("usr/share/formats/b.bin", "a.bin")),
            out,
            scratch);
    return out.toByteArray();
  }

  /** The data member's files (SHA-256) and symlinks ({@code -> target}) by path. */
  static Map<String, String> read(byte[] deb) throws IOException {
    Map<String, String> seen = new LinkedHashMap<>();
    DebArchive archive = DebArchive.open("formats", new ByteArrayInputStream(deb));
    archive.readData(
        (entry, in) ->
            seen.put(
                entry.path(),
                entry.type() == DebEntry.Type.SYMLINK
                    ? "-> " + entry.linkTarget()
                    : Sha256Digest.of(in.readAllBytes()).hex()));
    return seen;
  }

  static List<String> members(byte[] deb) throws IOException {
    List<String> names = new ArrayList<>();
    try (InputStream in = new ByteArrayInputStream(deb)) {
      ArReader ar = new ArReader("formats", in);
      for (var m = ar.next(); m.isPresent(); m = ar.next()) {
        names.add(m.get().name());
      }
    }
    return names;
  }

  @Test
  void zstdBytesAreTheSameWhateverTheNumberOfWorkers() throws IOException {
    byte[] content = content();
    byte[] one = write(DebWriter.MemberFormat.zstd(1, 1), content);
    assertThat(write(DebWriter.MemberFormat.zstd(1, 2), content)).isEqualTo(one);
    assertThat(write(DebWriter.MemberFormat.zstd(1, 3), content)).isEqualTo(one);
    // and from machine to machine: zstd-jni's version is pinned by the build
    assertThat(Sha256Digest.of(one).hex())
        .isEqualTo("74a7fab04c2c2fbb3182c14954349b036aa22d87e0d0f4ebb67c32764e827eb2");
  }

  /** The bytes of {@code deb}'s member {@code name}. */
  static byte[] member(byte[] deb, String name) throws IOException {
    ArReader ar = new ArReader("formats", new ByteArrayInputStream(deb));
    for (var m = ar.next(); m.isPresent(); m = ar.next()) {
      if (m.get().name().equals(name)) {
        return m.get().content().readAllBytes();
      }
    }
    throw new AssertionError("no member " + name);
  }

  /** {@code tar} compressed by zstd-jni itself at {@code level}, one worker, with the checksum. */
  static byte[] zstd(byte[] tar, int level, boolean shortJobs) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZstdOutputStream zstd = new ZstdOutputStream(out, level)) {
      zstd.setChecksum(true);
      zstd.setWorkers(1);
      if (shortJobs) {
        zstd.setJobSize(2 << 20);
        zstd.setOverlapLog(9);
      }
      zstd.write(tar);
    }
    return out.toByteArray();
  }

  @Test
  void zstdJobsAreTwoMebibytesEachWithAWholeWindowBeforeIt() throws IOException {
    byte[] data = member(write(DebWriter.MemberFormat.zstd(6, 2), content()), "data.tar.zst");
    byte[] tar = Zstd.decompress(data, 13 << 20);

    assertThat(data).isEqualTo(zstd(tar, 6, true));
    // zstd's own jobs at level 6 (8 MiB, an eighth of a window before each) give other bytes
    assertThat(data).isNotEqualTo(zstd(tar, 6, false));
  }

  @Test
  void everyFormatHoldsTheSameFilesUnderItsOwnMemberNames() throws IOException {
    byte[] content = content();
    Map<String, String> expected =
        Map.of(
            "usr/share/formats/a.bin",
            Sha256Digest.of(content).hex(),
            "usr/share/formats/b.bin",
            "-> a.bin");
    Map<DebWriter.MemberFormat, String> suffixes =
        Map.of(
            DebWriter.MemberFormat.zstd(3, 2),
            ".zst",
            DebWriter.MemberFormat.xz(0),
            ".xz",
            DebWriter.MemberFormat.none(),
            "",
            new DebWriter.MemberFormat(DebWriter.Compressor.GZ, 1, 1),
            ".gz");
    for (var e : suffixes.entrySet()) {
      byte[] deb = write(e.getKey(), content);
      assertThat(members(deb))
          .as(e.getKey().toString())
          .containsExactly(
              "debian-binary", "control.tar" + e.getValue(), "data.tar" + e.getValue());
      assertThat(read(deb)).as(e.getKey().toString()).containsAllEntriesOf(expected);
    }
  }

  @Test
  void aLevelOrWorkersTheFormatHasNotAreRefused() {
    assertThatThrownBy(() -> DebWriter.MemberFormat.zstd(20, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ZSTD level 20 is not in 1 to 19");
    assertThatThrownBy(() -> DebWriter.MemberFormat.zstd(9, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ZSTD cannot use 0 workers");
    assertThatThrownBy(() -> new DebWriter.MemberFormat(DebWriter.Compressor.XZ, 6, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("XZ cannot use 2 workers");
    assertThatThrownBy(() -> DebWriter.MemberFormat.xz(10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("XZ level 10 is not in 0 to 9");
    assertThatThrownBy(() -> new DebWriter.MemberFormat(DebWriter.Compressor.NONE, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("NONE level 1 is not in 0 to 0");
  }

  @Test
  void theFormatSaysWhatItIs() {
    assertThat(DebWriter.MemberFormat.zstd(9, 2)).hasToString("zstd -9 (2 workers)");
    assertThat(DebWriter.MemberFormat.zstd(6, 1)).hasToString("zstd -6 (1 worker)");
    assertThat(DebWriter.MemberFormat.xz(6)).hasToString("xz -6");
    assertThat(DebWriter.MemberFormat.gzip()).hasToString("gzip -6");
    assertThat(DebWriter.MemberFormat.none()).hasToString("none");
  }
}
