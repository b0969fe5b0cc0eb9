package io.github.pveiso.iso.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.InvalidInputException;
import io.github.pveiso.Sha256Digest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDraftTest {

  @TempDir Path tmp;

  /** {@code length} bytes from {@code seed}. */
  private Path file(String name, int length, long seed) throws IOException {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return Files.write(tmp.resolve(name), bytes);
  }

  /**
   * Applies the same {@code count} random edits (writes anywhere, also past the end; whole local
   * files; truncations) to a copy of {@code source} in place and to a draft of it, and checks that
   * reads of both agree after each edit.
   */
  private ImageDraft edit(Path source, Path inPlace, List<Path> locals, long seed, int count)
      throws IOException {
    Files.copy(source, inPlace);
    ImageDraft draft = ImageDraft.copyOf(source);
    Random random = new Random(seed);
    try (FileChannel ch =
        FileChannel.open(inPlace, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ImageBytes file = ImageBytes.of(ch);
      for (int i = 0; i < count; i++) {
        long size = file.size();
        long at = random.nextLong(size + 5000);
        switch (random.nextInt(4)) {
          case 0, 1 -> {
            byte[] bytes = new byte[1 + random.nextInt(3000)];
            random.nextBytes(bytes);
            file.write(ByteBuffer.wrap(bytes), at);
            draft.write(ByteBuffer.wrap(bytes), at);
          }
          case 2 -> {
            Path local = locals.get(random.nextInt(locals.size()));
            file.copy(local, Files.size(local), at);
            draft.copy(local, Files.size(local), at);
          }
          default -> {
            long to = Math.max(0, size - random.nextInt(4000));
            file.truncate(to);
            draft.truncate(to);
          }
        }
        assertThat(draft.size()).isEqualTo(file.size());
        long from = random.nextLong(file.size() + 100);
        assertThat(read(draft, from, 6000)).isEqualTo(read(file, from, 6000));
      }
    }
    return draft;
  }

  private static byte[] read(ImageBytes image, long at, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    int n = image.read(buffer, at);
    return n < 0 ? new byte[0] : Arrays.copyOf(buffer.array(), n);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void writesTheBytesTheSameEditsInPlaceGive(long seed) throws IOException {
    Path source = file("source.bin", 50_000, seed);
    List<Path> locals =
        List.of(
            file("a.bin", 1, 10), file("b.bin", 2048, 11), file("c.bin", 7000, 12), empty("d.bin"));
    ImageDraft draft = edit(source, tmp.resolve("in-place.bin"), locals, seed, 60);
    Path target = tmp.resolve("target.bin");
    draft.writeTo(target, WriteProgress.NONE);
    assertThat(Files.readAllBytes(target))
        .isEqualTo(Files.readAllBytes(tmp.resolve("in-place.bin")));
  }

  private Path empty(String name) throws IOException {
    return Files.write(tmp.resolve(name), new byte[0]);
  }

  @Test
  void everyReportedPrefixIsFinalWhenItIsReported() throws IOException {
    Path source = file("source.bin", 40_000, 7);
    List<Path> locals = List.of(file("a.bin", 3000, 8), file("b.bin", 100, 9));
    ImageDraft draft = edit(source, tmp.resolve("in-place.bin"), locals, 7, 40);
    long end = draft.size();
    draft.write(ByteBuffer.wrap(new byte[] {1}), end + 9000);
    draft.truncate(end + 5000); // ends in a hole
    Path target = tmp.resolve("target.bin");
    List<Long> reports = new ArrayList<>();
    MessageDigest sha = Sha256Digest.newMessageDigest();
    draft.writeTo(
        target,
        bytes -> {
          long from = reports.isEmpty() ? 0 : reports.get(reports.size() - 1);
          assertThat(bytes).isGreaterThanOrEqualTo(from);
          reports.add(bytes);
          try {
            sha.update(Arrays.copyOfRange(Files.readAllBytes(target), (int) from, (int) bytes));
          } catch (IOException e) {
            throw new AssertionError(e);
          }
        });
    assertThat(reports.get(reports.size() - 1)).isEqualTo(Files.size(target));
    assertThat(Sha256Digest.of(sha)).isEqualTo(Sha256Digest.ofFile(target));
  }

  @Test
  void aLongCopyIsReportedInSteps() throws IOException {
    Path source = file("source.bin", (int) (2 * ImageDraft.STEP + 5), 1);
    List<Long> reports = new ArrayList<>();
    ImageDraft.copyOf(source).writeTo(tmp.resolve("target.bin"), reports::add);
    assertThat(reports)
        .containsExactly(
            ImageDraft.STEP, 2 * ImageDraft.STEP, 2 * ImageDraft.STEP + 5, 2 * ImageDraft.STEP + 5);
    assertThat(tmp.resolve("target.bin")).hasSameBinaryContentAs(source);
  }

  @Test
  void aLocalFileOfAnotherLengthIsRefused() throws IOException {
    Path source = file("source.bin", 4096, 1);
    Path local = file("local.bin", 100, 2);
    ImageDraft draft = ImageDraft.copyOf(source);
    assertThatThrownBy(() -> draft.copy(local, 99, 4096))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("local file " + local + " changed size while the ISO was written; retry");
    draft.copy(local, 100, 4096);
    Files.write(local, new byte[101]);
    assertThatThrownBy(() -> draft.writeTo(tmp.resolve("target.bin"), WriteProgress.NONE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("local file " + local + " changed size while the ISO was written; retry");
  }
}
