package io.github.pveiso.proxmox.answer;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The bytes of a small file (an answer, a first-boot executable) with the name it is known by; the
 * bytes are copied in and out. {@link #toString()} never shows them (an answer holds secrets).
 */
public final class Content {
  private final String name;
  private final byte[] bytes;

  /** Holds a copy of {@code bytes}, known as {@code name} (a file name, never a secret). */
  public Content(String name, byte[] bytes) {
    this.name = name;
    this.bytes = bytes.clone();
  }

  /** The name it is known by, e.g. {@code answer.toml}. */
  public String name() {
    return name;
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The size in bytes. */
  public int size() {
    return bytes.length;
  }

  /** The SHA-256 of the bytes, 64 lower-case hex digits. */
  public String sha256() {
    return sha256(bytes);
  }

  /** The SHA-256 of {@code bytes}, 64 lower-case hex digits. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java has no SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return name + " (" + bytes.length + " bytes, sha256 " + sha256() + ")";
  }
}
