package io.github.pveiso.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.pveiso.Sha256Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownDigestsTest {

  @TempDir Path dir;

  /** A clock an hour ahead: every file written by the test counts as settled. */
  private final Clock later = Clock.fixed(Instant.now().plusSeconds(3600), ZoneOffset.UTC);

  private KnownDigests known(Clock clock, boolean rehash) {
    return KnownDigests.of(new CacheStorageFiles(dir.resolve("cache")), clock, rehash);
  }

  private Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void aSettledFileIsRememberedAndServedWithoutHashing() throws IOException {
    Path f = file("a.iso", "abc");
    KnownDigests known = known(later, false);
    assertThat(known.remembered(f)).isEmpty();
    Sha256Digest digest = known.sha256(f);
    assertThat(digest).isEqualTo(Sha256Digest.of("abc".getBytes(StandardCharsets.UTF_8)));
    assertThat(known.remembered(f)).contains(digest);
    // the record names the identity and the digest, nothing else
    List<Path> records;
    try (var list = Files.list(dir.resolve("cache/known"))) {
      records = list.toList();
    }
    assertThat(records).hasSize(1);
    List<String> lines = Files.readAllLines(records.get(0));
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("pveiso-known-digest 1");
    assertThat(lines.get(1)).matches("\\d+ \\d+ 3 \\d+ \\d+");
    assertThat(lines.get(2)).isEqualTo(digest.hex());
  }

  @Test
  void aFileWrittenJustBeforeItIsHashedIsNotRemembered() throws IOException {
    // file times tick coarsely: a second write within the same tick could keep the identity
    Path f = file("fresh.iso", "abc");
    KnownDigests known = known(Clock.systemUTC(), false);
    assertThat(known.sha256(f)).isEqualTo(Sha256Digest.of("abc".getBytes(StandardCharsets.UTF_8)));
    assertThat(known.remembered(f)).isEmpty();
  }

  @Test
  void aChangedFileIsHashedAgain() throws IOException {
    Path f = file("a.iso", "abc");
    KnownDigests known = known(later, false);
    known.sha256(f);
    Files.writeString(f, "xyz"); // same size
    Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    assertThat(known.remembered(f)).isEmpty();
    assertThat(known.sha256(f)).isEqualTo(Sha256Digest.of("xyz".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aReplacedFileIsNotTakenForTheOldOne() throws IOException {
    Path f = file("a.iso", "abc");
    KnownDigests known = known(later, false);
    known.sha256(f);
    Path other = file("b.iso", "xyz");
    Files.move(other, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(known.sha256(f)).isEqualTo(Sha256Digest.of("xyz".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void rehashTrustsNothing() throws IOException {
    Path f = file("a.iso", "abc");
    known(later, false).sha256(f);
    KnownDigests rehash = known(later, true);
    assertThat(rehash.rehash()).isTrue();
    assertThat(rehash.remembered(f)).isEmpty();
    assertThat(rehash.sha256(f)).isEqualTo(Sha256Digest.of("abc".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aDamagedOrForeignRecordIsIgnoredAndReplaced() throws IOException {
    Path f = file("a.iso", "abc");
    KnownDigests known = known(later, false);
    known.sha256(f);
    Path record;
    try (var list = Files.list(dir.resolve("cache/known"))) {
      record = list.findFirst().orElseThrow();
    }
    List<String> lines = Files.readAllLines(record);
    for (String bad :
        List.of(
            "garbage",
            "pveiso-known-digest 2\n" + lines.get(1) + "\n" + lines.get(2) + "\n",
            "pveiso-known-digest 1\n" + lines.get(1) + "\nnot-a-digest\n",
            "pveiso-known-digest 1\n1 2 3 4 5\n" + lines.get(2) + "\n")) {
      Files.writeString(record, bad);
      assertThat(known.remembered(f)).as(bad).isEqualTo(Optional.empty());
    }
    assertThat(known.sha256(f)).isEqualTo(Sha256Digest.of("abc".getBytes(StandardCharsets.UTF_8)));
    assertThat(Files.readAllLines(record)).isEqualTo(lines);
  }
}
