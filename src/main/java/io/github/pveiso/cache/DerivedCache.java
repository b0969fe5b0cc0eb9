package io.github.pveiso.cache;

import io.github.pveiso.events.EventListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The one policy for derived cache entries (what pveiso made from blobs and keeps so a warm build
 * need not make it again): a missing entry is made; an entry that is damaged (its checksum, its
 * length, its header), mis-bound (its header names another kind, format, other inputs or parameters
 * than the key asked for: it was moved or forged), undecodable, or that its user finds wrong after
 * decoding, is dropped with one warning, {@code cache: dropped <kind> entry of <label>: <reason>;
 * making it again}, and made again.
 *
 * <p>Threat model. The header's checksum finds damage (a flipped bit, a truncated write, a file
 * from another entry) and its key binds the entry to its inputs: an entry copied under another key,
 * or edited to claim other inputs, is refused. Neither stops someone who can write the cache on
 * purpose: whoever rewrites an entry can write its header and checksum too, and nothing without a
 * secret or without making the value again can tell such an entry from a real one. So every user of
 * an entry checks what it can cheaply: every blob an entry names is hashed again before use, and a
 * value whose content can be checked against other inputs is (the staged {@code /firmware} tree
 * must be exactly what the per-package file lists say, see {@code FirmwareFolderCache}); {@code
 * pveiso cache verify} goes further and makes values again from their input blobs where {@link
 * DerivedCodec#audit} can. A cache that people who must not choose the output can write is not safe
 * to build from; keep it private to the user that builds.
 *
 * @param <T> the value an entry holds
 */
public final class DerivedCache<T> {

  /**
   * Makes a value when the cache has none.
   *
   * @param <T> the value
   */
  @FunctionalInterface
  public interface Maker<T> {
    /** The value, made from the inputs. */
    T make() throws IOException;
  }

  private final ParsedEntries entries;
  private final DerivedCodec<T> codec;
  private final EventListener events;

  /**
   * Entries of {@code codec}'s kind in {@code cache}; reports dropped entries to {@code events}.
   */
  public DerivedCache(Cache cache, DerivedCodec<T> codec, EventListener events) {
    this(cache.parsedEntries(), codec, events);
  }

  DerivedCache(ParsedEntries entries, DerivedCodec<T> codec, EventListener events) {
    this.entries = entries;
    this.codec = codec;
    this.events = events;
  }

  /** The codec of the entries. */
  public DerivedCodec<T> codec() {
    return codec;
  }

  /**
   * The value stored for {@code key} when there is an intact entry bound to it that decodes; a
   * damaged, mis-bound or undecodable one is dropped with the warning ({@code label} names what the
   * entry is of).
   */
  public Optional<T> read(DerivedKey key, String label) {
    checkKind(key);
    return switch (entries.read(key)) {
      case ParsedEntries.Read.Missing missing -> Optional.empty();
      case ParsedEntries.Read.Bad bad -> {
        drop(key, label, bad.reason());
        yield Optional.empty();
      }
      case ParsedEntries.Read.Found found -> {
        try {
          yield Optional.of(codec.decode(found.payload()));
        } catch (IOException e) {
          drop(key, label, String.valueOf(e.getMessage()));
          yield Optional.empty();
        }
      }
    };
  }

  /**
   * Drops the entry of {@code key} with the warning: for a value its user found wrong after
   * decoding it ({@code reason} says how).
   */
  public void drop(DerivedKey key, String label, String reason) {
    checkKind(key);
    events.warn(
        "cache: dropped "
            + key.kind()
            + " entry of "
            + label
            + ": "
            + reason
            + "; making it again");
    entries.delete(key);
  }

  /** Stores {@code value} as the entry of {@code key}. */
  public void write(DerivedKey key, T value) {
    checkKind(key);
    try {
      entries.write(key, out -> codec.encodeTo(value, out));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot encode the " + key.kind() + " entry of " + key.label() + ": " + e.getMessage(),
          e);
    }
  }

  /** The value of {@code key}: {@link #read} when it is there, else made and stored. */
  public T get(DerivedKey key, String label, Maker<T> maker) throws IOException {
    Optional<T> hit = read(key, label);
    if (hit.isPresent()) {
      return hit.get();
    }
    T made = maker.make();
    write(key, made);
    return made;
  }

  private void checkKind(DerivedKey key) {
    if (!key.kind().equals(codec.kind()) || key.format() != codec.format()) {
      throw new IllegalArgumentException(
          "key "
              + key.kind()
              + " "
              + key.format()
              + " is not for "
              + codec.kind()
              + " "
              + codec.format());
    }
  }
}
