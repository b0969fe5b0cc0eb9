package io.github.pveiso.cache;

import io.github.pveiso.ChunkedIo;
import io.github.pveiso.Sha256Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where derived entries are stored: {@code parsed/<kind>/<sha256 of the key text>}, each file the
 * key's text ({@link DerivedKey#text()}), a line {@code payload <length> sha256:<hex>} whose digest
 * is over the key text and the payload, then the payload. A read is for one key and checks that the
 * file holds exactly that key, that length and that digest; what it finds wrong is returned as a
 * reason, and the caller ({@link DerivedCache}) decides what to do with it.
 */
final class ParsedEntries {

  /** What a read found. */
  sealed interface Read {
    /** No entry. */
    record Missing() implements Read {}

    /** An intact entry of the key asked for. */
    record Found(byte[] payload) implements Read {}

    /** An entry that must not be used, and why. */
    record Bad(String reason) implements Read {}
  }

  /**
   * An entry read without knowing its key, for {@code cache verify}.
   *
   * @param key the key its header holds
   * @param payload its payload, checked against the header
   */
  record Stored(DerivedKey key, byte[] payload) {}

  /** The longest payload line: {@code payload}, ten digits, {@code sha256:} and 64 hex digits. */
  private static final int PAYLOAD_LINE_MAX = 8 + 10 + 8 + 64 + 1;

  /** The longest header {@link #readAny} looks for a payload line in. */
  private static final int HEADER_MAX = 1 << 20;

  private static final Pattern PAYLOAD_LINE =
      Pattern.compile("payload ([0-9]{1,10}) sha256:([0-9a-f]{64})");

  private static final byte[] DERIVED = "derived ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PAYLOAD = "payload ".getBytes(StandardCharsets.US_ASCII);

  private final CacheStorageFiles files;

  ParsedEntries(CacheStorageFiles files) {
    this.files = files;
  }

