package io.github.pveiso.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.pveiso.Sha256Digest;
import io.github.pveiso.events.Event;
import io.github.pveiso.events.EventListener;
import io.github.pveiso.net.Validators;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Derived entries: keys, the stored form, the one policy, and what verify and prune do. */
class DerivedEntriesTest {

  @TempDir Path root;

  final List<String> warnings = new ArrayList<>();
  final EventListener events =
      e -> {
        if (e instanceof Event.Log log && log.level() == Event.Level.WARN) {
          warnings.add(log.message());
        }
      };

  Cache cache() {
    return Cache.open(
        root,
        (uri, target, limit) -> {
          throw new AssertionError("nothing is downloaded: " + uri);
        },
        Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
        events);
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Upper-cases its text; refuses anything with a digit in it. */
  static final DerivedCodec<String> UPPER =
      new DerivedCodec<>() {
        @Override
        public String kind() {
          return "upper";
        }

        @Override
        public int format() {
          return 3;
        }

        @Override
        public byte[] encode(String value) {
          return b(value);
        }

        @Override
        public String decode(byte[] payload) throws IOException {
          String text = new String(payload, StandardCharsets.UTF_8);
          if (text.matches(".*[0-9].*")) {
            throw new IOException("it holds a digit");
          }
          return text;
        }
      };

  Sha256Digest input;

  DerivedKey key() throws IOException {
    if (input == null) {
      input = cache().put(b("the input"));
    }
    return UPPER.key().input("text one", input).param("mode", "loud");
  }

  @Test
  void aKeyIsItsTextAndReadsBack() throws IOException {
    Sha256Digest d = Sha256Digest.of(b("x"));
    DerivedKey key =
        DerivedKey.of("firmware-folder", 1)
            .input("firmware-misc-nonfree 20250410-1", d)
            .input("odd\nname 100%", d)
            .param("mtime", 1700000000);

    assertThat(key.text())
        .isEqualTo(
            "derived firmware-folder 1\ninput "
                + d.hex()
                + " firmware-misc-nonfree 20250410-1\ninput "
                + d.hex()
                + " odd%0Aname 100%25\nparam mtime 1700000000\n");
    assertThat(key.digest()).isEqualTo(Sha256Digest.of(b(key.text())));
    assertThat(DerivedKey.parse(key.text())).isEqualTo(key);
    assertThat(DerivedKey.parse(key.text()).inputs().get(1).name()).isEqualTo("odd\nname 100%");
    assertThat(key.label()).isEqualTo("firmware-misc-nonfree 20250410-1, odd\nname 100%");
    assertThat(key.param("x", "1")).isNotEqualTo(key);
    assertThatThrownBy(() -> DerivedKey.parse(key.text().replace("%0A", "%0a")))
        .isInstanceOf(IOException.class)
        .hasMessage("the key is not written the way pveiso writes it");
    assertThatThrownBy(() -> DerivedKey.parse("derived x 1\nsomething\n"))
        .isInstanceOf(IOException.class)
        .hasMessage("the key has a line that is neither an input nor a parameter");
    assertThatThrownBy(() -> DerivedKey.of("../x", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad derived-entry kind '../x'");
  }

  @Test
  void anEntryIsItsKeyAPayloadLineAndItsPayload() throws IOException {
    DerivedKey key = key();
    cache().derived(UPPER).write(key, "HELLO");

    Path file = cache().files().parsedFile(key);
    assertThat(file).isEqualTo(root.resolve("parsed/upper/" + key.digest().hex()));
    assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8))
        .isEqualTo(
            key.text()
                + "payload 5 sha256:"
                + Sha256Digest.of(b(key.text() + "HELLO")).hex()
                + "\nHELLO");
    assertThat(cache().derived(UPPER).read(key, "label")).contains("HELLO");
    assertThat(warnings).isEmpty();
  }

  @Test
  void whatIsWrongWithAnEntryIsOneWarningAndTheEntryIsMadeAgain() throws IOException {
    DerivedKey key = key();
    DerivedKey other = UPPER.key().input("text two", input).param("mode", "loud");
    Path file = cache().files().parsedFile(key);
    List<String> made = new ArrayList<>();
    DerivedCache.Maker<String> maker =
        () -> {
          made.add("made");
          return "MADE";
        };
    cache().derived(UPPER).write(key, "HELLO");
    byte[] good = Files.readAllBytes(file);

    // damaged: a flipped payload byte, a cut, a grown file, a header that is not one
    for (byte[] bad :
        List.of(
            flip(good, good.length - 1),
            Arrays.copyOf(good, good.length - 2),
            Arrays.copyOf(good, 20),
            concat(good, b("!")),
            b("garbage"))) {
      Files.write(file, bad);
      assertThat(cache().derived(UPPER).get(key, "the label", maker)).isEqualTo("MADE");
    }
    // moved: another key's entry under this key's name
    cache().derived(UPPER).write(other, "OTHER");
    Files.copy(
        cache().files().parsedFile(other), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(cache().derived(UPPER).get(key, "the label", maker)).isEqualTo("MADE");
    // undecodable
    cache().writeParsed(key, b("HELLO 2"));
    assertThat(cache().derived(UPPER).get(key, "the label", maker)).isEqualTo("MADE");
    // not a file
    Files.delete(file);
    Files.createSymbolicLink(file, cache().files().parsedFile(other));
    assertThat(cache().derived(UPPER).get(key, "the label", maker)).isEqualTo("MADE");

    String prefix = "cache: dropped upper entry of the label: ";
    String suffix = "; making it again";
    assertThat(warnings)
        .containsExactly(
            prefix + "its checksum does not match" + suffix,
            prefix + "it is truncated (3 of 5 payload bytes)" + suffix,
            prefix + "it is truncated" + suffix,
            prefix + "it has 1 bytes more than its header says" + suffix,
            prefix + "its header is damaged" + suffix,
            prefix
                + "its header names other inputs or parameters (it was moved or made for another"
                + " key)"
                + suffix,
            prefix + "it holds a digit" + suffix,
            prefix + "it is not a regular file" + suffix);
    assertThat(made).hasSize(8);
    warnings.clear();
    assertThat(cache().derived(UPPER).get(key, "the label", maker)).isEqualTo("MADE");
    assertThat(made).hasSize(8);
    assertThat(warnings).isEmpty();
  }

  @Test
  void aKeyOfAnotherKindOrFormatIsABug() throws IOException {
    assertThatThrownBy(() -> cache().derived(UPPER).read(DerivedKey.of("upper", 2), "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key upper 2 is not for upper 3");
  }

  @Test
  void verifyChecksEveryDerivedEntryAndTheIndex() throws IOException {
    Cache cache = cache();
    DerivedKey good = key();
    cache.derived(UPPER).write(good, "GOOD");
    DerivedKey undecodable = UPPER.key().input("text three", input);
    cache.writeParsed(undecodable, b("BAD 1"));
    DerivedKey oldFormat = DerivedKey.of("upper", 2).input("text", input);
    cache.writeParsed(oldFormat, b("OLD"));
    DerivedKey orphan = UPPER.key().input("gone", Sha256Digest.of(b("not in the cache")));
    cache.writeParsed(orphan, b("ORPHAN"));
    DerivedKey unknown = DerivedKey.of("unknown-kind", 7).input("text", input);
    cache.writeParsed(unknown, b("kept: only its header is checked"));
    Path moved = root.resolve("parsed/unknown-kind/" + "0".repeat(64));
    Files.copy(cache.files().parsedFile(unknown), moved);
    Path stray = root.resolve("parsed/stray");
    Files.writeString(stray, "x");
    Path misnamed = root.resolve("parsed/upper/not-a-digest");
    Files.writeString(misnamed, "x");
    cache.keep(
        URI.create("http://127.0.0.1/kept"),
        b("kept"),
        new Validators(Optional.of("\"e\""), Optional.empty()));
    URI other = URI.create("http://127.0.0.1/other");
    Path index = cache.files().indexFile(URI.create("http://127.0.0.1/kept"));
    Files.copy(index, cache.files().indexFile(other));

    CacheMaintenance.VerifyReport report = cache.verify(List.of(UPPER));

    assertThat(report.derivedDropped())
        .extracting(CacheMaintenance.DroppedEntry::path, CacheMaintenance.DroppedEntry::reason)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("parsed/stray", "it is not in a kind's folder"),
            org.assertj.core.groups.Tuple.tuple(
                "parsed/upper/not-a-digest", "its name is not an entry's"),
            org.assertj.core.groups.Tuple.tuple(path(undecodable), "it holds a digit"),
            org.assertj.core.groups.Tuple.tuple(
                path(oldFormat), "it is in format 2; this pveiso reads format 3"),
            org.assertj.core.groups.Tuple.tuple(
                path(orphan),
                "orphaned: its input gone ("
                    + Sha256Digest.of(b("not in the cache")).hex()
                    + ") is no longer in the cache"),
            org.assertj.core.groups.Tuple.tuple(
                "parsed/unknown-kind/" + "0".repeat(64),
                "its header names other inputs or parameters (it was moved or made for another"
                    + " key)"));
    assertThat(report.derivedChecked()).isEqualTo(9); // the 8 above and the kept validators
    assertThat(report.indexChecked()).isEqualTo(2);
    assertThat(report.indexDropped()).isEqualTo(1);
    assertThat(cache.list())
        .extracting(CacheEntry::url)
        .containsExactly(URI.create("http://127.0.0.1/kept"));
    assertThat(cache.derived(UPPER).read(good, "x")).contains("GOOD");
    assertThat(cache.files().parsedFile(unknown)).exists();
    assertThat(warnings).isEmpty();
    assertThat(cache.verify(List.of(UPPER)).derivedDropped()).isEmpty();
  }

  @Test
  void pruneDropsTheEntriesWhoseInputsAreGone() throws IOException {
    Cache cache = cache();
    DerivedKey kept = key();
    cache.derived(UPPER).write(kept, "KEPT");
    DerivedKey orphan = UPPER.key().input("gone", Sha256Digest.of(b("not in the cache")));
    cache.writeParsed(orphan, b("ORPHAN"));
    long orphanSize = Files.size(cache.files().parsedFile(orphan));

    CacheMaintenance.PruneReport report =
        cache.prune(new CacheMaintenance.PruneRequest(Optional.empty(), Optional.empty()));

    assertThat(report.freedBytes()).isEqualTo(orphanSize);
    assertThat(cache.files().parsedFile(orphan)).doesNotExist();
    assertThat(cache.derived(UPPER).read(kept, "x")).contains("KEPT");
  }

  String path(DerivedKey key) {
    return "parsed/" + key.kind() + "/" + key.digest().hex();
  }

  static byte[] flip(byte[] bytes, int at) {
    byte[] out = bytes.clone();
    out[at] ^= 1;
    return out;
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
