package io.github.pveiso;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** A SHA-256 digest as 64 lower-case hex digits: the name of a blob in the cache. */
public record Sha256Digest(String hex) implements Comparable<Sha256Digest> {

  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  /** Checks that {@code hex} is 64 lower-case hex digits. */
  public Sha256Digest {
    if (!HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a SHA-256 digest: '" + hex + "'");
    }
  }

  /**
   * Parses a digest written by someone else (a checksum list, a configuration value); upper case is
   * accepted.
   *
   * @throws IllegalArgumentException when {@code text} is not 64 hex digits
   */
  public static Sha256Digest parse(String text) {
    return new Sha256Digest(text.strip().toLowerCase(Locale.ROOT));
  }

  /** True when {@code text} is 64 hex digits (either case). */
  public static boolean isValid(String text) {
    return HEX.matcher(text.strip().toLowerCase(Locale.ROOT)).matches();
  }

  /** A fresh SHA-256 message digest. */
  public static MessageDigest newMessageDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** The digest a finished message digest computed. */
  public static Sha256Digest of(MessageDigest digest) {
    return new Sha256Digest(HexFormat.of().formatHex(digest.digest()));
  }

  /** The digest of {@code bytes}. */
  public static Sha256Digest of(byte[] bytes) {
    MessageDigest digest = newMessageDigest();
    digest.update(bytes);
    return of(digest);
  }

  /** The digest of a file's content, read once. */
  public static Sha256Digest ofFile(Path file) {
    MessageDigest digest = newMessageDigest();
    update(digest, file);
    return of(digest);
  }

  /** The digest of what {@code in} gives until its end, read in blocks (never whole in memory). */
  public static Sha256Digest of(InputStream in) throws IOException {
    MessageDigest digest = newMessageDigest();
    byte[] buffer = new byte[1 << 16];
    for (int n; (n = in.read(buffer)) > 0; ) {
      digest.update(buffer, 0, n);
    }
    return of(digest);
  }

  /** Feeds a file's content into {@code digest}. */
  public static void update(MessageDigest digest, Path file) {
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
        if (Thread.currentThread().isInterrupted()) {
          Threads.throwIfInterrupted("hashing " + file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public int compareTo(Sha256Digest other) {
    return hex.compareTo(other.hex);
  }

  @Override
  public String toString() {
    return hex;
  }
}