  /** The entry of {@code key}. */
  Read read(DerivedKey key) {
    Path file = files.parsedFile(key);
    byte[] expected = key.text().getBytes(StandardCharsets.UTF_8);
    try {
      if (!regularFile(file)) {
        return new Read.Bad("it is not a regular file");
      }
    } catch (NoSuchFileException e) {
      return new Read.Missing();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long size = channel.size();
      byte[] head = new byte[(int) Math.min(size, expected.length + PAYLOAD_LINE_MAX)];
      if (!ChunkedIo.readFully(channel, head, 0, head.length)) {
        return new Read.Bad("it is truncated");
      }
      int common = Math.min(head.length, expected.length);
      if (!Arrays.equals(head, 0, common, expected, 0, common)) {
        return new Read.Bad(
            startsWith(head, 0, DERIVED)
                ? "its header names other inputs or parameters (it was moved or made for another"
                    + " key)"
                : "its header is damaged");
      }
      if (head.length < expected.length) {
        return new Read.Bad("it is truncated");
      }
      int end = indexOf(head, (byte) '\n', expected.length);
      Matcher line =
          PAYLOAD_LINE.matcher(
              end < 0
                  ? ""
                  : new String(
                      head, expected.length, end - expected.length, StandardCharsets.US_ASCII));
      if (!line.matches()) {
        return new Read.Bad(
            end < 0 && size == head.length ? "it is truncated" : "its header is damaged");
      }
      long length = Long.parseLong(line.group(1));
      long have = size - (end + 1);
      if (have != length) {
        return new Read.Bad(lengthReason(have, length));
      }
      if (length > Integer.MAX_VALUE - 8) {
        return new Read.Bad("its payload is too large");
      }
      byte[] payload = new byte[(int) length]; // read once, into its own array
      int already = head.length - (end + 1);
      System.arraycopy(head, end + 1, payload, 0, already);
      if (!ChunkedIo.readFully(channel, payload, already, payload.length - already)) {
        return new Read.Bad("it is truncated");
      }
      if (!checksum(expected, payload).equals(line.group(2))) {
        return new Read.Bad("its checksum does not match");
      }
      return new Read.Found(payload);
    } catch (NoSuchFileException e) {
      return new Read.Missing();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The entry in {@code file}, whatever key it holds, checked against its own header.
   *
   * @throws IOException saying what is wrong with it (or that it cannot be read)
   */
  static Stored readAny(Path file) throws IOException {
    if (!regularFile(file)) {
      throw new IOException("it is not a regular file");
    }
    byte[] bytes = ChunkedIo.readAllBytes(file);
    if (!startsWith(bytes, 0, DERIVED)) {
      throw new IOException("its header is damaged");
    }
    int start = 0;
    while (true) {
      int end = indexOf(bytes, (byte) '\n', start);
      if (end < 0 || end > HEADER_MAX) {
        throw new IOException(end < 0 ? "it is truncated" : "its header is damaged");
      }
      if (startsWith(bytes, start, PAYLOAD)) {
        Matcher line =
            PAYLOAD_LINE.matcher(new String(bytes, start, end - start, StandardCharsets.US_ASCII));
        if (!line.matches()) {
          throw new IOException("its header is damaged");
        }
        DerivedKey key = key(new String(bytes, 0, start, StandardCharsets.UTF_8));
        long length = Long.parseLong(line.group(1));
        if (bytes.length - (end + 1) != length) {
          throw new IOException(lengthReason(bytes.length - (end + 1), length));
        }
        byte[] payload = Arrays.copyOfRange(bytes, end + 1, bytes.length);
        if (!checksum(Arrays.copyOf(bytes, start), payload).equals(line.group(2))) {
          throw new IOException("its checksum does not match");
        }
        return new Stored(key, payload);
      }
      start = end + 1;
    }
  }

  /**
   * The key the header of {@code file} holds, without reading or checking its payload (for {@code
   * cache prune}).
   *
   * @throws IOException when the header is not one
   */
  static DerivedKey readKey(Path file) throws IOException {
    if (!regularFile(file)) {
      throw new IOException("it is not a regular file");
    }
    byte[] head;
    try (var in = Files.newInputStream(file)) {
      head = in.readNBytes(HEADER_MAX);
    }
    if (!startsWith(head, 0, DERIVED)) {
      throw new IOException("its header is damaged");
    }
    int start = 0;
    while (true) {
      int end = indexOf(head, (byte) '\n', start);
      if (end < 0) {
        throw new IOException("its header is damaged");
      }
      if (startsWith(head, start, PAYLOAD)) {
        return key(new String(head, 0, start, StandardCharsets.UTF_8));
      }
      start = end + 1;
    }
  }

  private static DerivedKey key(String text) throws IOException {
    try {
      return DerivedKey.parse(text);
    } catch (IOException e) {
      throw new IOException("its header is damaged (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Stores what {@code payload} writes as the entry of {@code key}, replacing what is there
   * atomically; the payload is never whole in memory (see {@link PayloadFile}).
   *
   * @throws IOException when {@code payload} fails; nothing is stored then
   */
  void write(DerivedKey key, PayloadFile.Payload payload) throws IOException {
    byte[] text = key.text().getBytes(StandardCharsets.UTF_8);
    try (PayloadFile body = PayloadFile.write(files.tmpDirectory(), text, payload)) {
      byte[] line =
          ("payload " + body.length() + " sha256:" + body.checksum() + "\n")
              .getBytes(StandardCharsets.US_ASCII);
      AtomicFiles.write(files.parsedFile(key), files.tmpDirectory(), true, body.path(), text, line);
    }
  }

  /** Stores {@code payload} as the entry of {@code key}, replacing what is there atomically. */
  void write(DerivedKey key, byte[] payload) {
    byte[] text = key.text().getBytes(StandardCharsets.UTF_8);
    byte[] line =
        ("payload " + payload.length + " sha256:" + checksum(text, payload) + "\n")
            .getBytes(StandardCharsets.US_ASCII);
    // in three parts: a parsed index's payload is tens of MB, not copied once more
    AtomicFiles.write(files.parsedFile(key), files.tmpDirectory(), true, text, line, payload);
  }

  /** Deletes the entry of {@code key}, if there is one. */
  void delete(DerivedKey key) {
    AtomicFiles.deleteQuietly(files.parsedFile(key));
  }

  /** Whether {@code file} is a regular file itself (not a link, a folder or a FIFO). */
  private static boolean regularFile(Path file) throws IOException {
    return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
        .isRegularFile();
  }

  private static String lengthReason(long have, long length) {
    return have < length
        ? "it is truncated (" + have + " of " + length + " payload bytes)"
        : "it has " + (have - length) + " bytes more than its header says";
  }

  private static String checksum(byte[] text, byte[] payload) {
    MessageDigest digest = Sha256Digest.newMessageDigest();
    digest.update(text);
    digest.update(payload);
    return Sha256Digest.of(digest).hex();
  }

  private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
    return bytes.length - at >= prefix.length
        && Arrays.equals(bytes, at, at + prefix.length, prefix, 0, prefix.length);
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
