package io.github.pveiso.cache;

import io.github.pveiso.Sha256Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;

/**
 * How one kind of derived cache entry turns into bytes and back. Decoding checks every value, so a
 * damaged or forged payload is an {@link IOException} saying what is wrong, never a value that is
 * used.
 *
 * @param <T> the value an entry holds
 */
public interface DerivedCodec<T> {

  /** The kind of entry (lower-case letters, digits, {@code -}); also its folder's name. */
  String kind();

  /** The payload format; raise it whenever the same inputs would give other stored bytes. */
  int format();

  /** The payload of {@code value}. */
  byte[] encode(T value) throws IOException;

  /**
   * Writes the payload of {@code value} to {@code out}: by default {@link #encode}'s bytes. A codec
   * of large values writes them as it makes them, so the payload is never whole in memory.
   */
  default void encodeTo(T value, OutputStream out) throws IOException {
    out.write(encode(value));
  }

  /**
   * The value {@code payload} holds.
   *
   * @throws IOException saying what is wrong when it is not a valid payload of this kind
   */
  T decode(byte[] payload) throws IOException;

  /** The blobs {@code value} names (the files it stands for); an entry is used only with them. */
  default Set<Sha256Digest> blobs(T value) {
    return Set.of();
  }

  /**
   * A deeper check for {@code pveiso cache verify} of an entry that decoded: for example making the
   * value again from its input blobs and comparing. Nothing by default.
   *
   * @throws IOException saying what is wrong when the entry must be dropped
   */
  default void audit(DerivedKey key, T value, DerivedAudit context) throws IOException {}

  /** A key of this kind and format, with no inputs yet. */
  default DerivedKey key() {
    return DerivedKey.of(kind(), format());
  }

  /** The payload as it is, for entries of {@code kind} in {@code format}. */
  static DerivedCodec<byte[]> raw(String kind, int format) {
    return new DerivedCodec<>() {
      @Override
      public String kind() {
        return kind;
      }

      @Override
      public int format() {
        return format;
      }

      @Override
      public byte[] encode(byte[] value) {
        return value;
      }

      @Override
      public byte[] decode(byte[] payload) {
        return payload;
      }
    };
  }
}
