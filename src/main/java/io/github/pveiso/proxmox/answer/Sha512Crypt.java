package io.github.pveiso.proxmox.answer;

import io.github.pveiso.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * SHA-512 crypt ({@code $6$salt$hash}), as Ulrich Drepper's "Unix crypt using SHA-256 and SHA-512"
 * specifies it and glibc's crypt(3), mkpasswd and {@code openssl passwd -6} make it: the form
 * {@code root-password-hashed} takes. Default 5000 rounds, so the string has no {@code rounds=}.
 */
public final class Sha512Crypt {
  private Sha512Crypt() {}

  /** The characters of crypt's base-64 alphabet, in order. */
  private static final String ALPHABET =
      "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private static final int ROUNDS = 5000;
  private static final int SALT_LENGTH = 16;
  private static final Pattern SALT = Pattern.compile("[./0-9A-Za-z]{1,16}");

  /** The byte triples of the final digest, in the order the specification encodes them. */
  private static final int[][] ORDER = {
    {0, 21, 42},
    {22, 43, 1},
    {44, 2, 23},
    {3, 24, 45},
    {25, 46, 4},
    {47, 5, 26},
    {6, 27, 48},
    {28, 49, 7},
    {50, 8, 29},
    {9, 30, 51},
    {31, 52, 10},
    {53, 11, 32},
    {12, 33, 54},
    {34, 55, 13},
    {56, 14, 35},
    {15, 36, 57},
    {37, 58, 16},
    {59, 17, 38},
    {18, 39, 60},
    {40, 61, 19},
    {62, 20, 41}
  };

  /** Hashes {@code password} with a new random 16-character salt. */
  public static String hash(byte[] password, SecureRandom random) {
    StringBuilder salt = new StringBuilder();
    for (int i = 0; i < SALT_LENGTH; i++) {
      salt.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return hash(password, salt.toString());
  }

  /**
   * Hashes {@code password} with {@code salt} (1 to 16 characters of {@code ./0-9A-Za-z}).
   *
   * @throws InvalidInputException when the salt has other characters or is too long
   */
  public static String hash(byte[] password, String salt) {
    if (!SALT.matcher(salt).matches()) {
      throw new InvalidInputException(
          "salt '" + salt + "' is not valid; expected 1 to 16 characters of ./0-9A-Za-z");
    }
    byte[] s = salt.getBytes(StandardCharsets.US_ASCII);
    byte[] c = rounds(password, s);
    StringBuilder out = new StringBuilder("$6$").append(salt).append('$');
    for (int[] t : ORDER) {
      encode(out, c[t[0]], c[t[1]], c[t[2]], 4);
    }
    encode(out, (byte) 0, (byte) 0, c[63], 2);
    return out.toString();
  }

  private static byte[] rounds(byte[] p, byte[] s) {
    MessageDigest sha = sha512();
    // digest B: password, salt, password
    sha.update(p);
    sha.update(s);
    sha.update(p);
    byte[] b = sha.digest();
    // digest A: password, salt, B stretched to the password's length, then by its bits
    sha.update(p);
    sha.update(s);
    int n = p.length;
    for (; n > 64; n -= 64) {
      sha.update(b, 0, 64);
    }
    sha.update(b, 0, n);
    for (int bits = p.length; bits > 0; bits >>= 1) {
      if ((bits & 1) != 0) {
        sha.update(b);
      } else {
        sha.update(p);
      }
    }
    byte[] a = sha.digest();
    // the sequences P and S
    for (int i = 0; i < p.length; i++) {
      sha.update(p);
    }
    byte[] pSeq = stretch(sha.digest(), p.length);
    for (int i = 0; i < 16 + (a[0] & 0xff); i++) {
      sha.update(s);
    }
    byte[] sSeq = stretch(sha.digest(), s.length);
    byte[] c = a;
    for (int i = 0; i < ROUNDS; i++) {
      sha.update((i & 1) != 0 ? pSeq : c);
      if (i % 3 != 0) {
        sha.update(sSeq);
      }
      if (i % 7 != 0) {
        sha.update(pSeq);
      }
      sha.update((i & 1) != 0 ? c : pSeq);
      c = sha.digest();
    }
    Arrays.fill(pSeq, (byte) 0);
    return c;
  }

  /** {@code digest} repeated to {@code length} bytes. */
  private static byte[] stretch(byte[] digest, int length) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = digest[i % digest.length];
    }
    return out;
  }

  private static void encode(StringBuilder out, byte b2, byte b1, byte b0, int chars) {
    int w = ((b2 & 0xff) << 16) | ((b1 & 0xff) << 8) | (b0 & 0xff);
    for (int i = 0; i < chars; i++) {
      out.append(ALPHABET.charAt(w & 0x3f));
      w >>>= 6;
    }
  }

  private static MessageDigest sha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java has no SHA-512", e);
    }
  }
}
